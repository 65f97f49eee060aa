import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { producerOutOfStep, unsentMessages } from './kafka-bus';

describe('producerOutOfStep', () => {
  const protocolError = (type: string) => Object.assign(new KafkaJSProtocolError(type), { type });

  it('asks for a new producer when the broker rejects its sequence numbers or its producer id', () => {
    expect(producerOutOfStep(protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER'))).toBe(true);
    expect(producerOutOfStep(protocolError('UNKNOWN_PRODUCER_ID'))).toBe(true);
    expect(producerOutOfStep(protocolError('INVALID_PRODUCER_EPOCH'))).toBe(true);
  });

  it('looks inside the errors kafkajs wraps them in', () => {
    const wrapped = new KafkaJSNumberOfRetriesExceeded(protocolError('OUT_OF_ORDER_SEQUENCE_NUMBER'), {
      retryCount: 3,
      retryTime: 100,
    });
    expect(producerOutOfStep(wrapped)).toBe(true);
    expect(producerOutOfStep({ errors: [new Error('x'), protocolError('UNKNOWN_PRODUCER_ID')] })).toBe(true);
  });

  it('keeps the producer for errors a retry on the same producer gets over', () => {
    expect(producerOutOfStep(protocolError('NOT_LEADER_FOR_PARTITION'))).toBe(false);
    expect(producerOutOfStep(protocolError('NOT_ENOUGH_REPLICAS'))).toBe(false);
    expect(producerOutOfStep(new Error('Connection error: read ETIMEDOUT'))).toBe(false);
    expect(producerOutOfStep(null)).toBe(false);
  });
});

describe('unsentMessages', () => {
  const messages = ['a', 'b', 'c', 'd'];
  const partitions: Record<string, number> = { a: 0, b: 1, c: 2, d: 1 };
  const partitionOf = (m: string) => partitions[m];

  it('is empty when every partition a message went to was acknowledged', () => {
    const results = [0, 1, 2].map((partition) => ({ topicName: 't', partition }));
    expect(unsentMessages('t', messages, partitionOf, results)).toEqual([]);
  });

  it('names the messages of a partition no broker answered for, in their order (a leader moved mid-send)', () => {
    // Broker 2 led partition 1 and died; on the retry partition 1's new leader had already answered for 0 and 2.
    const results = [
      { topicName: 't', partition: 0 },
      { topicName: 't', partition: 2 },
    ];
    expect(unsentMessages('t', messages, partitionOf, results)).toEqual(['b', 'd']);
  });

  it('does not count another topic’s partitions, and treats a message with no recorded partition as unsent', () => {
    const results = [
      { topicName: 'other', partition: 1 },
      { topicName: 't', partition: 0 },
      { topicName: 't', partition: 2 },
    ];
    expect(unsentMessages('t', [...messages, 'e'], partitionOf, results)).toEqual(['b', 'd', 'e']);
  });
});
