import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type {
  ExchangeBatchView,
  ExchangeRowInput,
  ExchangeRowResult,
  ExchangeSourceView,
  ExchangeUploadReport,
  IssuedSourceKey,
  Page,
} from '@park/contracts';
import {
  ExchangeRecords,
  type BatchRecord,
  type ExchangeSourceEntity,
  type IssuedKey,
  type PageRequest,
} from '@park/records';
import type { CreateSourceDto, UpdateSourceDto } from './exchange.dto';

export function sourceView(s: ExchangeSourceEntity): ExchangeSourceView {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    scopes: s.scopes,
    keyPrefix: s.keyPrefix,
    rateLimitPerMinute: s.rateLimitPerMinute,
    dropFolder: s.dropFolder,
    revokedAt: s.revokedAt ? s.revokedAt.toISOString() : null,
    lastUsedAt: s.lastUsedAt ? s.lastUsedAt.toISOString() : null,
    demo: s.demo,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
  };
}

export function batchView({ batch: b, sourceName }: BatchRecord): ExchangeBatchView {
  return {
    id: b.id,
    sourceId: b.sourceId,
    sourceName,
    via: b.via,
    reference: b.reference,
    dryRun: b.dryRun,
    rows: b.rows,
    stored: b.stored,
    unchanged: b.unchanged,
    rejected: b.rejected,
    problems: b.problems as ExchangeRowResult[],
    receivedAt: b.receivedAt.toISOString(),
  };
}

const issuedView = ({ source, key }: IssuedKey): IssuedSourceKey => ({ source: sourceView(source), key });

/** The exchange's sources and batches (admin) and its intake (the inbound route and the drop folder). */
@Injectable()
export class ExchangeService {
  constructor(
    @Inject(ExchangeRecords) private readonly records: ExchangeRecords,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async sources(): Promise<ExchangeSourceView[]> {
    return (await this.records.listSources()).map(sourceView);
  }

  async create(p: Principal, body: CreateSourceDto): Promise<IssuedSourceKey> {
    return issuedView(await this.records.createSource({ username: p.username }, body));
  }

  async update(p: Principal, id: string, body: UpdateSourceDto): Promise<ExchangeSourceView> {
    return sourceView(await this.records.updateSource({ username: p.username }, id, body));
  }

  async rotate(p: Principal, id: string): Promise<IssuedSourceKey> {
    return issuedView(await this.records.rotateKey({ username: p.username }, id));
  }

  async revoke(p: Principal, id: string): Promise<ExchangeSourceView> {
    return sourceView(await this.records.revoke({ username: p.username }, id, new Date(this.clock.now())));
  }

  async batches(query: { sourceId?: string }, page: PageRequest): Promise<Page<ExchangeBatchView>> {
    const found = await this.records.batches(query, page);
    return { ...found, items: found.items.map(batchView) };
  }

  async batch(id: string): Promise<ExchangeBatchView> {
    return batchView(await this.records.batch(id));
  }

  /** One upload of a source, by the API or the drop folder: the same checks, scopes and records. */
  upload(
    source: ExchangeSourceEntity,
    rows: readonly ExchangeRowInput[] | readonly unknown[],
    options: { dryRun: boolean; via: 'api' | 'drop-folder'; reference: string | null },
  ): Promise<ExchangeUploadReport> {
    return this.records.intake(source, rows, { ...options, at: new Date(this.clock.now()) });
  }
}
