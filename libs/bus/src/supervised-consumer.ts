import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { BatchHandler, ConsumerOptions, IncomingMessage } from './bus';

export interface SupervisionOptions {
  /** A consumer that neither fetched, heartbeated nor ran a handler for this long is recreated. */
  readonly stallMs: number;
  /** First wait before recreating a consumer; doubles on each failed attempt up to `maxBackoffMs`. */
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
  /** How long a (re)start may take to join its group; longer than the consumer's rebalance timeout. */
  readonly joinTimeoutMs: number;
}

export const DEFAULT_SUPERVISION: SupervisionOptions = {
  stallMs: 45_000,
  initialBackoffMs: 500,
  maxBackoffMs: 15_000,
  joinTimeoutMs: 90_000,
};

interface SupervisorLogger {
  warn(message: string): void;
  error(message: string): void;
}

/**
 * One consumer group membership that keeps consuming whatever happens to the broker. kafkajs restarts a crashed
 * consumer by itself only for errors it deems retriable, can stay silent after a broker restart (tulios/kafkajs
 * #267, #659), and races a `disconnect()` against its own scheduled restart. So its self-restart is switched off
 * (`restartOnFailure: false`) and this class does it instead: on a crash, or when the consumer stalls (no fetch,
 * heartbeat or batch for `stallMs` while no handler runs), the consumer is disconnected and a fresh one joins
 * the group, with backoff. Offsets are committed only after the handler resolved, so a recreated consumer
 * replays the uncommitted batch instead of skipping it. `close()` stops it for good, also mid-restart.
 */
export class SupervisedConsumer {
  private current: Consumer | null = null;
  private closed = false;
  private restarting: Promise<void> | null = null;
  private lastActivity = Date.now();
  private handlersRunning = 0;
  private backoffMs: number;
  private watchdog: NodeJS.Timeout | null = null;
  /** Completed recreations, for tests and metrics. */
  restarts = 0;

  constructor(
    private readonly createConsumer: (restartOnFailure: () => Promise<boolean>) => Consumer,
    private readonly options: ConsumerOptions,
    private readonly handler: BatchHandler,
    private readonly logger: SupervisorLogger,
    private readonly supervision: SupervisionOptions = DEFAULT_SUPERVISION,
  ) {
    this.backoffMs = supervision.initialBackoffMs;
  }

  /**
   * Joins the group, retrying with backoff (a broker that is still loading its groups is no reason to fail);
   * rejects once `joinTimeoutMs` passed without a join, so a service that cannot consume does not start.
   */
  async start(): Promise<void> {
    const deadline = Date.now() + this.supervision.joinTimeoutMs;
    for (;;) {
      try {
        await this.spawn(deadline - Date.now());
        break;
      } catch (error) {
        if (this.closed || Date.now() + this.backoffMs >= deadline) throw error;
        this.logger.warn(
          `consumer group ${this.options.groupId} could not join yet (next try in ${this.backoffMs} ms): ${(error as Error).message}`,
        );
        await sleep(this.backoffMs);
        this.backoffMs = Math.min(this.backoffMs * 2, this.supervision.maxBackoffMs);
      }
    }
    this.backoffMs = this.supervision.initialBackoffMs;
    this.watchdog = setInterval(() => this.checkStall(), Math.min(5_000, this.supervision.stallMs / 3));
    this.watchdog.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    await this.restarting?.catch(() => undefined);
    const consumer = this.current;
    this.current = null;
    await consumer?.disconnect();
  }

  private checkStall(): void {
    if (this.closed || this.restarting || this.handlersRunning > 0) return;
    const silentMs = Date.now() - this.lastActivity;
    if (silentMs < this.supervision.stallMs) return;
    this.logger.warn(
      `consumer group ${this.options.groupId} made no progress for ${Math.round(silentMs / 1000)} s; recreating it`,
    );
    this.restart();
  }

  private restart(): void {
    if (this.closed || this.restarting) return;
    this.restarting = this.recreate().finally(() => {
      this.restarting = null;
    });
  }

  private async recreate(): Promise<void> {
    while (!this.closed) {
      const old = this.current;
      this.current = null;
      // A crashed kafkajs consumer can hang in disconnect(); after the bound it is abandoned, not waited for.
      await this.disconnect(old);
      await sleep(this.backoffMs);
      if (this.closed) return;
      try {
        await this.spawn(this.supervision.joinTimeoutMs);
        this.restarts++;
        this.backoffMs = this.supervision.initialBackoffMs;
        this.logger.warn(`consumer group ${this.options.groupId} rejoined (restart ${this.restarts})`);
        return;
      } catch (error) {
        this.backoffMs = Math.min(this.backoffMs * 2, this.supervision.maxBackoffMs);
        this.logger.error(
          `consumer group ${this.options.groupId} could not rejoin (next try in ${this.backoffMs} ms): ${(error as Error).message}`,
        );
      }
    }
  }

  private async disconnect(consumer: Consumer | null): Promise<void> {
    if (!consumer) return;
    await withTimeout(consumer.disconnect(), this.supervision.joinTimeoutMs / 4, 'timed out').catch(
      (error: Error) => {
        this.logger.warn(
          `consumer group ${this.options.groupId}: disconnect of a consumer: ${error.message}`,
        );
      },
    );
  }

  /**
   * Makes a fresh consumer the current one: connected, subscribed, running and joined within `timeoutMs`. If a
   * step fails or the consumer crashes before it joined, it is disconnected again, is no longer current, and the
   * attempt rejects. It is current from the start, so batches that arrive before the join completes are committed.
   * A crash after the join hands over to `restart()`.
   */
  private async spawn(timeoutMs: number): Promise<void> {
    const consumer = this.createConsumer(() => Promise.resolve(false));
    this.current = consumer;
    let joined = false;
    const touch = () => {
      this.lastActivity = Date.now();
    };
    const { events } = consumer;
    for (const event of [
      events.FETCH_START,
      events.HEARTBEAT,
      events.START_BATCH_PROCESS,
      events.END_BATCH_PROCESS,
    ])
      consumer.on(event, touch);
    let failJoin: (error: Error) => void = () => undefined;
    const join = new Promise<void>((resolve, reject) => {
      failJoin = reject;
      const off = consumer.on(events.GROUP_JOIN, () => {
        off();
        joined = true;
        touch();
        resolve();
      });
    });
    join.catch(() => undefined); // a crash before `steps` awaits it must not surface as an unhandled rejection
    consumer.on(events.CRASH, ({ payload }) => {
      if (!joined) {
        failJoin(payload.error);
        return;
      }
      if (this.closed || this.current !== consumer) return;
      this.logger.error(
        `consumer group ${this.options.groupId} crashed (${payload.error.message}); recreating it`,
      );
      this.restart();
    });
    const steps = async () => {
      await consumer.connect();
      for (const topic of this.options.topics) {
        await consumer.subscribe({ topic, fromBeginning: this.options.fromBeginning ?? true });
      }
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => this.eachBatch(consumer, payload),
      });
      await join;
    };
    try {
      await withTimeout(
        steps(),
        Math.max(timeoutMs, 0),
        `consumer group ${this.options.groupId} did not join within ${Math.round(timeoutMs / 1000)} s`,
      );
      touch();
    } catch (error) {
      if (this.current === consumer) this.current = null;
      await this.disconnect(consumer);
      throw error;
    }
  }

  private async eachBatch(consumer: Consumer, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (!payload.isRunning() || payload.isStale() || batch.messages.length === 0) return;
    const messages: IncomingMessage[] = batch.messages.map((m) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: m.offset,
      key: m.key ? m.key.toString('utf8') : null,
      value: m.value,
      headers: decodeHeaders(m.headers),
      timestamp: Number(m.timestamp),
    }));
    this.handlersRunning++;
    try {
      // Work first, then commit: a crash between the two replays the batch, never skips it.
      await this.handler(messages, {
        topic: batch.topic,
        partition: batch.partition,
        lag: Number(batch.offsetLag()),
        heartbeat: async () => {
          this.lastActivity = Date.now();
          await payload.heartbeat();
        },
      });
    } finally {
      this.handlersRunning--;
      this.lastActivity = Date.now();
    }
    // A consumer replaced while its handler ran leaves the commit to its successor, which replays the batch.
    if (this.current !== consumer || !payload.isRunning()) return;
    const last = batch.messages[batch.messages.length - 1].offset;
    // Resolving moves the fetch position; committing makes it survive a restart.
    payload.resolveOffset(last);
    await consumer.commitOffsets([
      { topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() },
    ]);
    await payload.heartbeat();
  }
}

function decodeHeaders(
  headers: Record<string, Buffer | string | (Buffer | string)[] | undefined> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const first = Array.isArray(v) ? v[0] : v;
    out[k] = typeof first === 'string' ? first : first.toString('utf8');
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
