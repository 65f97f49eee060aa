/** @park/mqtt — the MQTT adapter for services that consume device messages. */
export * from './batching-subscriber';
export * from './ordered-batch-queue';
export * from './mosquitto-auth';
export * from './mqtt-publisher';
export * from './embedded-broker';
export * from './auth-throttle';
export * from './broker-metrics';
export * from './packet-size-guard';
