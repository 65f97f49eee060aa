/**
 * The bus port's contract (libs/bus/src/bus.ts), one suite run against each implementation: KafkaBus on the real
 * Kafka (microservices mode) and InProcessBus (standalone mode), so the two modes cannot drift apart.
 * Every case has its own topics and consumer groups, suffixed with a run id; the Kafka ones are deleted afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import {
  InProcessBus,
  KafkaBus,
  type BatchHandler,
  type BatchInfo,
  type IncomingMessage,
  type MessageBus,
  type OutgoingMessage,
  type Subscription,
} from '@park/bus';
import { waitFor } from '../support/wait-for';

const KAFKA_BROKERS = (process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const PARTITIONS = 2;
const RUN_ID = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

interface Implementation {
  readonly name: string;
  create(): MessageBus;
  /** The group's committed offsets on the topic, summed over partitions (the port does not expose them). */
  committed(bus: MessageBus, group: string, topic: string): Promise<number>;
  /** Removes what the suite left on a real broker. */
  cleanUp(topics: readonly string[], groups: readonly string[]): Promise<void>;
}

let kafkaAdmin: Promise<Admin> | null = null;
function admin(): Promise<Admin> {
  if (!kafkaAdmin) {
    const client = new Kafka({
      clientId: `bus-contract-admin-${RUN_ID}`,
      brokers: KAFKA_BROKERS,
      logLevel: logLevel.NOTHING,
    });
    const a = client.admin();
    kafkaAdmin = a.connect().then(() => a);
  }
  return kafkaAdmin;
}

const implementations: Implementation[] = [
  {
    name: 'KafkaBus (Kafka)',
    create: () =>
      new KafkaBus({
        brokers: KAFKA_BROKERS,
        clientId: `bus-contract-${RUN_ID}`,
        partitions: PARTITIONS,
        // A handler that fails crashes the kafkajs consumer; recreate it quickly so the retry comes soon.
        supervision: { stallMs: 45_000, initialBackoffMs: 100, maxBackoffMs: 1_000, joinTimeoutMs: 60_000 },
      }),
    committed: async (_bus, groupId, topic) => {
      const [offsets] = await (await admin()).fetchOffsets({ groupId, topics: [topic] });
      return offsets.partitions.reduce((sum, p) => sum + Math.max(Number(p.offset), 0), 0);
    },
    cleanUp: deleteKafkaTopicsAndGroups,
  },
  {
    name: 'InProcessBus',
    // Small batches so that batching and lag are exercised; a short backoff so retries come soon.
    create: () => new InProcessBus({ partitions: PARTITIONS, maxBatchSize: 7, retryBackoffMs: 50 }),
    committed: (bus, group, topic) =>
      Promise.resolve(
        (bus as InProcessBus).committedOffsets(group, topic).reduce<number>((sum, o) => sum + (o ?? 0), 0),
      ),
    cleanUp: () => Promise.resolve(),
  },
  {
    name: 'InProcessBus with its journal (standalone mode)',
    create: () =>
      new InProcessBus({
        partitions: PARTITIONS,
        maxBatchSize: 7,
        retryBackoffMs: 50,
        journalPath: join(journalDir(), 'bus-journal.db'),
      }),
    committed: (bus, group, topic) =>
      Promise.resolve(
        (bus as InProcessBus).committedOffsets(group, topic).reduce<number>((sum, o) => sum + (o ?? 0), 0),
      ),
    cleanUp: () => {
      if (journalDirPath) rmSync(journalDirPath, { recursive: true, force: true });
      return Promise.resolve();
    },
  },
];

let journalDirPath: string | null = null;
function journalDir(): string {
  journalDirPath ??= mkdtempSync(join(tmpdir(), 'park-bus-contract-'));
  return journalDirPath;
}

async function deleteKafkaTopicsAndGroups(
  topics: readonly string[],
  groups: readonly string[],
): Promise<void> {
  const a = await admin();
  try {
    const existing = new Set(await a.listTopics());
    const ours = topics.filter((t) => existing.has(t));
    if (ours.length > 0) await a.deleteTopics({ topics: ours, timeout: 10_000 });
    if (groups.length > 0) await a.deleteGroups([...groups]).catch(() => undefined);
  } finally {
    kafkaAdmin = null;
    await a.disconnect();
  }
}

/** Everything one consumer was handed, batch by batch, and how many handler calls overlapped per partition. */
class Recorder {
  readonly batches: { messages: readonly IncomingMessage[]; info: BatchInfo }[] = [];
  readonly running = new Map<number, number>();
  maxConcurrentPerPartition = 0;

  constructor(private readonly work: BatchHandler = () => Promise.resolve()) {}

  readonly handler: BatchHandler = async (messages, info) => {
    const now = (this.running.get(info.partition) ?? 0) + 1;
    this.running.set(info.partition, now);
    this.maxConcurrentPerPartition = Math.max(this.maxConcurrentPerPartition, now);
    try {
      // Yield, so an overlapping call for the same partition would show.
      await new Promise((resolve) => setImmediate(resolve));
      await this.work(messages, info);
      this.batches.push({ messages, info });
    } finally {
      this.running.set(info.partition, (this.running.get(info.partition) ?? 1) - 1);
    }
  };

  get messages(): IncomingMessage[] {
    return this.batches.flatMap((b) => b.messages);
  }

  get values(): string[] {
    return this.messages.map((m) => m.value?.toString('utf8') ?? '');
  }
}

const text = (values: readonly string[], key: (i: number) => string | null = () => null): OutgoingMessage[] =>
  values.map((value, i) => ({ key: key(i), value }));

const range = (n: number, prefix: string): string[] => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

const until = <T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false) =>
  waitFor(what, probe, 60_000, 20);

describe.each(implementations)('the bus contract: $name', (impl) => {
  let bus: MessageBus;
  const topics: string[] = [];
  const groups: string[] = [];
  const subscriptions: Subscription[] = [];
  let counter = 0;

  /** A fresh topic for one case (created through the port) and a group-name factory. */
  async function fresh(label: string): Promise<{ topic: string; group: (name: string) => string }> {
    const id = `${label}-${++counter}-${RUN_ID}`;
    const topic = `bus-contract.${id}`;
    topics.push(topic);
    await bus.ensureTopics([topic]);
    return {
      topic,
      group: (name) => {
        const group = `bus-contract.${name}.${id}`;
        groups.push(group);
        return group;
      },
    };
  }

  async function consume(
    group: string,
    topic: string,
    recorder: Recorder,
    fromBeginning = true,
  ): Promise<Subscription> {
    const subscription = await bus.consume(
      { groupId: group, topics: [topic], fromBeginning, maxWaitMs: 50 },
      recorder.handler,
    );
    subscriptions.push(subscription);
    return subscription;
  }

  beforeAll(() => {
    bus = impl.create();
  });

  afterEach(async () => {
    await Promise.all(subscriptions.splice(0).map((s) => s.close()));
  });

  afterAll(async () => {
    await bus.close();
    await impl.cleanUp(topics, groups);
  });

  it('answers a ping', async () => {
    expect(await bus.ping()).toBe(true);
  });

  it('hands a message over with its key, value, headers, timestamp and a string offset', async () => {
    const { topic, group } = await fresh('round-trip');
    const recorder = new Recorder();
    await consume(group('g'), topic, recorder);
    const before = Date.now();
    await bus.publish(topic, [
      {
        key: 'device-1',
        value: Buffer.from('{"kw":1.5}'),
        headers: { 'content-type': 'application/json', trace: 'abc' },
      },
    ]);
    const after = Date.now();
    const [message] = await until('the message', () => recorder.messages.length > 0 && recorder.messages);
    expect(message).toMatchObject({
      topic,
      key: 'device-1',
      headers: { 'content-type': 'application/json', trace: 'abc' },
    });
    expect(message.value?.toString('utf8')).toBe('{"kw":1.5}');
    expect(message.offset).toMatch(/^\d+$/);
    expect(message.partition).toBeGreaterThanOrEqual(0);
    expect(message.partition).toBeLessThan(PARTITIONS);
    expect(message.timestamp).toBeGreaterThanOrEqual(before - 1_000);
    expect(message.timestamp).toBeLessThanOrEqual(after + 1_000);
  });

  it('keeps the order of each key across many messages and publishes, each key in one partition', async () => {
    const { topic, group } = await fresh('key-order');
    const recorder = new Recorder();
    await consume(group('g'), topic, recorder);
    const keys = ['meter-a', 'meter-b', 'cems-c', 'gas-d', 'water-e'];
    for (let round = 0; round < 8; round++) {
      await bus.publish(
        topic,
        keys.flatMap((key) => range(5, `${key}/${round}`).map((value) => ({ key, value }))),
      );
    }
    await until('all 200 messages', () => recorder.messages.length >= 200);
    expect(recorder.messages).toHaveLength(200);
    for (const key of keys) {
      const ofKey = recorder.messages.filter((m) => m.key === key);
      const expected = Array.from({ length: 8 }, (_, round) => range(5, `${key}/${round}`)).flat();
      expect(ofKey.map((m) => m.value?.toString('utf8'))).toEqual(expected);
      expect(new Set(ofKey.map((m) => m.partition)).size).toBe(1);
    }
    for (let p = 0; p < PARTITIONS; p++) {
      const offsets = recorder.messages.filter((m) => m.partition === p).map((m) => BigInt(m.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    expect(recorder.maxConcurrentPerPartition).toBe(1);
  });

  it('gives every message to each of two groups', async () => {
    const { topic, group } = await fresh('two-groups');
    const first = new Recorder();
    const second = new Recorder();
    await consume(group('first'), topic, first);
    await consume(group('second'), topic, second);
    const values = range(40, 'm');
    await bus.publish(
      topic,
      text(values, (i) => `device-${i % 7}`),
    );
    await until(
      'both groups to have everything',
      () => first.values.length >= 40 && second.values.length >= 40,
    );
    expect([...first.values].sort()).toEqual([...values].sort());
    expect([...second.values].sort()).toEqual([...values].sort());
  });

  it('splits a group’s partitions between two consumers, each message to one of them', async () => {
    const { topic, group } = await fresh('split');
    const g = group('g');
    const a = new Recorder();
    const b = new Recorder();
    await consume(g, topic, a);
    await consume(g, topic, b);
    const values = range(60, 'm');
    await bus.publish(
      topic,
      text(values, (i) => `device-${i}`),
    );
    await until('the group to have everything', () => a.values.length + b.values.length >= 60);
    expect([...a.values, ...b.values].sort()).toEqual([...values].sort());
    expect(a.values.length).toBeGreaterThan(0);
    expect(b.values.length).toBeGreaterThan(0);
    const partitionsOf = (r: Recorder) => new Set(r.messages.map((m) => m.partition));
    const shared = [...partitionsOf(a)].filter((p) => partitionsOf(b).has(p));
    expect(shared).toEqual([]);
  });

  it('hands a failed batch over again, nothing skipped and nothing committed until the handler succeeds', async () => {
    const { topic, group } = await fresh('failing');
    const g = group('g');
    const values = range(10, 'm');
    await bus.publish(
      topic,
      text(values, () => 'one-key'),
    );

    // A handler that always fails: the batch comes again from the same offset, and is never committed…
    const attempts: string[][] = [];
    const failing = new Recorder((messages) => {
      attempts.push(messages.map((m) => m.offset));
      return Promise.reject(new Error('store unavailable'));
    });
    const first = await consume(g, topic, failing);
    await until('three attempts', () => attempts.length >= 3);
    await first.close();
    expect(failing.batches).toHaveLength(0);
    expect(await impl.committed(bus, g, topic)).toBe(0);
    for (const attempt of attempts) {
      expect(attempt[0]).toBe(attempts[0][0]);
      // A retry may hold more messages (Kafka refetches), never fewer or others.
      expect(attempt.slice(0, Math.min(attempt.length, attempts[0].length))).toEqual(
        attempts[0].slice(0, Math.min(attempt.length, attempts[0].length)),
      );
    }

    // …so the group's next consumer starts at the first message and gets every one, in order.
    const healthy = new Recorder();
    await consume(g, topic, healthy);
    await until('all ten messages', () => healthy.values.length >= 10);
    expect(healthy.values).toEqual(values);
    expect(healthy.messages[0].offset).toBe(attempts[0][0]);
  });

  it('resumes a restarted consumer after the last committed offset: no loss, no re-delivery', async () => {
    const { topic, group } = await fresh('restart');
    const g = group('g');
    const before = range(20, 'before');
    await bus.publish(
      topic,
      text(before, (i) => `device-${i % 5}`),
    );
    const first = new Recorder();
    const subscription = await consume(g, topic, first);
    await until('the first twenty', () => first.values.length >= 20);
    // Kafka commits just after the handler resolved; a close before that would (rightly) replay the batch.
    await until('the twenty to be committed', async () => (await impl.committed(bus, g, topic)) === 20);
    await subscription.close();

    const after = range(15, 'after');
    await bus.publish(
      topic,
      text(after, (i) => `device-${i % 5}`),
    );
    const second = new Recorder();
    await consume(g, topic, second);
    await until('the fifteen published meanwhile', () => second.values.length >= 15);
    expect([...first.values].sort()).toEqual([...before].sort());
    expect([...second.values].sort()).toEqual([...after].sort());
  });

  it('starts a new group at the beginning with fromBeginning, else at the end', async () => {
    const { topic, group } = await fresh('from-beginning');
    const old = range(6, 'old');
    await bus.publish(
      topic,
      text(old, (i) => `device-${i}`),
    );
    const fromStart = new Recorder();
    const fromEnd = new Recorder();
    await consume(group('from-start'), topic, fromStart, true);
    await consume(group('from-end'), topic, fromEnd, false);
    await until('the old messages from the start', () => fromStart.values.length >= 6);
    expect([...fromStart.values].sort()).toEqual([...old].sort());

    // A Kafka consumer looks the end up shortly after it joined: publish new rounds until each partition delivered.
    let round = 0;
    await waitFor(
      'new messages in every partition for the group that starts at the end',
      async () => {
        round++;
        await bus.publish(
          topic,
          text(range(8, `new-${round}`), (i) => `device-${i}`),
        );
        return new Set(fromEnd.messages.map((m) => m.partition)).size === PARTITIONS;
      },
      60_000,
      100,
    );
    expect(fromEnd.values.filter((v) => v.startsWith('old'))).toEqual([]);
  });

  it('reports the messages still waiting after each batch as lag', async () => {
    const { topic, group } = await fresh('lag');
    await bus.publish(
      topic,
      text(range(30, 'm'), () => 'one-key'),
    );
    const recorder = new Recorder();
    await consume(group('g'), topic, recorder);
    await until('all thirty', () => recorder.values.length >= 30);
    const base = BigInt(recorder.messages[0].offset);
    for (const { messages, info } of recorder.batches) {
      const last = BigInt(messages[messages.length - 1].offset);
      // Everything was published before the first fetch: lag = messages in the partition after this batch.
      expect(info.lag).toBe(Number(base + 30n - (last + 1n)));
      expect(info.partition).toBe(messages[0].partition);
      expect(info.topic).toBe(topic);
      await expect(info.heartbeat()).resolves.toBeUndefined();
    }
    expect(recorder.batches[recorder.batches.length - 1].info.lag).toBe(0);
  });

  it('waits for a running handler when a consumer closes', async () => {
    const { topic, group } = await fresh('close');
    const events: string[] = [];
    let entered = false;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const recorder = new Recorder(async () => {
      entered = true;
      await gate;
      events.push('handler finished');
    });
    const subscription = await consume(group('g'), topic, recorder);
    await bus.publish(topic, [{ key: 'device-1', value: 'slow' }]);
    await until('the handler to be running', () => entered);
    const closing = subscription.close().then(() => events.push('closed'));
    // Hold the handler a little while close() is pending; close() must not resolve before it finishes.
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await closing;
    expect(events).toEqual(['handler finished', 'closed']);
  });
});
