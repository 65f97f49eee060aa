/**
 * The bus as a `@nestjs/microservices` transport (libs/bus/src/bus-transport.ts), on both implementations: the real
 * Kafka (microservices mode) and the in-process bus with its journal (standalone mode). A Nest app of two consumer
 * classes: `@EventPattern` handlers get whole batches with their context, one group reads two topics, a failing
 * handler's batch is replayed until it succeeds (the bus seeing the handler's own error), groups
 * are named per instance and namespace, and closing the app waits for a running handler before any feature's
 * shutdown hook. Topics and groups carry a run id; the Kafka ones are deleted afterwards.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module, type BeforeApplicationShutdown, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import {
  BusConsumer,
  BusModule,
  BusServer,
  connectBusConsumers,
  MESSAGE_BUS,
  type BusContext,
  type BusKind,
  type IncomingMessage,
  type MessageBus,
} from '@park/bus';
import { busNaming, topicName } from '@park/contracts';
import { waitFor } from '../support/wait-for';

const KAFKA_BROKERS = (process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const RUN_ID = `bt-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;

interface Delivery {
  readonly handler: string;
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
  readonly offsets: readonly string[];
  readonly values: readonly string[];
}

/** What the consumers were handed, and the switches a case sets: fail the next batch, hold the next one. */
@Injectable()
class Journal implements BeforeApplicationShutdown {
  readonly deliveries: Delivery[] = [];
  readonly events: string[] = [];
  failNext = 0;
  hold: Promise<void> | null = null;

  async take(handler: string, messages: readonly IncomingMessage[], context: BusContext): Promise<void> {
    if (this.hold) {
      this.events.push('handler started');
      await this.hold;
      this.events.push('handler finished');
    }
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error(`store down (${handler})`);
    }
    this.deliveries.push({
      handler,
      topic: context.getTopic(),
      partition: context.getPartition(),
      lag: context.getLag(),
      offsets: messages.map((m) => m.offset),
      values: messages.map((m) => m.value?.toString('utf8') ?? ''),
    });
  }

  beforeApplicationShutdown(): void {
    this.events.push('feature shutdown hook');
  }

  values(handler: string): string[] {
    return this.deliveries.filter((d) => d.handler === handler).flatMap((d) => d.values);
  }
}

@BusConsumer()
class EngineConsumer {
  constructor(private readonly journal: Journal) {}

  @EventPattern('telemetry', { group: 'transport-test' })
  readings(@Payload() messages: readonly IncomingMessage[], @Ctx() context: BusContext): Promise<void> {
    return this.journal.take('readings', messages, context);
  }

  @EventPattern('deviceStatus', { group: 'transport-test' })
  status(@Payload() messages: readonly IncomingMessage[], @Ctx() context: BusContext): Promise<void> {
    return this.journal.take('status', messages, context);
  }
}

@BusConsumer()
class InstanceConsumer {
  constructor(private readonly journal: Journal) {}

  @EventPattern('telemetry', { group: 'transport-test.{instance}', fromBeginning: true, maxWaitMs: 50 })
  readings(@Payload() messages: readonly IncomingMessage[], @Ctx() context: BusContext): Promise<void> {
    return this.journal.take('instance', messages, context);
  }
}

const TOPICS = [topicName('telemetry', RUN_ID), topicName('deviceStatus', RUN_ID)];

@Module({})
class TransportTestModule {
  static forRoot(bus: BusKind, journalPath: string, caseId: string) {
    return {
      module: TransportTestModule,
      imports: [
        BusModule.forRoot(
          {
            bus,
            brokers: KAFKA_BROKERS,
            clientId: `bus-transport-${RUN_ID}-${caseId}`,
            partitions: 2,
            replicationFactor: 1,
            inProcessJournalPath: journalPath,
          },
          TOPICS,
        ),
      ],
      providers: [Journal],
      controllers: [EngineConsumer, InstanceConsumer],
    };
  }
}

let journalDir: string | null = null;
const kafkaGroups = new Set<string>();

/** Starts the test app: its consumers connected and started; the bus's handlers wrapped to see what they throw. */
async function start(bus: BusKind, caseId: string) {
  journalDir ??= mkdtempSync(join(tmpdir(), 'park-bus-transport-'));
  const namespace = RUN_ID;
  const app = await NestFactory.create(
    TransportTestModule.forRoot(bus, bus === 'kafka' ? '' : join(journalDir, `${caseId}.db`), caseId),
    { logger: false },
  );
  const messageBus = app.get<MessageBus>(MESSAGE_BUS);
  const thrown: unknown[] = [];
  const consume = messageBus.consume.bind(messageBus);
  jest.spyOn(messageBus, 'consume').mockImplementation((options, handler) => {
    kafkaGroups.add(options.groupId);
    return consume(options, async (messages, info) => {
      try {
        await handler(messages, info);
      } catch (error) {
        thrown.push(error);
        throw error;
      }
    });
  });
  // The per-instance group is each case's own: it reads the shared topics from the beginning.
  const server = connectBusConsumers(app, { ...busNaming(namespace), instanceId: `i-${caseId}` });
  await app.init();
  await app.startAllMicroservices();
  return { app, server, journal: app.get(Journal), bus: messageBus, thrown };
}

const keyOf = (i: number) => `device-${i % 3}`;

async function publishReadings(bus: MessageBus, tag: string, count: number): Promise<string[]> {
  const values = Array.from({ length: count }, (_, i) => `${tag}-${i}`);
  await bus.publish(
    TOPICS[0],
    values.map((value, i) => ({ key: keyOf(i), value })),
  );
  return values;
}

/** Within one key (one partition), the order published. */
const byKey = (values: readonly string[], key: string) =>
  values.filter((v) => keyOf(Number(v.split('-').pop())) === key);

describe.each<[string, BusKind]>([
  ['Kafka', 'kafka'],
  ['the in-process bus with its journal', 'in-process'],
])('the bus as a @nestjs/microservices transport, on %s', (_name, kind) => {
  let app: INestApplication | null = null;

  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('plans one consumer per group, named with the instance and the namespace', async () => {
    const started = await start(kind, `${kind}-plan`);
    app = started.app;
    const plans = started.server.plan().map((p) => ({ group: p.options.groupId, topics: p.options.topics }));
    expect(plans).toEqual(
      expect.arrayContaining([
        { group: `transport-test.${RUN_ID}`, topics: TOPICS },
        { group: `transport-test.i-${kind}-plan.${RUN_ID}`, topics: [TOPICS[0]] },
      ]),
    );
    expect(plans).toHaveLength(2);
    expect(started.server.plan()[1].options.maxWaitMs).toBe(50);
  });

  it('hands each handler whole batches of its topic with their context, every group seeing every message in order', async () => {
    const started = await start(kind, `${kind}-deliver`);
    app = started.app;
    const tag = `deliver-${kind}`;
    const sent = await publishReadings(started.bus, tag, 30);
    await started.bus.publish(TOPICS[1], [{ key: 'device-0', value: `${tag}-status` }]);

    const mine = (handler: string) => started.journal.values(handler).filter((v) => v.startsWith(tag));
    await waitFor(
      'every reading in both groups',
      () => mine('readings').length >= 30 && mine('instance').length >= 30,
      60_000,
    );
    await waitFor('the status event', () => mine('status').length === 1, 60_000);
    for (const handler of ['readings', 'instance']) {
      for (const key of ['device-0', 'device-1', 'device-2'])
        expect(byKey(mine(handler), key)).toEqual(byKey(sent, key));
    }
    const readings = started.journal.deliveries.filter((d) => d.handler === 'readings');
    expect(new Set(readings.map((d) => d.topic))).toEqual(new Set([TOPICS[0]]));
    expect(started.journal.deliveries.find((d) => d.handler === 'status')?.topic).toBe(TOPICS[1]);
    for (const d of readings) {
      expect([0, 1]).toContain(d.partition);
      expect(d.lag).toBeGreaterThanOrEqual(0);
    }
  });

  it("replays a failed handler's batch until it succeeds, the bus seeing the handler's own error", async () => {
    const started = await start(kind, `${kind}-replay`);
    app = started.app;
    const tag = `replay-${kind}`;
    // Everything published before this case is read first; fail the first batch of this case's readings.
    await waitFor(
      'the earlier messages read',
      async () => {
        const before = started.journal.deliveries.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
        return started.journal.deliveries.length === before;
      },
      60_000,
    );
    started.journal.failNext = 1;
    const sent = await publishReadings(started.bus, tag, 12);

    const mine = (handler: string) => started.journal.values(handler).filter((v) => v.startsWith(tag));
    await waitFor(
      'every reading, after the replay',
      () => new Set(mine('readings')).size + new Set(mine('instance')).size >= 24,
      90_000,
    );
    expect(started.thrown).toHaveLength(1);
    expect(started.thrown[0]).toBeInstanceOf(Error);
    expect((started.thrown[0] as Error).message).toMatch(/^store down/);
    for (const handler of ['readings', 'instance'])
      for (const key of ['device-0', 'device-1', 'device-2'])
        expect(byKey([...new Set(mine(handler))], key)).toEqual(byKey(sent, key));
  });

  it('stops the consumers when the app closes, after a running handler finished and before any feature shutdown hook', async () => {
    const started = await start(kind, `${kind}-close`);
    app = started.app;
    let release!: () => void;
    started.journal.hold = new Promise((resolve) => (release = resolve));
    await publishReadings(started.bus, `close-${kind}`, 3);
    await waitFor('a handler running', () => started.journal.events.includes('handler started'), 60_000);
    const closing = started.app.close();
    app = null;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(started.journal.events).not.toContain('feature shutdown hook');
    release();
    await closing;
    const events = started.journal.events;
    expect(events.indexOf('feature shutdown hook')).toBeGreaterThan(events.lastIndexOf('handler finished'));
  });
});

describe('the bus server refuses at start-up what the bus cannot carry', () => {
  it('refuses a per-instance group in an app without an instance id', async () => {
    journalDir ??= mkdtempSync(join(tmpdir(), 'park-bus-transport-'));
    const app = await NestFactory.create(
      TransportTestModule.forRoot('in-process', join(journalDir, 'no-instance.db'), 'no-instance'),
      { logger: false },
    );
    connectBusConsumers(app, busNaming(RUN_ID));
    await app.init();
    await expect(app.startAllMicroservices()).rejects.toThrow(/per instance.*no instance id/);
    await app.close();
    expect(app.get(BusServer)).toBeInstanceOf(BusServer);
  });
});

afterAll(async () => {
  if (journalDir) rmSync(journalDir, { recursive: true, force: true });
  const admin = new Kafka({
    clientId: `bus-transport-admin-${RUN_ID}`,
    brokers: KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ours = TOPICS.filter((t) => existing.has(t));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 10_000 });
    const groups = [...kafkaGroups].filter((g) => g.endsWith(RUN_ID));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
});
