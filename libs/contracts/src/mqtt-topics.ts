/**
 * MQTT topic contract (DESIGN.md, "Contracts"): a device publishes QoS 1 to
 * `park/v1/devices/{deviceId}/telemetry`; its last will goes to `park/v1/devices/{deviceId}/status`.
 */
export const MQTT_TOPIC_PREFIX = 'park/v1/devices';

/** Device ids are also MQTT usernames and Kafka keys: keep them to a safe, bounded alphabet. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function telemetryTopic(deviceId: string): string {
  return `${MQTT_TOPIC_PREFIX}/${deviceId}/telemetry`;
}

export function statusTopic(deviceId: string): string {
  return `${MQTT_TOPIC_PREFIX}/${deviceId}/status`;
}

/** Shared subscription so that several ingestion instances split the load (MQTT 5 §4.8.2). */
export function sharedTelemetrySubscription(group = 'ingestion'): string {
  return `$share/${group}/${MQTT_TOPIC_PREFIX}/+/telemetry`;
}

export function sharedStatusSubscription(group = 'ingestion'): string {
  return `$share/${group}/${MQTT_TOPIC_PREFIX}/+/status`;
}

export type DeviceTopic = { deviceId: string; channel: 'telemetry' | 'status' };

/** Parses a concrete topic; returns null for anything that is not exactly a device topic. */
export function parseDeviceTopic(topic: string): DeviceTopic | null {
  const parts = topic.split('/');
  if (parts.length !== 5 || `${parts[0]}/${parts[1]}/${parts[2]}` !== MQTT_TOPIC_PREFIX) return null;
  const [, , , deviceId, channel] = parts;
  if (!DEVICE_ID_PATTERN.test(deviceId)) return null;
  if (channel !== 'telemetry' && channel !== 'status') return null;
  return { deviceId, channel };
}
