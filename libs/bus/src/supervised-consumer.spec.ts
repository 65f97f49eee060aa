import { EventEmitter } from 'node:events';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import type { IncomingMessage } from './bus';
import { SupervisedConsumer, type SupervisionOptions } from './supervised-consumer';

const EVENTS = {
  FETCH_START: 'consumer.fetch_start',
  HEARTBEAT: 'consumer.heartbeat',
  START_BATCH_PROCESS: 'consumer.start_batch_process',
  END_BATCH_PROCESS: 'consumer.end_batch_process',
  CRASH: 'consumer.crash',
  GROUP_JOIN: 'consumer.group_join',
} as const;

/** Stands in for a kafkajs consumer: records calls and lets the test emit its instrumentation events. */
class FakeConsumer extends EventEmitter {
  readonly events = EVENTS;
  connected = false;
  commits: { topic: string; partition: number; offset: string }[] = [];
  eachBatch: ((payload: EachBatchPayload) => Promise<void>) | null = null;
  constructor(
    readonly restartOnFailure: () => Promise<boolean>,
    private readonly joins: boolean,
  ) {
    super();
  }
  override on(event: string, listener: (...args: unknown[]) => void): never {
    super.on(event, listener);
    return (() => this.off(event, listener)) as never;
  }
  connect() {
    this.connected = true;
    return Promise.resolve();
  }
  subscribe() {
    return Promise.resolve();
  }
  run(config: { eachBatch: (payload: EachBatchPayload) => Promise<void> }) {
    this.eachBatch = config.eachBatch;
    if (this.joins) setImmediate(() => this.emit(EVENTS.GROUP_JOIN, {}));
    return Promise.resolve();
  }
  disconnect() {
    this.connected = false;
    return Promise.resolve();
  }
  commitOffsets(offsets: { topic: string; partition: number; offset: string }[]) {
    this.commits.push(...offsets);
    return Promise.resolve();
  }
  /** Delivers one batch of messages with the given offsets, as kafkajs's runner would. */
  deliver(offsets: string[]) {
    let running = true;
    const payload = {
      batch: {
        topic: 't',
        partition: 0,
        messages: offsets.map((offset) => ({
          offset,
          key: Buffer.from('k'),
          value: Buffer.from(offset),
          headers: {},
          timestamp: '0',
        })),
        offsetLag: () => '0',
      },
      isRunning: () => running,
      isStale: () => false,
      resolveOffset: () => undefined,
      heartbeat: () => Promise.resolve(),
    } as unknown as EachBatchPayload;
    return {
      done: this.eachBatch!(payload),
      stop: () => {
        running = false;
      },
    };
  }
}

const FAST: SupervisionOptions = { stallMs: 150, initialBackoffMs: 10, maxBackoffMs: 40, joinTimeoutMs: 300 };
const quiet = { warn: () => undefined, error: () => undefined };

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function harness(joins: (n: number) => boolean = () => true, options = FAST) {
  const created: FakeConsumer[] = [];
  const handled: IncomingMessage[][] = [];
  let handler = (messages: readonly IncomingMessage[]) => {
    handled.push([...messages]);
    return Promise.resolve();
  };
  const supervisor = new SupervisedConsumer(
    (restartOnFailure) => {
      const c = new FakeConsumer(restartOnFailure, joins(created.length));
      created.push(c);
      return c as unknown as Consumer;
    },
    { groupId: 'g', topics: ['t'] },
    (messages) => handler(messages),
    quiet,
    options,
  );
  return {
    supervisor,
    created,
    handled,
    setHandler: (h: typeof handler) => {
      handler = h;
    },
  };
}

describe('SupervisedConsumer', () => {
  it('switches off kafkajs self-restart, joins, and commits the offset after the last handled message', async () => {
    const h = harness();
    await h.supervisor.start();
    const consumer = h.created[0];
    await expect(consumer.restartOnFailure()).resolves.toBe(false);
    await consumer.deliver(['7', '8']).done;
    expect(h.handled.map((b) => b.map((m) => m.offset))).toEqual([['7', '8']]);
    expect(consumer.commits).toEqual([{ topic: 't', partition: 0, offset: '9' }]);
    await h.supervisor.close();
    expect(consumer.connected).toBe(false);
  });

  it('recreates the consumer after a crash and disconnects the crashed one', async () => {
    const h = harness();
    await h.supervisor.start();
    h.created[0].emit(EVENTS.CRASH, { payload: { error: new Error('broker gone') } });
    await until(() => h.supervisor.restarts === 1, 'one restart');
    expect(h.created).toHaveLength(2);
    expect(h.created[0].connected).toBe(false);
    expect(h.created[1].connected).toBe(true);
    await h.supervisor.close();
  });

  it('keeps retrying with backoff while the group cannot be rejoined', async () => {
    const h = harness((n) => n === 0 || n >= 3);
    await h.supervisor.start();
    h.created[0].emit(EVENTS.CRASH, { payload: { error: new Error('broker gone') } });
    await until(() => h.supervisor.restarts === 1, 'a successful rejoin');
    expect(h.created).toHaveLength(4);
    expect(h.created.slice(0, 3).every((c) => !c.connected)).toBe(true);
    await h.supervisor.close();
  });

  it('recreates a consumer that went silent, but not one whose handler is still working', async () => {
    const h = harness();
    await h.supervisor.start();
    let release = () => undefined as void;
    h.setHandler(() => new Promise<void>((r) => (release = r)));
    const slow = h.created[0].deliver(['1']);
    await new Promise((r) => setTimeout(r, FAST.stallMs * 3));
    expect(h.created).toHaveLength(1);
    release();
    await slow.done;
    await until(() => h.supervisor.restarts === 1, 'a restart after silence');
    await h.supervisor.close();
  });

  it('leaves the commit to the successor when the consumer was replaced while its handler ran', async () => {
    const h = harness();
    await h.supervisor.start();
    let release = () => undefined as void;
    h.setHandler(() => new Promise<void>((r) => (release = r)));
    const first = h.created[0];
    const batch = first.deliver(['5']);
    first.emit(EVENTS.CRASH, { payload: { error: new Error('broker gone') } });
    await until(() => h.supervisor.restarts === 1, 'the successor');
    batch.stop();
    release();
    await batch.done;
    expect(first.commits).toEqual([]);
    await h.supervisor.close();
  });

  it('stops for good when closed mid-restart', async () => {
    const h = harness((n) => n === 0, { ...FAST, initialBackoffMs: 50 });
    await h.supervisor.start();
    h.created[0].emit(EVENTS.CRASH, { payload: { error: new Error('broker gone') } });
    await until(() => h.created.length >= 2, 'a restart attempt');
    await h.supervisor.close();
    const count = h.created.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(h.created).toHaveLength(count);
    expect(h.created.every((c) => !c.connected)).toBe(true);
  });

  it('retries a first start whose consumer crashed before joining, leaving one consumer connected', async () => {
    const h = harness((n) => n >= 1);
    const starting = h.supervisor.start();
    await until(() => h.created.length === 1, 'the first consumer');
    h.created[0].emit(EVENTS.CRASH, { payload: { error: new Error('The coordinator is loading') } });
    await starting;
    expect(h.created).toHaveLength(2);
    expect(h.created.map((c) => c.connected)).toEqual([false, true]);
    expect(h.supervisor.restarts).toBe(0);
    await h.supervisor.close();
  });

  it('fails start when the group is not joined in time, leaving nothing connected', async () => {
    const h = harness(() => false);
    await expect(h.supervisor.start()).rejects.toThrow('did not join within');
    expect(h.created[0].connected).toBe(false);
  });
});
