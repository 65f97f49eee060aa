/** @park/bus — the message-bus port and its Kafka adapter. */
export * from './bus';
export * from './kafka-bus';
export * from './bus.providers';
