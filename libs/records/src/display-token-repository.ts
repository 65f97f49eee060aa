import type { DisplayTokenView } from '@park/contracts';
import type { DataSource } from 'typeorm';
import { In, IsNull } from 'typeorm';
import { DisplayTokenEntity } from './entities/display-token.entity';

export class DisplayTokenNotFoundError extends Error {
  constructor(id: string) {
    super(`display token ${id} not found`);
    this.name = 'DisplayTokenNotFoundError';
  }
}

/** The display tokens of wall displays, found by the hash of the token (the token itself is never stored). */
export class DisplayTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(DisplayTokenEntity);
  }

  async create(name: string, tokenHash: string, createdBy: string): Promise<DisplayTokenView> {
    const row = await this.repo.save(this.repo.create({ name, tokenHash, createdBy }));
    return toView(row);
  }

  async list(): Promise<DisplayTokenView[]> {
    return (await this.repo.find({ order: { createdAt: 'ASC' } })).map(toView);
  }

  /** Marks the token revoked (idempotent); a revoked token stays listed, so the screen's history is kept. */
  async revoke(id: string, at: Date): Promise<DisplayTokenView> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new DisplayTokenNotFoundError(id);
    if (!row.revokedAt) {
      row.revokedAt = at;
      await this.repo.update({ id }, { revokedAt: at });
    }
    return toView(row);
  }

  /** Which of these tokens exist and are not revoked (one query): their sessions may go on. */
  async liveIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.repo.find({
      select: { id: true },
      where: { id: In([...ids]), revokedAt: IsNull() },
    });
    return new Set(rows.map((row) => row.id));
  }

  /** The unrevoked token with this hash, stamped as used now; null when there is none. */
  async use(tokenHash: string, at: Date): Promise<DisplayTokenView | null> {
    const row = await this.repo.findOneBy({ tokenHash, revokedAt: IsNull() });
    if (!row) return null;
    await this.repo.update({ id: row.id }, { lastUsedAt: at });
    return toView({ ...row, lastUsedAt: at });
  }
}

function toView(row: DisplayTokenEntity): DisplayTokenView {
  return {
    id: row.id,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt.getTime(),
    lastUsedAt: row.lastUsedAt ? row.lastUsedAt.getTime() : null,
    revokedAt: row.revokedAt ? row.revokedAt.getTime() : null,
  };
}
