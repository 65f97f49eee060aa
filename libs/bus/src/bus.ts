/**
 * The bus port: a durable, partitioned log. Kafka in microservices mode; an in-process
 * implementation in standalone mode. Both honour the same contract: a handler's batch is
 * committed only after the handler resolves, so a crash replays work instead of losing it.
 */
export interface OutgoingMessage {
  readonly key: string | null;
  readonly value: Buffer | string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface IncomingMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
}

export interface ConsumerOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Start from the earliest offset when the group has none yet. */
  readonly fromBeginning?: boolean;
  /** Longest the broker may hold a fetch waiting for data; small for latency-sensitive consumers. */
  readonly maxWaitMs?: number;
}

export interface BatchInfo {
  readonly topic: string;
  readonly partition: number;
  /** Messages after this batch still waiting in the partition (consumer lag). */
  readonly lag: number;
  /** Keeps the consumer's group membership alive while a handler waits (e.g. retrying an unavailable store). */
  heartbeat(): Promise<void>;
}

export type BatchHandler = (messages: readonly IncomingMessage[], info: BatchInfo) => Promise<void>;

export interface Subscription {
  close(): Promise<void>;
}

export interface MessageBus {
  /** Creates the topics if missing (idempotent). */
  ensureTopics(topics: readonly string[]): Promise<void>;
  /** Resolves once every message is durably stored (acks from all in-sync replicas). */
  publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /** Runs `handler` on batches per partition; offsets commit only after it resolves. */
  consume(options: ConsumerOptions, handler: BatchHandler): Promise<Subscription>;
  /** Whether the bus answers now (for readiness checks). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MessageBus');
