import { Logger } from '@nestjs/common';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type {
  BatchHandler,
  ConsumerOptions,
  IncomingMessage,
  MessageBus,
  OutgoingMessage,
  Subscription,
} from './bus';
import { BusJournal } from './bus-journal';
import { PartitionLog, partitionForKey, type StoredMessage } from './partition-log';

export interface InProcessBusOptions {
  /** Partitions of the topics `ensureTopics` creates (like KAFKA_TOPIC_PARTITIONS). */
  readonly partitions: number;
  /** Most messages handed to a handler at once. */
  readonly maxBatchSize?: number;
  /**
   * Most messages a partition keeps for consumer groups that are behind or gone (Kafka's retention, by count).
   * Past it the oldest are dropped and a group that still needed them resumes like Kafka after an
   * out-of-range offset: at the oldest retained message (fromBeginning) or at the end.
   */
  readonly maxRetainedPerPartition?: number;
  /** Wait before a failed batch is handed over again; doubles per failure up to `maxRetryBackoffMs`. */
  readonly retryBackoffMs?: number;
  readonly maxRetryBackoffMs?: number;
  /**
   * A SQLite file that makes the bus durable (bus-journal.ts): `publish` resolves once the messages are on disk,
   * committed offsets are kept there too, and a bus opened on the same file resumes every group where it had
   * committed. Without it the bus lives in memory only.
   */
  readonly journalPath?: string;
}

const DEFAULTS = {
  maxBatchSize: 500,
  maxRetainedPerPartition: 100_000,
  retryBackoffMs: 500,
  maxRetryBackoffMs: 15_000,
} as const;

/** Publishing to or consuming from a topic nobody ensured: the Kafka adapter does not auto-create either. */
export class UnknownTopicError extends Error {
  readonly code = 'BUS_UNKNOWN_TOPIC';
  constructor(readonly topic: string) {
    super(`topic ${topic} does not exist (call ensureTopics first; topics are never auto-created)`);
    this.name = 'UnknownTopicError';
  }
}

export class BusClosedError extends Error {
  readonly code = 'BUS_CLOSED';
  constructor() {
    super('the in-process bus is closed');
    this.name = 'BusClosedError';
  }
}

class Topic {
  readonly logs: PartitionLog[];
  /** When retention last dropped messages a group still needed, per partition (to rate-limit the warning). */
  readonly retentionWarnedAt: number[] = [];
  private roundRobin = 0;

  constructor(
    readonly name: string,
    partitions: number,
    restored?: readonly { next: number; messages: readonly StoredMessage[] }[],
  ) {
    this.logs = Array.from({ length: partitions }, (_, p) => {
      const journalled = restored?.[p];
      if (!journalled) return new PartitionLog();
      const first = journalled.messages[0]?.offset ?? journalled.next;
      const log = new PartitionLog(first);
      log.append(journalled.messages);
      if (log.high !== journalled.next)
        throw new Error(
          `journal of ${name}/${p}: offsets ${first}..${log.high - 1} do not end at ${journalled.next - 1}`,
        );
      return log;
    });
  }

  /** Keyed messages by Kafka's hash, so per-key order holds; unkeyed ones round-robin, as kafkajs does. */
  partitionOf(key: string | null): number {
    if (key !== null) return partitionForKey(key, this.logs.length);
    const partition = this.roundRobin % this.logs.length;
    this.roundRobin = (this.roundRobin + 1) % this.logs.length;
    return partition;
  }
}

interface Member {
  readonly groupId: string;
  readonly options: ConsumerOptions;
  readonly handler: BatchHandler;
  /** Handler calls in progress (they never reject), for `Subscription.close()` to wait on. */
  readonly running: Set<Promise<void>>;
  closed: boolean;
}

class Group {
  /** In join order; partitions are dealt to them round-robin. */
  readonly members: Member[] = [];
  /** Committed offset (the next one to consume) per `topic/partition`: survives the group's consumers. */
  readonly committed = new Map<string, number>();
  /** One worker per assigned partition: at most one handler runs per partition in a group. */
  readonly workers = new Map<string, PartitionWorker>();

  constructor(readonly id: string) {}
}

const tp = (topic: string, partition: number): string => `${topic}/${partition}`;
const startsFromBeginning = (options: ConsumerOptions): boolean => options.fromBeginning ?? true; // as KafkaBus

/**
 * Delivers one partition's messages to the group member it is assigned to: a batch, then (after the handler
 * resolved) the commit, then the next batch. A handler that rejects gets the same batch again after a backoff;
 * nothing is committed until it resolves. The worker outlives reassignments within the group, so a partition
 * moved between members never has two handlers running.
 */
class PartitionWorker {
  member: Member;
  /** Next offset to deliver: where the pending batch starts, or the committed offset. */
  position: number;
  private pending: StoredMessage[] | null = null;
  private stopped = false;
  private waiting: 'data' | 'backoff' | null = null;
  private wakeUp: () => void = () => undefined;
  private backoffMs: number;
  readonly done: Promise<void>;

  constructor(
    private readonly bus: InProcessBus,
    private readonly group: Group,
    private readonly topic: Topic,
    private readonly partition: number,
    member: Member,
  ) {
    this.member = member;
    this.backoffMs = bus.settings.retryBackoffMs;
    const log = this.log;
    // Resolved now, at consume() time, as a Kafka consumer resolves its reset offset when it joins.
    this.position =
      group.committed.get(this.key) ?? (startsFromBeginning(member.options) ? log.low : log.high);
    this.done = this.run();
  }

  get key(): string {
    return tp(this.topic.name, this.partition);
  }

  private get log(): PartitionLog {
    return this.topic.logs[this.partition];
  }

  /** New messages in the partition: ends a wait for data, not a retry backoff. */
  notifyData(): void {
    if (this.waiting === 'data') this.wakeUp();
  }

  /** Reassigned or stopping: ends any wait. */
  notifyControl(): void {
    if (this.waiting) this.wakeUp();
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.notifyControl();
    return this.done;
  }

  private wait(reason: 'data' | 'backoff', ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => this.wakeUp(), ms);
      this.waiting = reason;
      this.wakeUp = () => {
        clearTimeout(timer);
        this.waiting = null;
        this.wakeUp = () => undefined;
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    // The first batch goes out after consume() returned, never from inside it.
    await yieldToEventLoop();
    while (!this.stopped) {
      const member = this.member;
      let batch = this.pending;
      if (!batch) {
        const log = this.log;
        if (this.position < log.low) {
          // Retention dropped messages this group had not consumed: resume as Kafka does after OFFSET_OUT_OF_RANGE.
          const resumeAt = startsFromBeginning(member.options) ? log.low : log.high;
          this.bus.logger.warn(
            `group ${this.group.id}: ${this.key} offsets ${this.position}..${log.low - 1} were dropped by retention; resuming at ${resumeAt}`,
          );
          this.position = resumeAt;
        }
        batch = log.read(this.position, this.bus.settings.maxBatchSize);
        if (batch.length === 0) {
          await this.wait('data');
          continue;
        }
      }
      if (await this.attempt(member, batch)) {
        // Lets timers and I/O run between batches of a long backlog.
        await yieldToEventLoop();
      } else {
        await this.wait('backoff', this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, this.bus.settings.maxRetryBackoffMs);
      }
    }
  }

  /**
   * Runs the handler on the batch, then commits it — or keeps it pending when the handler failed. Tracked as one
   * step in `member.running`, so a consumer that closes waits for the commit of the batch its handler finished.
   */
  private attempt(member: Member, batch: StoredMessage[]): Promise<boolean> {
    const step = this.deliver(member, batch).then((ok) => {
      if (ok) {
        const next = batch[batch.length - 1].offset + 1;
        this.pending = null;
        this.position = next;
        this.group.committed.set(this.key, next);
        this.bus.journal?.commitOffset(this.group.id, this.topic.name, this.partition, next);
        this.backoffMs = this.bus.settings.retryBackoffMs;
        this.bus.trim(this.topic, this.partition);
      } else {
        this.pending = batch;
      }
      return ok;
    });
    const tracked = step.then(() => undefined);
    member.running.add(tracked);
    void tracked.then(() => member.running.delete(tracked));
    return step;
  }

  /** Runs the handler on the batch; resolves whether it succeeded. */
  private deliver(member: Member, batch: readonly StoredMessage[]): Promise<boolean> {
    const { name: topic } = this.topic;
    const partition = this.partition;
    const messages: IncomingMessage[] = batch.map((m) => ({
      topic,
      partition,
      offset: String(m.offset),
      key: m.key,
      value: m.value,
      headers: m.headers,
      timestamp: m.timestamp,
    }));
    const first = batch[0].offset;
    const last = batch[batch.length - 1].offset;
    return (async () => {
      await member.handler(messages, {
        topic,
        partition,
        lag: this.log.high - (last + 1),
        heartbeat: () => Promise.resolve(),
      });
    })().then(
      () => true,
      (error: unknown) => {
        this.bus.logger.warn(
          `group ${this.group.id}: handler failed on ${this.key} offsets ${first}..${last}; the same batch again in ${this.backoffMs} ms: ${error instanceof Error ? error.message : String(error)}`,
        );
        return false;
      },
    );
  }
}

/**
 * The bus port in one process, for standalone mode: topics of N partitions in memory, consumer groups with their
 * own committed offsets, batches per partition committed only after the handler resolved — the contract
 * KafkaBus honours (test/integration/bus-contract.int-spec.ts runs one suite against both).
 *
 * Durable with a journal (`journalPath`, bus-journal.ts; the standalone mode keeps one in its data folder):
 * `publish` resolves once the messages are on disk, offsets are committed there too, and a bus opened on the same
 * file after a crash hands each group what it had not committed — consumers are idempotent (CONVENTIONS.md §10),
 * so a batch handled but not committed before the crash is simply handled again. Without a journal the messages
 * and committed offsets live in this process and are gone when it exits. Messages that every group which
 * consumes a partition has committed are dropped at once (from the journal too); a partition keeps at most
 * `maxRetainedPerPartition` messages for groups that fall behind or went away.
 *
 * Publishing to, or consuming from, a topic that was not ensured rejects with `UnknownTopicError`: the Kafka
 * adapter does not auto-create topics either (its producer keeps retrying until the topic exists).
 */
export class InProcessBus implements MessageBus {
  readonly settings: Required<Omit<InProcessBusOptions, 'partitions' | 'journalPath'>>;
  readonly logger = new Logger('InProcessBus');
  /** Where the bus keeps its messages and offsets across restarts; null when it lives in memory only. */
  readonly journal: BusJournal | null;
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, Group>();
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(private readonly options: InProcessBusOptions) {
    this.settings = {
      maxBatchSize: options.maxBatchSize ?? DEFAULTS.maxBatchSize,
      maxRetainedPerPartition: options.maxRetainedPerPartition ?? DEFAULTS.maxRetainedPerPartition,
      retryBackoffMs: options.retryBackoffMs ?? DEFAULTS.retryBackoffMs,
      maxRetryBackoffMs: options.maxRetryBackoffMs ?? DEFAULTS.maxRetryBackoffMs,
    };
    this.journal = options.journalPath ? new BusJournal(options.journalPath) : null;
    // Groups resume where they had committed, and until they come back their offsets keep what they still need.
    for (const { groupId, topic, partition, offset } of this.journal?.committedOffsets() ?? []) {
      let group = this.groups.get(groupId);
      if (!group) this.groups.set(groupId, (group = new Group(groupId)));
      group.committed.set(tp(topic, partition), offset);
    }
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- synchronous; async so errors reject
  async ensureTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    for (const name of topics) {
      // An existing topic keeps its partition count, as in Kafka (a journalled one too, across restarts).
      if (this.topics.has(name)) continue;
      if (!this.journal) {
        this.topics.set(name, new Topic(name, this.options.partitions));
        continue;
      }
      const partitions = this.journal.topicPartitions(name) ?? this.options.partitions;
      this.topics.set(name, new Topic(name, partitions, this.journal.openTopic(name, partitions)));
    }
  }

  /**
   * Resolves once the messages are stored: on disk with a journal (consumers see them only then), else in memory,
   * in this process (see the class comment).
   */
  async publish(topicName: string, messages: readonly OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    if (messages.length === 0) return;
    const topic = this.topic(topicName);
    const timestamp = Date.now();
    const byPartition = new Map<number, Omit<StoredMessage, 'offset'>[]>();
    for (const m of messages) {
      const partition = topic.partitionOf(m.key);
      let list = byPartition.get(partition);
      if (!list) byPartition.set(partition, (list = []));
      list.push({
        key: m.key,
        // A copy: the producer may reuse its buffer, and a broker would not see later changes either.
        value: typeof m.value === 'string' ? Buffer.from(m.value, 'utf8') : Buffer.from(m.value),
        headers: Object.freeze({ ...m.headers }),
        timestamp,
      });
    }
    const journal = this.journal;
    if (!journal) {
      for (const [partition, stored] of byPartition) this.appendToLog(topic, partition, stored);
      return;
    }
    await Promise.all(
      [...byPartition].map(([partition, stored]) =>
        journal.append(topic.name, partition, stored, (firstOffset) => {
          const log = topic.logs[partition];
          if (log.high !== firstOffset)
            throw new Error(
              `${tp(topic.name, partition)}: journal offset ${firstOffset}, log at ${log.high}`,
            );
          this.appendToLog(topic, partition, stored);
        }),
      ),
    );
  }

  private appendToLog(
    topic: Topic,
    partition: number,
    stored: readonly Omit<StoredMessage, 'offset'>[],
  ): void {
    topic.logs[partition].append(stored);
    this.enforceRetention(topic, partition);
    for (const group of this.groups.values()) group.workers.get(tp(topic.name, partition))?.notifyData();
  }

  async consume(options: ConsumerOptions, handler: BatchHandler): Promise<Subscription> {
    this.assertOpen();
    for (const name of options.topics) this.topic(name);
    let group = this.groups.get(options.groupId);
    if (!group) this.groups.set(options.groupId, (group = new Group(options.groupId)));
    const member: Member = { groupId: group.id, options, handler, running: new Set(), closed: false };
    group.members.push(member);
    const subscription: Subscription = {
      close: async () => {
        this.subscriptions.delete(subscription);
        await this.leave(member);
      },
    };
    this.subscriptions.add(subscription);
    // A joining member only takes partitions over, so no worker stops here.
    await Promise.all(this.rebalance(group));
    return subscription;
  }

  ping(): Promise<boolean> {
    return Promise.resolve(!this.closed);
  }

  /** Stops every consumer (waiting for running handlers); later calls resolve at once. */
  async close(): Promise<void> {
    this.closed = true;
    const subscriptions = [...this.subscriptions];
    this.subscriptions.clear();
    await Promise.all(subscriptions.map((s) => s.close()));
    this.journal?.close();
  }

  /** Drops the messages of a partition that no group consuming it needs any more. */
  trim(topic: Topic, partition: number): void {
    const needed = this.oldestNeeded(topic.name, partition);
    // A partition no group has consumed yet keeps its messages (up to retention), for a group still to come.
    if (needed !== undefined) this.trimLog(topic, partition, needed);
  }

  private trimLog(topic: Topic, partition: number, before: number): void {
    const log = topic.logs[partition];
    if (log.trimBefore(before) > 0) this.journal?.trimBefore(topic.name, partition, log.low);
  }

  /** The group's committed offset (next to consume) per partition of the topic; null where it has none. */
  committedOffsets(groupId: string, topicName: string): (number | null)[] {
    const committed = this.groups.get(groupId)?.committed;
    return this.topic(topicName).logs.map((_, p) => committed?.get(tp(topicName, p)) ?? null);
  }

  /** Messages retained per partition, for tests and metrics. */
  retained(topicName: string): number[] {
    return this.topic(topicName).logs.map((log) => log.size);
  }

  private oldestNeeded(topicName: string, partition: number): number | undefined {
    const key = tp(topicName, partition);
    let needed: number | undefined;
    for (const group of this.groups.values()) {
      const offset = group.workers.get(key)?.position ?? group.committed.get(key);
      if (offset !== undefined) needed = needed === undefined ? offset : Math.min(needed, offset);
    }
    return needed;
  }

  private enforceRetention(topic: Topic, partition: number): void {
    const log = topic.logs[partition];
    const excess = log.size - this.settings.maxRetainedPerPartition;
    if (excess <= 0) return;
    const needed = this.oldestNeeded(topic.name, partition);
    const cut = log.low + excess;
    const now = Date.now();
    if (needed !== undefined && needed < cut && now - (topic.retentionWarnedAt[partition] ?? 0) >= 60_000) {
      topic.retentionWarnedAt[partition] = now; // at most once a minute per partition, not on every publish
      this.logger.warn(
        `${tp(topic.name, partition)}: retention (${this.settings.maxRetainedPerPartition} messages) drops offsets a consumer group has not consumed yet`,
      );
    }
    this.trimLog(topic, partition, cut);
  }

  private topic(name: string): Topic {
    const topic = this.topics.get(name);
    if (!topic) throw new UnknownTopicError(name);
    return topic;
  }

  private assertOpen(): void {
    if (this.closed) throw new BusClosedError();
  }

  /**
   * Deals the partitions of the group's topics round-robin to its members in join order (kafkajs' default
   * assigner does the same). A partition keeps its worker when it moves, so its batches stay in order and one
   * at a time; a partition left without a member stops its worker, and the group resumes it from the committed
   * offset when a member comes back.
   */
  private rebalance(group: Group): Promise<void>[] {
    const assignment = new Map<string, { member: Member; topic: Topic; partition: number }>();
    const topicNames = [...new Set(group.members.flatMap((m) => m.options.topics))].sort();
    let turn = 0;
    for (const name of topicNames) {
      const topic = this.topic(name);
      const candidates = group.members.filter((m) => m.options.topics.includes(name));
      for (let partition = 0; partition < topic.logs.length; partition++) {
        assignment.set(tp(name, partition), {
          member: candidates[turn++ % candidates.length],
          topic,
          partition,
        });
      }
    }
    const stopped: Promise<void>[] = [];
    for (const [key, worker] of group.workers) {
      if (assignment.has(key)) continue;
      group.workers.delete(key);
      stopped.push(worker.stop());
    }
    for (const [key, { member, topic, partition }] of assignment) {
      const worker = group.workers.get(key);
      if (!worker) {
        group.workers.set(key, new PartitionWorker(this, group, topic, partition, member));
      } else if (worker.member !== member) {
        worker.member = member;
        worker.notifyControl();
      }
    }
    return stopped;
  }

  private async leave(member: Member): Promise<void> {
    if (member.closed) return;
    member.closed = true;
    const group = this.groups.get(member.groupId);
    if (!group) return;
    group.members.splice(group.members.indexOf(member), 1);
    const stopped = this.rebalance(group);
    await Promise.all([...member.running, ...stopped]);
  }
}
