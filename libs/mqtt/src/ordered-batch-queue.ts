import { Logger } from '@nestjs/common';

export interface InboundMessage {
  readonly topic: string;
  readonly payload: Buffer;
}

/** Resolves once the whole batch is safely handed on; only then are its PUBACKs sent. */
export type BatchHandler = (messages: readonly InboundMessage[]) => Promise<void>;

/** A received message, with what its connection needs to acknowledge it. */
export interface QueuedMessage {
  readonly message: InboundMessage;
  /** Whether the message can still be acknowledged: false once its connection is gone (the broker redelivers). */
  deliverable(): boolean;
  /** Sends its PUBACK on the connection it came from (a no-op once that connection is gone). */
  acknowledge(): void;
}

export interface OrderedBatchQueueOptions {
  /** Most messages handed to the handler at once. */
  readonly maxBatch?: number;
  /** Longest a message waits for its batch to fill while no batch is being handed on. */
  readonly maxDelayMs?: number;
}

/**
 * One queue for every connection of a shared-subscription group in a process, handing batches on strictly one
 * after another, in the order the messages arrived.
 *
 * The broker deals a device's consecutive messages round-robin across the connections of a `$share/` group. With a
 * batch pipeline per connection, a device's later reading could reach Kafka before its earlier one whenever the
 * other connection's batch happened to be handed on first; rules that ignore a reading older than the last one
 * applied (a duration rule, a state signal) would then miss the alarm. One ordered queue keeps each device's
 * readings in the order they arrived at this process. (Across several ingestion instances the broker's spread can
 * still interleave a device's messages; docs/architecture.md says how far that goes.)
 *
 * While a batch is being handed on, the next one fills; when it ends, everything that arrived meanwhile goes at once
 * (up to `maxBatch`). A batch that fails is retried in place with backoff, without the messages whose connection has
 * gone meanwhile (the broker redelivers those to the connection's next session); nothing behind it overtakes it.
 */
export class OrderedBatchQueue {
  private readonly logger = new Logger('MqttBatchQueue');
  private pending: QueuedMessage[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly handler: BatchHandler,
    options: OrderedBatchQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 2;
  }

  /** Messages waiting for their batch (not counting the one being handed on). */
  get backlog(): number {
    return this.pending.length;
  }

  push(entry: QueuedMessage): void {
    this.pending.push(entry);
    if (this.pending.length >= this.maxBatch) this.kick();
    else if (!this.timer && !this.flushing) this.timer = setTimeout(() => this.kick(), this.maxDelayMs);
  }

  /** Hands on everything received so far and waits for it; used before the connections disconnect. */
  async drain(): Promise<void> {
    this.kick();
    while (this.flushing) await this.flushing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Hands on what was received, without retrying a failed batch (its messages stay unacknowledged: redelivered). */
  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
  }

  /** Starts a flush unless one is running; when it ends, the next batch (filled meanwhile) goes at once. */
  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.flushing || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxBatch);
    this.flushing = this.deliver(batch).finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.kick();
    });
  }

  private async deliver(batch: QueuedMessage[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const live = batch.filter((entry) => entry.deliverable());
      if (live.length === 0) return;
      try {
        await this.handler(live.map((entry) => entry.message));
        // PUBACKs in arrival order; each goes on the connection its message came from.
        for (const entry of live) entry.acknowledge();
        return;
      } catch (error) {
        // Nothing is acknowledged: retry in place; messages whose connection dropped are redelivered by the broker.
        if (this.closed) return;
        const delay = Math.min(100 * 2 ** attempt, 5_000);
        this.logger.error(
          `batch of ${live.length} not handed on (attempt ${attempt}), retrying in ${delay} ms: ${String(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
