import type { Logger } from '@nestjs/common';
import type { IncomingMessage, MessageBus, Subscription } from '@park/bus';
import { topicName, type TopicKey } from '@park/contracts';
import type { ApiConfig } from '../api.config';

export interface InstanceStream {
  readonly topic: TopicKey;
  /** Names the group beside the instance id (`api.<id>.<stream>.<ns>`); null for the alerts' historical name. */
  readonly stream: string | null;
  readonly maxWaitMs: number;
}

/**
 * Follows a topic in a consumer group of this API instance's own, from the end of the topic: every instance sees
 * every event and serves its own sockets, so scaling out needs no extra service; nothing is replayed at start-up.
 */
export async function followAsInstance(
  bus: MessageBus,
  config: Pick<ApiConfig, 'PARK_NAMESPACE' | 'API_INSTANCE_ID'>,
  stream: InstanceStream,
  handler: (messages: readonly IncomingMessage[]) => Promise<void>,
): Promise<Subscription> {
  const ns = config.PARK_NAMESPACE;
  const topic = topicName(stream.topic, ns);
  await bus.ensureTopics([topic]);
  const name = [`api.${config.API_INSTANCE_ID}`, stream.stream, ns || null]
    .filter((p) => p !== null)
    .join('.');
  return bus.consume(
    { groupId: name, topics: [topic], fromBeginning: false, maxWaitMs: stream.maxWaitMs },
    handler,
  );
}

/** Decodes each message and hands it on; one that breaks the contract is logged and skipped, not retried. */
export function eachDecoded<T>(
  messages: readonly IncomingMessage[],
  decode: (value: Buffer | null) => T,
  logger: Logger,
  what: string,
  each: (value: T) => void,
): void {
  for (const message of messages) {
    let value: T;
    try {
      value = decode(message.value);
    } catch (error) {
      logger.error(`skipping ${what} message at offset ${message.offset}: ${(error as Error).message}`);
      continue;
    }
    each(value);
  }
}
