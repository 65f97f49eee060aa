/**
 * Several instances of an app start together (two ingestion, two rules, two api on a cluster): each ensures the
 * same topics at once. Before, the loser of the race failed its start — its create answered TOPIC_ALREADY_EXISTS,
 * or its metadata request reached a broker that did not know the new topic yet (found on the multi-host test bed,
 * test/cluster). Every instance must start, and the topics exist once with their partitions. On one local broker
 * the race seldom shows (this case passed before the fix too); the cluster suite, which starts two instances of every
 * app together on three brokers, is where it failed.
 */
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBus } from '@park/bus';

const KAFKA_BROKERS = (process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

describe('KafkaBus.ensureTopics from several instances at once', () => {
  const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  const topics = [1, 2, 3].map((n) => `park.race-${n}.v1.${runId}`);
  const admin = new Kafka({
    clientId: `race-${runId}`,
    brokers: KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
  }).admin();

  beforeAll(() => admin.connect());
  afterAll(async () => {
    await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => undefined);
    await admin.disconnect();
  });

  it('lets every instance start, and creates each topic once', async () => {
    const buses = Array.from(
      { length: 6 },
      (_, i) => new KafkaBus({ brokers: KAFKA_BROKERS, clientId: `race-${runId}-${i}`, partitions: 3 }),
    );
    try {
      const results = await Promise.allSettled(buses.map((bus) => bus.ensureTopics(topics)));
      expect(results.map((r) => r.status)).toEqual(buses.map(() => 'fulfilled'));
      const metadata = await admin.fetchTopicMetadata({ topics });
      expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(
        topics.map((t) => [t, 3]).sort(),
      );
    } finally {
      await Promise.all(buses.map((bus) => bus.close()));
    }
  });
});
