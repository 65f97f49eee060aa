import type { AlertEvent, WebhookView } from '@park/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { jsonValue, perDialect, sqliteTime } from './dialect';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';

export class WebhookNotFoundError extends Error {
  constructor(id: string) {
    super(`webhook ${id} not found`);
    this.name = 'WebhookNotFoundError';
  }
}

export interface WebhookInput {
  readonly name: string;
  readonly url: string;
  readonly secret: string;
  readonly severities: readonly string[];
  readonly enabled: boolean;
}

export interface DueDelivery {
  readonly id: string;
  readonly webhookId: string;
  readonly url: string;
  readonly secret: string;
  readonly payload: unknown;
  readonly attempts: number;
}

/**
 * Event types not sent to webhooks: a repeat only raises a count, it is not news for a phone; a suppressed alert
 * is held back by a maintenance window on purpose (its `opened` event is sent if it goes live).
 */
const NOT_DELIVERED = ['repeated', 'suppressed'];

/** Outbound webhooks and their delivery queue (an outbox per webhook, filled with the alert event). */
export class WebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<WebhookView[]> {
    const rows = await this.dataSource.getRepository(WebhookEntity).find({ order: { createdAt: 'ASC' } });
    return rows.map(toView);
  }

  async create(input: WebhookInput): Promise<WebhookView> {
    const repo = this.dataSource.getRepository(WebhookEntity);
    const row = await repo.save(repo.create({ ...input, severities: [...input.severities] }));
    return toView(row);
  }

  async update(id: string, input: Partial<WebhookInput>): Promise<WebhookView> {
    const repo = this.dataSource.getRepository(WebhookEntity);
    const row = await repo.findOneBy({ id });
    if (!row) throw new WebhookNotFoundError(id);
    Object.assign(row, { ...input, ...(input.severities ? { severities: [...input.severities] } : {}) });
    return toView(await repo.save(row));
  }

  async remove(id: string): Promise<void> {
    const result = await this.dataSource.getRepository(WebhookEntity).delete({ id });
    if (!result.affected) throw new WebhookNotFoundError(id);
  }

  /** Queues the event for every enabled webhook of its severity, in the caller's (the alert change's) transaction. */
  async enqueueIn(em: EntityManager, event: AlertEvent, at: Date): Promise<void> {
    if (NOT_DELIVERED.includes(event.type)) return;
    await perDialect(em, {
      postgres: () =>
        em.query(
          `INSERT INTO webhook_deliveries (webhook_id, event_seq, payload, attempts, next_attempt_at)
           SELECT w.id, $1, $2::jsonb, 0, $3 FROM webhooks w
            WHERE w.enabled AND w.severities ? $4
           ON CONFLICT (webhook_id, event_seq) DO NOTHING`,
          [String(event.seq), JSON.stringify(event), at, event.alert.severity],
        ),
      sqlite: () =>
        em.query(
          `INSERT INTO webhook_deliveries (webhook_id, event_seq, payload, attempts, next_attempt_at)
           SELECT w.id, ?, ?, 0, ? FROM webhooks w
            WHERE w.enabled AND EXISTS (SELECT 1 FROM json_each(w.severities) s WHERE s.value = ?)
           ON CONFLICT (webhook_id, event_seq) DO NOTHING`,
          [event.seq, JSON.stringify(event), sqliteTime(at), event.alert.severity],
        ),
    });
  }

  /**
   * Claims up to `limit` due deliveries for `leaseMs` (SKIP LOCKED: several dispatchers never take the same one;
   * a dispatcher that dies lets its lease run out and another retries).
   */
  async claimDue(limit: number, now: number, leaseMs: number): Promise<DueDelivery[]> {
    return this.dataSource.transaction(async (em) => {
      const rows = await dueDeliveriesIn(em, now, limit);
      if (rows.length === 0) return [];
      await leaseDeliveriesIn(
        em,
        rows.map((r) => String(r.id)),
        now + leaseMs,
      );
      return rows.map((r) => ({
        id: String(r.id),
        webhookId: r.webhook_id,
        url: r.url,
        secret: r.secret,
        payload: jsonValue(em, r.payload),
        attempts: r.attempts,
      }));
    });
  }

  async markDelivered(id: string, status: number, at: number): Promise<void> {
    await this.dataSource.getRepository(WebhookDeliveryEntity).update(id, {
      deliveredAt: new Date(at),
      lastStatus: status,
      lastError: null,
      attempts: () => 'attempts + 1',
    });
  }

  /** Records a failed attempt; `retryAt` null means no attempts left. */
  async markFailed(
    id: string,
    status: number | null,
    error: string,
    retryAt: number | null,
    at: number,
  ): Promise<void> {
    await this.dataSource.getRepository(WebhookDeliveryEntity).update(id, {
      lastStatus: status,
      lastError: error.slice(0, 1000),
      attempts: () => 'attempts + 1',
      ...(retryAt === null ? { gaveUpAt: new Date(at) } : { nextAttemptAt: new Date(retryAt) }),
    });
  }

  deliveries(webhookId: string, limit = 50): Promise<WebhookDeliveryEntity[]> {
    return this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .find({ where: { webhookId }, order: { id: 'DESC' }, take: limit });
  }
}

interface DueRow {
  id: string | number;
  webhook_id: string;
  url: string;
  secret: string;
  payload: unknown;
  attempts: number;
}

/** Due deliveries, oldest first, locked with SKIP LOCKED on PostgreSQL (SQLite: one writer at a time anyway). */
function dueDeliveriesIn(em: EntityManager, now: number, limit: number): Promise<DueRow[]> {
  return perDialect(em, {
    postgres: () =>
      em.query<DueRow[]>(
        `SELECT d.id, d.webhook_id, w.url, w.secret, d.payload, d.attempts
           FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
          WHERE d.delivered_at IS NULL AND d.gave_up_at IS NULL AND d.next_attempt_at <= $1
          ORDER BY d.next_attempt_at, d.id
          LIMIT $2
          FOR UPDATE OF d SKIP LOCKED`,
        [new Date(now), limit],
      ),
    sqlite: () =>
      em.query<DueRow[]>(
        `SELECT d.id, d.webhook_id, w.url, w.secret, d.payload, d.attempts
           FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
          WHERE d.delivered_at IS NULL AND d.gave_up_at IS NULL AND d.next_attempt_at <= ?
          ORDER BY d.next_attempt_at, d.id
          LIMIT ?`,
        [sqliteTime(now), limit],
      ),
  });
}

async function leaseDeliveriesIn(em: EntityManager, ids: readonly string[], until: number): Promise<void> {
  await perDialect(em, {
    postgres: () =>
      em.query(`UPDATE webhook_deliveries SET next_attempt_at = $1 WHERE id = ANY($2::bigint[])`, [
        new Date(until),
        ids,
      ]),
    sqlite: () =>
      em.query(
        `UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id IN (SELECT value FROM json_each(?))`,
        [sqliteTime(until), JSON.stringify(ids.map(Number))],
      ),
  });
}

function toView(row: WebhookEntity): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    severities: row.severities,
    enabled: row.enabled,
    createdAt: row.createdAt.getTime(),
  };
}
