import { Partitioners } from 'kafkajs';
import { PartitionLog, partitionForKey } from './partition-log';

describe('partitionForKey', () => {
  // kafkajs' default partitioner is Java Kafka's (murmur2): a key lands in the same partition in both modes.
  const kafkaPartitioner = Partitioners.DefaultPartitioner();
  const kafkaPartition = (key: string, partitions: number) =>
    kafkaPartitioner({
      topic: 't',
      partitionMetadata: Array.from({ length: partitions }, (_, partitionId) => ({
        partitionId,
        leader: 0,
        replicas: [0],
        isr: [0],
        partitionErrorCode: 0,
      })),
      message: { key, value: null },
    });

  it.each([1, 2, 3, 6, 12, 1000])('picks the partition Kafka picks, with %i partitions', (partitions) => {
    const keys = [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'abcde',
      'device-1',
      'meter-a',
      '设备-7',
      '0b6f2f5e-2b4e-4c1e-9a53-5a8d2f1f0c11',
      ...Array.from({ length: 200 }, (_, i) => `device-${i}`),
    ];
    for (const key of keys)
      expect([key, partitionForKey(key, partitions)]).toEqual([key, kafkaPartition(key, partitions)]);
  });

  it('spreads many keys over all partitions', () => {
    const used = new Set(Array.from({ length: 100 }, (_, i) => partitionForKey(`device-${i}`, 6)));
    expect(used.size).toBe(6);
  });
});

describe('PartitionLog', () => {
  const message = (value: string) => ({ key: null, value: Buffer.from(value), headers: {}, timestamp: 0 });

  it('numbers messages consecutively and keeps numbering after trimming', () => {
    const log = new PartitionLog();
    log.append([message('a'), message('b'), message('c')]);
    expect([log.low, log.high, log.size]).toEqual([0, 3, 3]);
    expect(log.trimBefore(2)).toBe(2);
    log.append([message('d')]);
    expect([log.low, log.high, log.size]).toEqual([2, 4, 2]);
    expect(log.read(2, 10).map((m) => [m.offset, m.value.toString()])).toEqual([
      [2, 'c'],
      [3, 'd'],
    ]);
  });

  it('never trims past the end and ignores a trim below the start', () => {
    const log = new PartitionLog();
    log.append([message('a'), message('b')]);
    expect(log.trimBefore(10)).toBe(2);
    expect([log.low, log.high, log.size]).toEqual([2, 2, 0]);
    expect(log.trimBefore(1)).toBe(0);
    expect(log.read(2, 10)).toEqual([]);
  });

  it('reads at most the requested count from an offset', () => {
    const log = new PartitionLog();
    log.append(Array.from({ length: 10 }, (_, i) => message(String(i))));
    expect(log.read(4, 3).map((m) => m.offset)).toEqual([4, 5, 6]);
    expect(log.read(8, 5).map((m) => m.offset)).toEqual([8, 9]);
  });

  it('keeps offsets right across the compaction of a long-trimmed log', () => {
    const log = new PartitionLog();
    for (let round = 0; round < 50; round++) {
      log.append(Array.from({ length: 100 }, (_, i) => message(`${round}-${i}`)));
      log.trimBefore(log.high - 30);
    }
    expect([log.low, log.high, log.size]).toEqual([4970, 5000, 30]);
    expect(log.read(4990, 2).map((m) => [m.offset, m.value.toString()])).toEqual([
      [4990, '49-90'],
      [4991, '49-91'],
    ]);
  });
});
