import {
  DEFAULT_NOTIFIED_EVENT_TYPES,
  NEVER_NOTIFIED_EVENT_TYPES,
  TEST_DELIVERY_EVENT_TYPE,
  type AlertEvent,
  type NotificationChannelView,
  type NotificationDeliveryStatus,
  type NotificationDeliveryView,
  type NotificationRecipientView,
} from '@park/contracts';
import { heldForDigest } from '@park/notifications';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { toAlertEvent } from './alert-repository';
import { perDialect, sqliteTime } from './dialect';
import { AlertEventEntity } from './entities/alert-event.entity';
import {
  NotificationChannelEntity,
  type NotificationRecipient,
} from './entities/notification-channel.entity';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { recordAudit } from './park/audit-trail';
import { translateDbError } from './park/audited-store';
import type { Page, PageRequest } from './park/paging';
import { notFound, RecordsError } from './park/records-errors';

/** What an admin sets on a channel; `config` secrets left out, empty or still masked keep their stored value. */
export interface NotificationChannelInput {
  readonly name: string;
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly severities: readonly string[];
  readonly eventTypes?: readonly string[];
  readonly enterpriseId: string | null;
  readonly recipients: readonly NotificationRecipient[];
  readonly enabled: boolean;
}

/** The adapter's check of a channel's settings (Chinese problems; empty: valid), run on the merged config. */
export type ChannelConfigCheck = (kind: string, config: Readonly<Record<string, unknown>>) => string[];

/** A channel as the dispatcher and the test button send through it: the settings unmasked. */
export interface SendableChannel {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly recipients: readonly NotificationRecipient[];
}

/** A delivery claimed by a dispatcher, with all it needs to send. */
export interface DueNotification {
  readonly id: string;
  readonly channel: SendableChannel;
  /** Null: the channel's group (robot kinds). */
  readonly recipient: NotificationRecipient | null;
  readonly event: AlertEvent;
  /** Attempts made before this one. */
  readonly attempts: number;
}

/** One attempt's outcome, as the provider answered it. */
export interface AttemptOutcome {
  readonly status: number | null;
  readonly answer: string;
}

export interface NotificationDeliveryFilter {
  readonly channelId?: string;
  readonly status?: NotificationDeliveryStatus;
  readonly alertId?: string;
}

/** The longest provider answer kept on a delivery. */
export const MAX_ANSWER_CHARS = 1_000;

const MASK = '••••';

/** The channel kinds that write to a person (an address per delivery), not to a group. */
const PERSON_ADDRESSED_KINDS: readonly string[] = ['email', 'aliyun-sms', 'tencent-sms'];

/**
 * Which config fields are secrets: keys, secrets, passwords, tokens, and robot webhook URLs (企业微信's `key=`
 * and 钉钉's `access_token=` are in the URL). A name ending in `Id` (accessKeyId, secretId, sdkAppId) is an
 * identifier the provider's console shows openly, not a secret.
 */
export function isSecretConfigField(name: string): boolean {
  if (/Id$/.test(name)) return false;
  return /secret|password|pass$|token|key|webhook|url/i.test(name);
}

/** `••••` and the last four characters (all masked when shorter than eight: too little to show any). */
export function maskSecret(value: string): string {
  return value.length >= 8 ? `${MASK}${value.slice(-4)}` : MASK;
}

/** The config as the API shows it: every secret field masked. */
export function maskedConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      isSecretConfigField(key) && typeof value === 'string' && value !== '' ? maskSecret(value) : value,
    ]),
  );
}

/**
 * The config to store from an update: a secret field left out, empty, or sent back masked (as the API showed it)
 * keeps its stored value, so an admin edits the name or recipients without retyping the robot's secret.
 */
export function mergedConfig(
  stored: Readonly<Record<string, unknown>>,
  given: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...given };
  for (const [key, value] of Object.entries(given)) {
    if (isSecretConfigField(key) && typeof value === 'string' && value.startsWith(MASK)) delete merged[key];
  }
  for (const [key, value] of Object.entries(stored)) {
    if (!isSecretConfigField(key)) continue;
    const next = given[key];
    if (next === undefined || next === '' || (typeof next === 'string' && next.startsWith(MASK)))
      merged[key] = value;
  }
  return merged;
}

/**
 * Notification channels and their delivery queue: the channels an admin configures (audited, entity type
 * `notification-channel`), and one delivery per (channel, recipient) for every alert event a channel receives —
 * queued in the alert change's own transaction, next to the webhooks' (so none is lost), claimed by dispatchers
 * with a lease (SKIP LOCKED on PostgreSQL) and retried with backoff.
 */
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<NotificationChannelView[]> {
    const rows = await this.dataSource
      .getRepository(NotificationChannelEntity)
      .find({ relations: { enterprise: true }, order: { createdAt: 'ASC' }, withDeleted: true });
    return rows.map(toChannelView);
  }

  async get(id: string): Promise<NotificationChannelView> {
    return toChannelView(await this.row(this.dataSource.manager, id));
  }

  /** The channel with its secrets, for sending (never for a view). */
  async sendable(id: string): Promise<SendableChannel> {
    return toSendable(await this.row(this.dataSource.manager, id));
  }

  async create(
    actor: string,
    input: NotificationChannelInput,
    check: ChannelConfigCheck,
  ): Promise<NotificationChannelView> {
    const config = { ...input.config };
    assertValid(check(input.kind, config));
    return this.dataSource.transaction(async (em) => {
      const repo = em.getRepository(NotificationChannelEntity);
      const saved = await repo
        .save(repo.create({ ...columnsOf(input, config), createdBy: actor, updatedBy: actor }))
        .catch((e: unknown) => {
          throw translateDbError(e, 'notification-channel', repo.metadata.columns);
        });
      const row = await this.row(em, saved.id);
      await audit(em, actor, 'create', row.id, null, row);
      return toChannelView(row);
    });
  }

  /** Replaces the channel's settings; secrets the admin did not retype stay (see `mergedConfig`). */
  async update(
    actor: string,
    id: string,
    input: NotificationChannelInput,
    check: ChannelConfigCheck,
  ): Promise<NotificationChannelView> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.row(em, id);
      // Another kind's settings have nothing in common with the stored ones: nothing is carried over.
      const config =
        before.kind === input.kind ? mergedConfig(before.config, input.config) : { ...input.config };
      assertValid(check(input.kind, config));
      const repo = em.getRepository(NotificationChannelEntity);
      await repo
        .save({ ...before, ...columnsOf(input, config), enterprise: undefined, updatedBy: actor })
        .catch((e: unknown) => {
          throw translateDbError(e, 'notification-channel', repo.metadata.columns);
        });
      const after = await this.row(em, id);
      await audit(em, actor, 'update', id, before, after);
      return toChannelView(after);
    });
  }

  /** Deletes the channel and its delivery records. */
  async remove(actor: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const before = await this.row(em, id);
      await em.getRepository(NotificationChannelEntity).delete({ id });
      await audit(em, actor, 'delete', id, before, null);
    });
  }

  private async row(em: EntityManager, id: string): Promise<NotificationChannelEntity> {
    const row = await em
      .getRepository(NotificationChannelEntity)
      // withDeleted: a removed (soft-deleted) enterprise still names the channels scoped to it.
      .findOne({ where: { id }, relations: { enterprise: true }, withDeleted: true });
    if (!row) throw notFound('notification-channel', id);
    return row;
  }

  /**
   * Queues the event for every enabled channel that receives it — its severity, its event type, and its
   * enterprise when the channel is scoped to one — one delivery per recipient (one post for a group robot), in
   * the caller's (the alert change's) transaction. `repeated` and `suppressed` are never sent.
   */
  async enqueueIn(em: EntityManager, event: AlertEvent, at: Date): Promise<void> {
    if ((NEVER_NOTIFIED_EVENT_TYPES as readonly string[]).includes(event.type)) return;
    // Info alerts go into the daily digest, not one by one (docs/notifications.md, 摘要).
    if (heldForDigest(event.alert.severity)) return;
    const channels = await em.getRepository(NotificationChannelEntity).findBy({ enabled: true });
    const rows = channels
      // A person-addressed channel without recipients of its own is reached only through the duty roster and the
      // escalation chain (escalation-repository.ts), which address each delivery themselves.
      .filter(
        (c) => receives(c, event) && (c.recipients.length > 0 || !PERSON_ADDRESSED_KINDS.includes(c.kind)),
      )
      .flatMap((c) =>
        (c.recipients.length > 0 ? c.recipients : [null]).map((r) => ({
          channelId: c.id,
          alertId: event.alert.id,
          eventSeq: String(event.seq),
          eventType: event.type,
          recipientName: r?.name ?? '',
          recipientAddress: r?.address ?? '',
          status: 'pending',
          attempts: 0,
          nextAttemptAt: at,
        })),
      );
    if (rows.length === 0) return;
    // A replayed event finds its deliveries already queued (unique per channel, event and recipient).
    await em.createQueryBuilder().insert().into(NotificationDeliveryEntity).values(rows).orIgnore().execute();
  }

  /**
   * Queues one delivery of `event` through one channel to one recipient (null: the channel's group), whatever the
   * channel's own filters say — the escalation chain's people on duty — in the caller's transaction. A delivery
   * already queued for the same channel, event and recipient stays the only one.
   */
  async enqueueForIn(
    em: EntityManager,
    channelId: string,
    recipient: NotificationRecipient | null,
    event: AlertEvent,
    at: Date,
  ): Promise<void> {
    await em
      .createQueryBuilder()
      .insert()
      .into(NotificationDeliveryEntity)
      .values({
        channelId,
        alertId: event.alert.id,
        eventSeq: String(event.seq),
        eventType: event.type,
        recipientName: recipient?.name ?? '',
        recipientAddress: recipient?.address ?? '',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
      })
      .orIgnore()
      .execute();
  }

  /**
   * Claims up to `limit` due deliveries for `leaseMs`: marked `sending` with the lease's end as their next attempt,
   * so a dispatcher that dies mid-send lets the lease run out and another retries. SKIP LOCKED: several
   * dispatchers never take the same delivery.
   */
  async claimDue(limit: number, now: number, leaseMs: number): Promise<DueNotification[]> {
    return this.dataSource.transaction(async (em) => {
      const due = await dueDeliveriesIn(em, now, limit);
      if (due.length === 0) return [];
      const ids = due.map((d) => String(d.id));
      await em
        .getRepository(NotificationDeliveryEntity)
        .update({ id: In(ids) }, { status: 'sending', nextAttemptAt: new Date(now + leaseMs) });
      const deliveries = await em.getRepository(NotificationDeliveryEntity).findBy({ id: In(ids) });
      const channels = await em
        .getRepository(NotificationChannelEntity)
        .findBy({ id: In([...new Set(deliveries.map((d) => d.channelId))]) });
      const events = await em.getRepository(AlertEventEntity).findBy({
        seq: In([...new Set(deliveries.flatMap((d) => (d.eventSeq === null ? [] : [d.eventSeq])))]),
      });
      const channelById = new Map(channels.map((c) => [c.id, toSendable(c)]));
      const eventBySeq = new Map(events.map((e) => [e.seq, toAlertEvent(e)]));
      return deliveries
        .sort((a, b) => Number(a.id) - Number(b.id))
        .flatMap((d) => {
          const channel = channelById.get(d.channelId);
          const event = d.eventSeq === null ? undefined : eventBySeq.get(d.eventSeq);
          if (!channel || !event) return [];
          return [
            {
              id: d.id,
              channel,
              recipient: d.recipientAddress ? { name: d.recipientName, address: d.recipientAddress } : null,
              event,
              attempts: d.attempts,
            },
          ];
        });
    });
  }

  async markDelivered(id: string, outcome: AttemptOutcome, at: number): Promise<void> {
    await this.dataSource.getRepository(NotificationDeliveryEntity).update(id, {
      status: 'delivered',
      deliveredAt: new Date(at),
      lastAttemptAt: new Date(at),
      lastStatus: outcome.status,
      lastAnswer: outcome.answer.slice(0, MAX_ANSWER_CHARS),
      attempts: () => 'attempts + 1',
    });
  }

  /** Records a failed attempt; `retryAt` null means no attempts left (status `failed`). */
  async markFailed(id: string, outcome: AttemptOutcome, retryAt: number | null, at: number): Promise<void> {
    await this.dataSource.getRepository(NotificationDeliveryEntity).update(id, {
      status: retryAt === null ? 'failed' : 'pending',
      ...(retryAt === null ? {} : { nextAttemptAt: new Date(retryAt) }),
      lastAttemptAt: new Date(at),
      lastStatus: outcome.status,
      lastAnswer: outcome.answer.slice(0, MAX_ANSWER_CHARS),
      attempts: () => 'attempts + 1',
    });
  }

  /** Records a test message (发送测试消息) that was sent already: one attempt, its answer, no alert. */
  async recordTest(
    channelId: string,
    recipient: NotificationRecipient | null,
    outcome: AttemptOutcome & { readonly ok: boolean },
    at: number,
  ): Promise<NotificationDeliveryView> {
    const repo = this.dataSource.getRepository(NotificationDeliveryEntity);
    const saved = await repo.save(
      repo.create({
        channelId,
        alertId: null,
        eventSeq: null,
        eventType: TEST_DELIVERY_EVENT_TYPE,
        recipientName: recipient?.name ?? '',
        recipientAddress: recipient?.address ?? '',
        status: outcome.ok ? 'delivered' : 'failed',
        attempts: 1,
        nextAttemptAt: new Date(at),
        lastAttemptAt: new Date(at),
        lastStatus: outcome.status,
        lastAnswer: outcome.answer.slice(0, MAX_ANSWER_CHARS),
        deliveredAt: outcome.ok ? new Date(at) : null,
      }),
    );
    const row = await repo.findOneOrFail({ where: { id: saved.id }, relations: { channel: true } });
    return toDeliveryView(row);
  }

  /** Deliveries, newest first, optionally of one channel, status or alert. */
  async deliveries(
    filter: NotificationDeliveryFilter,
    page: Pick<PageRequest, 'page' | 'pageSize'>,
  ): Promise<Page<NotificationDeliveryView>> {
    const q = this.dataSource
      .getRepository(NotificationDeliveryEntity)
      .createQueryBuilder('d')
      .leftJoinAndSelect('d.channel', 'channel')
      .orderBy('d.id', 'DESC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize);
    if (filter.channelId) q.andWhere('d.channel_id = :channelId', { channelId: filter.channelId });
    if (filter.status) q.andWhere('d.status = :status', { status: filter.status });
    if (filter.alertId) q.andWhere('d.alert_id = :alertId', { alertId: filter.alertId });
    const [rows, total] = await q.getManyAndCount();
    return { items: rows.map(toDeliveryView), total, page: page.page, pageSize: page.pageSize };
  }
}

/** Whether the channel receives the event: its severity, its event type, and its enterprise if scoped to one. */
function receives(channel: NotificationChannelEntity, event: AlertEvent): boolean {
  return (
    channel.severities.includes(event.alert.severity) &&
    channel.eventTypes.includes(event.type) &&
    (channel.enterpriseId === null || channel.enterpriseId === event.alert.enterpriseId)
  );
}

function columnsOf(
  input: NotificationChannelInput,
  config: Record<string, unknown>,
): Omit<NotificationChannelEntity, 'id' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'> {
  return {
    name: input.name,
    kind: input.kind,
    config,
    severities: [...input.severities],
    eventTypes: [...(input.eventTypes ?? DEFAULT_NOTIFIED_EVENT_TYPES)].filter(
      (t) => !(NEVER_NOTIFIED_EVENT_TYPES as readonly string[]).includes(t),
    ),
    enterpriseId: input.enterpriseId,
    recipients: input.recipients.map((r) => ({ name: r.name, address: r.address })),
    enabled: input.enabled,
  };
}

function assertValid(problems: readonly string[]): void {
  if (problems.length > 0)
    throw new RecordsError('INVALID_RECORD', `config: ${problems.join('；')}`, { field: 'config', problems });
}

/** The audit entry of a channel change, with its secrets masked: the audit log never holds a secret either. */
async function audit(
  em: EntityManager,
  actor: string,
  action: 'create' | 'update' | 'delete',
  id: string,
  before: NotificationChannelEntity | null,
  after: NotificationChannelEntity | null,
): Promise<void> {
  const auditable = (row: NotificationChannelEntity | null) => {
    if (!row) return null;
    const { enterprise: _enterprise, ...fields } = row;
    return { ...fields, config: maskedConfig(row.config) };
  };
  await recordAudit(em, {
    actor,
    action,
    entityType: 'notification-channel',
    entityId: id,
    enterpriseId: (after ?? before)?.enterpriseId ?? null,
    before: auditable(before),
    after: auditable(after),
  });
}

function toSendable(row: NotificationChannelEntity): SendableChannel {
  return { id: row.id, name: row.name, kind: row.kind, config: row.config, recipients: row.recipients };
}

function toChannelView(row: NotificationChannelEntity): NotificationChannelView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    config: maskedConfig(row.config),
    secretFields: Object.keys(row.config).filter(isSecretConfigField),
    severities: row.severities,
    eventTypes: row.eventTypes,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterprise?.name ?? null,
    recipients: row.recipients.map((r): NotificationRecipientView => ({ name: r.name, address: r.address })),
    enabled: row.enabled,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt.getTime(),
    updatedAt: row.updatedAt.getTime(),
  };
}

function toDeliveryView(row: NotificationDeliveryEntity): NotificationDeliveryView {
  return {
    id: row.id,
    channelId: row.channelId,
    channelName: row.channel?.name ?? '',
    channelKind: row.channel?.kind ?? '',
    alertId: row.alertId,
    eventSeq: row.eventSeq === null ? null : Number(row.eventSeq),
    eventType: row.eventType,
    recipient: row.recipientAddress ? { name: row.recipientName, address: row.recipientAddress } : null,
    status: row.status as NotificationDeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.getTime(),
    lastAttemptAt: row.lastAttemptAt?.getTime() ?? null,
    lastStatus: row.lastStatus,
    lastAnswer: row.lastAnswer,
    createdAt: row.createdAt.getTime(),
    deliveredAt: row.deliveredAt?.getTime() ?? null,
  };
}

interface DueRow {
  id: string | number;
}

/** Due deliveries (pending, or sending with a lapsed lease), oldest first; SKIP LOCKED on PostgreSQL. */
function dueDeliveriesIn(em: EntityManager, now: number, limit: number): Promise<DueRow[]> {
  return perDialect(em, {
    postgres: () =>
      em.query<DueRow[]>(
        `SELECT d.id FROM notification_deliveries d
          WHERE d.status IN ('pending', 'sending') AND d.event_seq IS NOT NULL AND d.next_attempt_at <= $1
          ORDER BY d.next_attempt_at, d.id
          LIMIT $2
          FOR UPDATE SKIP LOCKED`,
        [new Date(now), limit],
      ),
    // One writer at a time: the read in this transaction is already exclusive (dialect.ts, lockForUpdate).
    sqlite: () =>
      em.query<DueRow[]>(
        `SELECT d.id FROM notification_deliveries d
          WHERE d.status IN ('pending', 'sending') AND d.event_seq IS NOT NULL AND d.next_attempt_at <= ?
          ORDER BY d.next_attempt_at, d.id
          LIMIT ?`,
        [sqliteTime(now), limit],
      ),
  });
}
