import {
  Kafka,
  logLevel,
  CompressionTypes,
  Partitioners,
  type LogEntry,
  type Message,
  type PartitionerArgs,
  type Producer,
  type RecordMetadata,
} from 'kafkajs';
import { Logger } from '@nestjs/common';
import type { BatchHandler, ConsumerOptions, MessageBus, OutgoingMessage, Subscription } from './bus';
import { SupervisedConsumer, type SupervisionOptions } from './supervised-consumer';

/** Largest produce request we send; well under Kafka's default message.max.bytes of 1 MiB. */
const MAX_REQUEST_BYTES = 512 * 1024;
/** Attempts of ensureTopics (≈ 30 s with its back-off) before an app's start fails. */
const ENSURE_TOPICS_ATTEMPTS = 20;

function messageBytes(m: OutgoingMessage): number {
  const value = typeof m.value === 'string' ? Buffer.byteLength(m.value) : m.value.length;
  return value + (m.key ? Buffer.byteLength(m.key) : 0) + 64;
}

export function chunkBySize(messages: readonly OutgoingMessage[], maxBytes: number): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let size = 0;
  for (const m of messages) {
    const bytes = messageBytes(m);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(m);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Errors after which an idempotent producer's sequence numbers no longer match what a partition's (new) leader
 * holds — its leader died or was cut off with a request in flight. kafkajs 2.2.4 does not reset the sequence and
 * would send the same numbers forever (found on the three-broker test bed, test/cluster: ingestion stuck until
 * restarted after a broker was killed). A new producer gets a new producer id and starts its sequences afresh.
 */
const PRODUCER_OUT_OF_STEP = new Set([
  'OUT_OF_ORDER_SEQUENCE_NUMBER',
  'UNKNOWN_PRODUCER_ID',
  'INVALID_PRODUCER_EPOCH',
]);

/** Whether `error` (or an error it wraps) says the producer must be replaced. */
export function producerOutOfStep(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const e = error as { type?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
  if (typeof e.type === 'string' && PRODUCER_OUT_OF_STEP.has(e.type)) return true;
  const wrapped = [e.cause, e.originalError, ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : [])];
  return wrapped.some((inner) => producerOutOfStep(inner, depth + 1));
}

/** Rounds of re-sending what kafkajs left unsent before `publish` gives up (the caller then retries the batch). */
const MAX_SEND_ROUNDS = 10;

/**
 * The messages of a send whose partition no broker acknowledged. kafkajs 2.2.4 (`producer/sendMessages.js`) keeps
 * each broker's response across the retries of one send and, on a retry, sends only to brokers without one. When a
 * broker dies mid-send, its partitions' new leaders are often brokers that already answered for their own
 * partitions, so the moved partitions' messages are never sent, and the send resolves as if they had been
 * (tulios/kafkajs#1303; found on the three-broker test bed: 5–13 acknowledged readings missing after a broker's
 * kill -9). The send's result lists every partition a broker took; a message whose partition is not among them
 * was not written.
 */
export function unsentMessages<M>(
  topic: string,
  sent: readonly M[],
  partitionOf: (message: M) => number | undefined,
  results: readonly Pick<RecordMetadata, 'topicName' | 'partition'>[],
): M[] {
  const written = new Set(results.filter((r) => r.topicName === topic).map((r) => r.partition));
  return sent.filter((m) => {
    const partition = partitionOf(m);
    return partition === undefined || !written.has(partition);
  });
}

export interface KafkaBusOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly partitions: number;
  /**
   * Replicas of each topic `ensureTopics` creates (KAFKA_TOPIC_REPLICATION); 1 by default (one broker). On a
   * cluster 3, with the brokers' `min.insync.replicas` 2: an acknowledged message (acks all) is on two brokers.
   */
  readonly replicationFactor?: number;
  /** How consumers are kept alive across broker restarts; defaults suit production. */
  readonly supervision?: SupervisionOptions;
}

const levelNames: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** Kafka adapter of the bus port (kafkajs). The only place in the codebase that constructs a Kafka client. */
export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;
  private producerReady: Promise<Producer> | null = null;
  private readonly consumers = new Set<SupervisedConsumer>();
  private readonly logger = new Logger('KafkaBus');
  /** The partition kafkajs' partitioner chose for each message object of a send (for `unsentMessages`). */
  private readonly partitionOf = new WeakMap<object, number>();

  constructor(private readonly options: KafkaBusOptions) {
    const logger = this.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      logLevel: logLevel.WARN,
      retry: { initialRetryTime: 100, retries: 8 },
      logCreator:
        () =>
        ({ level, log }: LogEntry) => {
          const { message, ...extra } = log;
          const method = levelNames[level] ?? 'log';
          logger[method](`${message} ${JSON.stringify(extra)}`);
        },
    });
  }

  /**
   * Creates the missing topics and waits until every one has leaders. Several instances of an app start together
   * on a cluster: one creates a topic while another's create fails (TOPIC_ALREADY_EXISTS) or its metadata request
   * reaches a broker that has not learnt of the topic yet (UNKNOWN_TOPIC_OR_PARTITION). So each attempt lists the
   * topics again, creates only what is still missing, and a failed attempt is retried for up to about 30 s.
   */
  async ensureTopics(topics: readonly string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const existing = new Set(await admin.listTopics());
          const missing = topics.filter((t) => !existing.has(t));
          if (missing.length > 0) {
            await admin.createTopics({
              waitForLeaders: true,
              topics: missing.map((topic) => ({
                topic,
                numPartitions: this.options.partitions,
                replicationFactor: this.options.replicationFactor ?? 1,
              })),
            });
          }
          if (topics.length > 0) await admin.fetchTopicMetadata({ topics: [...topics] });
          return;
        } catch (error) {
          if (attempt >= ENSURE_TOPICS_ATTEMPTS) throw error;
          this.logger.warn(`ensuring topics, attempt ${attempt}: ${String(error)}; trying again`);
          await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2_000)));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  private getProducer(): Promise<Producer> {
    if (!this.producerReady) {
      // Idempotent (no duplicates on retry) and retrying without a count limit: a publish resolves only once
      // Kafka has the message, which is what "accepted" means (DESIGN.md). Callers hold their ack until then.
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: () => {
          const choose = Partitioners.DefaultPartitioner();
          return (args: PartitionerArgs) => {
            const partition = choose(args);
            this.partitionOf.set(args.message, partition);
            return partition;
          };
        },
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 5_000 },
      });
      this.producerReady = producer.connect().then(() => producer);
      this.producerReady.catch(() => {
        this.producerReady = null;
      });
    }
    return this.producerReady;
  }

  async publish(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    try {
      // One produce request per ≤ MAX_REQUEST_BYTES: a broker refuses a record batch over message.max.bytes (1 MiB
      // by default) as a whole, which would make the same batch fail on every retry.
      for (const chunk of chunkBySize(messages, MAX_REQUEST_BYTES)) {
        await this.sendAll(
          producer,
          topic,
          chunk.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        );
      }
    } catch (error) {
      // The caller retries the batch (publish resolves only once Kafka has it); the retry goes through a new
      // producer. A chunk the old producer did get written is then in Kafka twice: at-least-once, which every
      // consumer already tolerates (InfluxDB points overwrite themselves, the rules engine ignores old inputs).
      if (producerOutOfStep(error)) await this.replaceProducer(producer);
      throw error;
    }
  }

  /**
   * Sends until a broker acknowledged every message's partition: what kafkajs left unsent after a leader moved
   * (`unsentMessages`) goes again, in order, as a send of its own — never sent, so no duplicate and no sequence
   * gap. Bounded; past the bound the publish fails and its caller retries the whole batch.
   */
  private async sendAll(producer: Producer, topic: string, messages: Message[]): Promise<void> {
    let pending = messages;
    for (let round = 1; pending.length > 0; round++) {
      const results = await producer.send({
        topic,
        acks: -1,
        compression: CompressionTypes.None,
        messages: pending,
      });
      const unsent = unsentMessages(topic, pending, (m) => this.partitionOf.get(m), results);
      if (unsent.length === 0) return;
      if (round >= MAX_SEND_ROUNDS)
        throw new Error(`${unsent.length} message(s) to ${topic} still unsent after ${round} rounds`);
      this.logger.warn(
        `${unsent.length} of ${pending.length} message(s) to ${topic} were left unsent when a partition's leader moved; sending them again`,
      );
      pending = unsent;
    }
  }

  private async replaceProducer(stale: Producer): Promise<void> {
    const current = await this.producerReady?.catch(() => null);
    if (current !== stale) return; // another publish replaced it already
    this.logger.warn(
      'the producer is out of step with a partition leader (a broker failed over); replacing it',
    );
    this.producerReady = null;
    await stale.disconnect().catch(() => undefined);
  }

  async consume(options: ConsumerOptions, handler: BatchHandler): Promise<Subscription> {
    const consumer = new SupervisedConsumer(
      (restartOnFailure) =>
        this.kafka.consumer({
          groupId: options.groupId,
          maxWaitTimeInMs: options.maxWaitMs ?? 100,
          minBytes: 1,
          // A consumer that vanished with its broker (no LeaveGroup) holds up the next join until its session
          // expires or, mid-rebalance, until the rebalance timeout: both kept well under the supervisor's join bound.
          sessionTimeout: 20_000,
          rebalanceTimeout: 30_000,
          heartbeatInterval: 3_000,
          allowAutoTopicCreation: false,
          retry: { initialRetryTime: 100, retries: 8, restartOnFailure },
        }),
      options,
      handler,
      this.logger,
      this.options.supervision,
    );
    // Resolves only once the group has its partitions, so a caller that is "ready" really is consuming.
    await consumer.start();
    this.consumers.add(consumer);
    return {
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.close();
      },
    };
  }

  async ping(): Promise<boolean> {
    const admin = this.kafka.admin({ retry: { retries: 0 } });
    try {
      await admin.connect();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.close()));
    this.consumers.clear();
    if (this.producerReady) {
      const producer = await this.producerReady.catch(() => null);
      await producer?.disconnect();
    }
    this.producerReady = null;
  }
}
