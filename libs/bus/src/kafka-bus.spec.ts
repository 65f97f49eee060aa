import { KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { producerOutOfStep } from './kafka-bus';

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
