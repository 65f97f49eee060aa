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

/**
 * A topic key as a bus handler names its topic (`@EventPattern('telemetry', …)`) → its name on the wire. A key the
 * contract does not have is refused (at start-up, where the handlers are read), not consumed as a stray topic.
 */
export function topicNameOfKey(key: string, namespace = ''): string {
  if (!Object.hasOwn(KAFKA_TOPICS, key))
    throw new Error(`the contract has no topic "${key}" (it has ${Object.keys(KAFKA_TOPICS).join(', ')})`);
  return topicName(key as TopicKey, namespace);
}

/** How an app's bus handlers' topics and groups are named on the wire (`connectBusConsumers` of @park/bus). */
export function busNaming(namespace = ''): { namespace: string; topic: (key: string) => string } {
  return { namespace, topic: (key) => topicNameOfKey(key, namespace) };
}

/** Every topic of the contract, as used on the wire (an app that produces or consumes them all ensures them all). */
export function allTopicNames(namespace = ''): string[] {
  return (Object.keys(KAFKA_TOPICS) as TopicKey[]).map((key) => topicName(key, namespace));
}
