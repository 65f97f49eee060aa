/**
 * What only the in-process bus has to get right: memory that stays bounded, unknown topics and prompt delivery.
 * The behaviour it shares with Kafka is in test/integration/bus-contract.int-spec.ts.
 */
import { BusClosedError, InProcessBus, UnknownTopicError } from './in-process-bus';
import { collect, until } from './testing/bus-spec-support';

const values = (n: number, prefix = 'm') =>
  Array.from({ length: n }, (_, i) => ({ key: `k${i % 4}`, value: `${prefix}${i}` }));

describe('InProcessBus', () => {
  let bus: InProcessBus;
  let warn: jest.SpyInstance;

  beforeEach(async () => {
    bus = new InProcessBus({
      partitions: 2,
      maxBatchSize: 10,
      retryBackoffMs: 10,
      maxRetainedPerPartition: 50,
    });
    warn = jest.spyOn(bus.logger, 'warn').mockImplementation(() => undefined);
    await bus.ensureTopics(['t']);
  });

  afterEach(async () => {
    await bus.close();
  });

  it('drops messages once every group consuming them committed them', async () => {
    const fast = collect();
    const slow = collect();
    let slowMayGo = false;
    await bus.consume({ groupId: 'fast', topics: ['t'] }, fast.handler);
    const slowSubscription = await bus.consume({ groupId: 'slow', topics: ['t'] }, (messages, info) =>
      slowMayGo ? slow.handler(messages, info) : Promise.reject(new Error('not yet')),
    );
    await bus.publish('t', values(40));
    await until('the fast group to have all', () => fast.received.length === 40);
    // The slow group still needs all of them.
    expect(sum(bus.retained('t'))).toBe(40);
    slowMayGo = true;
    await until('the slow group to have all', () => slow.received.length === 40);
    await until('the log to be empty', () => sum(bus.retained('t')) === 0);
    // A group that left keeps its committed position: what it has not consumed stays.
    await slowSubscription.close();
    await bus.publish('t', values(10, 'later'));
    await until('the fast group to have the later ones', () => fast.received.length === 50);
    expect(sum(bus.retained('t'))).toBe(10);
  });

  it('keeps messages for a group to come while no group consumed the partition, up to the retention bound', async () => {
    await bus.publish('t', values(30));
    expect(sum(bus.retained('t'))).toBe(30);
    await bus.publish('t', values(200));
    expect(bus.retained('t').every((n) => n <= 50)).toBe(true);
    const retained = sum(bus.retained('t'));
    const late = collect();
    await bus.consume({ groupId: 'late', topics: ['t'], fromBeginning: true }, late.handler);
    await until('the retained messages', () => late.received.length === retained);
    await until('the log to be empty once the group committed them', () => sum(bus.retained('t')) === 0);
    expect(late.received.map((m) => m.value?.toString())).toContain('m199');
    expect(late.received.map((m) => m.value?.toString())).not.toContain('m0');
  });

  it('bounds a partition for a group that stopped consuming, and resumes that group where the retained messages start', async () => {
    const first = collect();
    const subscription = await bus.consume(
      { groupId: 'g', topics: ['t'], fromBeginning: true },
      first.handler,
    );
    await bus.publish('t', [{ key: 'k0', value: 'first' }]);
    await until('the first message', () => first.received.length === 1);
    await subscription.close();
    await bus.publish(
      't',
      Array.from({ length: 120 }, (_, i) => ({ key: 'k0', value: `v${i}` })),
    );
    const partition = first.received[0].partition;
    expect(bus.retained('t')[partition]).toBe(50);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('retention'));
    const again = collect();
    await bus.consume({ groupId: 'g', topics: ['t'], fromBeginning: true }, again.handler);
    await until('the retained fifty', () => again.received.length === 50);
    expect(again.received[0].value?.toString()).toBe('v70');
    expect(again.received.at(-1)?.value?.toString()).toBe('v119');
  });

  it('refuses topics nobody ensured, as the Kafka adapter does not auto-create them', async () => {
    await expect(bus.publish('nope', [{ key: null, value: 'x' }])).rejects.toBeInstanceOf(UnknownTopicError);
    await expect(bus.consume({ groupId: 'g', topics: ['t', 'nope'] }, collect().handler)).rejects.toThrow(
      'topic nope does not exist',
    );
  });

  it('delivers within a few event-loop turns of the publish, without polling', async () => {
    let deliveredAt = 0;
    await bus.consume({ groupId: 'g', topics: ['t'], maxWaitMs: 5_000 }, () => {
      deliveredAt = performance.now();
      return Promise.resolve();
    });
    const publishedAt = performance.now();
    await bus.publish('t', [{ key: 'k', value: 'x' }]);
    await until('the delivery', () => deliveredAt > 0, 1_000);
    expect(deliveredAt - publishedAt).toBeLessThan(50);
  });

  it('spreads messages without a key over the partitions', async () => {
    const c = collect();
    await bus.consume({ groupId: 'g', topics: ['t'] }, c.handler);
    await bus.publish(
      't',
      Array.from({ length: 10 }, (_, i) => ({ key: null, value: `v${i}` })),
    );
    await until('all ten', () => c.received.length === 10);
    expect(c.received.filter((m) => m.partition === 0)).toHaveLength(5);
  });

  it('moves a leaving member’s partitions to the one that stays, from the committed offset', async () => {
    const a = collect();
    const b = collect();
    const subA = await bus.consume({ groupId: 'g', topics: ['t'] }, a.handler);
    await bus.consume({ groupId: 'g', topics: ['t'] }, b.handler);
    await bus.publish('t', values(20));
    await until('both halves', () => a.received.length + b.received.length === 20);
    await subA.close();
    await bus.publish('t', values(20, 'n'));
    await until('the rest to the remaining member', () => b.received.length + a.received.length === 40);
    expect(new Set(b.received.slice(-20).map((m) => m.partition))).toEqual(new Set([0, 1]));
    expect(new Set([...a.received, ...b.received].map((m) => m.value?.toString())).size).toBe(40);
  });

  it('stops a consumer waiting out a retry backoff at once when it closes', async () => {
    const slowRetry = new InProcessBus({ partitions: 1, retryBackoffMs: 60_000 });
    jest.spyOn(slowRetry.logger, 'warn').mockImplementation(() => undefined);
    await slowRetry.ensureTopics(['t']);
    let attempts = 0;
    await slowRetry.consume({ groupId: 'g', topics: ['t'] }, () => {
      attempts++;
      return Promise.reject(new Error('down'));
    });
    await slowRetry.publish('t', [{ key: null, value: 'x' }]);
    await until('the first attempt', () => attempts === 1);
    const started = performance.now();
    await slowRetry.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(attempts).toBe(1);
    await expect(slowRetry.publish('t', [{ key: null, value: 'y' }])).rejects.toBeInstanceOf(BusClosedError);
    expect(await slowRetry.ping()).toBe(false);
  });
});

function sum(numbers: readonly number[]): number {
  return numbers.reduce((a, b) => a + b, 0);
}
