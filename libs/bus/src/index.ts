/** @park/bus — the message-bus port, its Kafka adapter and its in-process implementation. */
export * from './bus';
export * from './kafka-bus';
export { BusClosedError, InProcessBus, UnknownTopicError, type InProcessBusOptions } from './in-process-bus';
export * from './bus.providers';
export { BusModule, type BusConfig } from './bus.module';
export * from './bus-transport';
