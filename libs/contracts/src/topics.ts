/**
 * Kafka topic names. Producers and consumers import these; nobody re-declares a topic string.
 * A namespace (e.g. a test run id) may be appended so that runs sharing one broker never meet.
 */
export const KAFKA_TOPICS = {
  /** Validated, enriched readings. Key: device id. */
  telemetry: 'park.telemetry.v1',
  /** Raw payload + reason for every reading that was not accepted. Key: device id when known. */
  telemetryRejected: 'park.telemetry.rejected.v1',
  /** Alert lifecycle events. Key: alert id. */
  alerts: 'park.alerts.v1',
  /** Device online/offline events. Key: device id. */
  deviceStatus: 'park.device-status.v1',
} as const;

export type TopicKey = keyof typeof KAFKA_TOPICS;

/** The topic name as used on the wire: the contract name, plus `.<namespace>` when one is configured. */
export function topicName(key: TopicKey, namespace = ''): string {
  const base = KAFKA_TOPICS[key];
  return namespace ? `${base}.${namespace}` : base;
}

/** Every topic of the contract, as used on the wire (an app that produces or consumes them all ensures them all). */
export function allTopicNames(namespace = ''): string[] {
  return (Object.keys(KAFKA_TOPICS) as TopicKey[]).map((key) => topicName(key, namespace));
}
