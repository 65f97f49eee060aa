/** @park/mqtt — the MQTT adapter for services that consume device messages. */
export * from './mqtt-subscriber';
export * from './mosquitto-auth';
