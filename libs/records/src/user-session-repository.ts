import { In, IsNull, LessThan, type DataSource } from 'typeorm';
import { UserSessionEntity } from './entities/user-session.entity';
import { UserEntity } from './entities/user.entity';

/** What the API needs to know of a session on each request: whether it may still be used, and as whom. */
export interface SessionState {
  readonly userId: string;
  /** False when the session was revoked or its user is disabled. */
  readonly live: boolean;
  readonly role: string;
  readonly enterpriseId: string | null;
  readonly department: string | null;
  readonly expiresAt: number;
}

/** The sessions of signed-in users (UserSessionEntity). */
export class UserSessionRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(UserSessionEntity);
  }

  /** A new session of the user until `expiresAt`; returns its id (the token's `sid`). */
  async open(userId: string, expiresAt: Date): Promise<string> {
    const row = await this.repo.save(this.repo.create({ userId, expiresAt, revokedAt: null }));
    return row.id;
  }

  /**
   * The state of each of these sessions that exists, with its user's current role, enterprise and disabled flag
   * (one query, by primary key): a session whose user is disabled is not live.
   */
  async states(ids: readonly string[]): Promise<Map<string, SessionState>> {
    const out = new Map<string, SessionState>();
    if (ids.length === 0) return out;
    const rows = await this.repo
      .createQueryBuilder('s')
      .innerJoin(UserEntity, 'u', 'u.id = s.user_id')
      .select([
        's.id AS id',
        's.user_id AS user_id',
        's.expires_at AS expires_at',
        's.revoked_at AS revoked_at',
        'u.role AS role',
        'u.enterprise_id AS enterprise_id',
        'u.department AS department',
        'u.disabled AS disabled',
      ])
      .where({ id: In([...ids]) })
      .getRawMany<{
        id: string;
        user_id: string;
        expires_at: Date | string;
        revoked_at: Date | string | null;
        role: string;
        enterprise_id: string | null;
        department: string | null;
        disabled: boolean | number;
      }>();
    for (const row of rows) {
      out.set(row.id, {
        userId: row.user_id,
        // SQLite hands back 0/1 and UTC text; PostgreSQL booleans and Dates.
        live: row.revoked_at === null && !row.disabled,
        role: row.role,
        enterpriseId: row.enterprise_id,
        department: row.department,
        expiresAt: toMs(row.expires_at),
      });
    }
    return out;
  }

  /** Ends one session (idempotent). Returns whether it was live. */
  async revoke(id: string, at: Date): Promise<boolean> {
    const result = await this.repo.update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return (result.affected ?? 0) > 0;
  }

  /** Ends every live session of the user; returns how many. */
  async revokeAllOf(userId: string, at: Date): Promise<number> {
    const result = await this.repo.update({ userId, revokedAt: IsNull() }, { revokedAt: at });
    return result.affected ?? 0;
  }

  /** Deletes the sessions that expired before `before` (their tokens are refused anyway); returns how many. */
  async prune(before: Date): Promise<number> {
    const result = await this.repo.delete({ expiresAt: LessThan(before) });
    return result.affected ?? 0;
  }
}

function toMs(value: Date | string): number {
  if (value instanceof Date) return value.getTime();
  // SQLite keeps timestamps as UTC text without a zone ("2026-12-07 01:02:03.456").
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`);
}
