import type { INestApplicationContext } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@park/bus';

/**
 * A running app's own bus, for a test to publish onto (the in-process bus lives inside the app that made it).
 * Closing this handle leaves the bus open: the app closes it at its own shutdown, after its consumers stopped.
 */
export function borrowedBus(app: INestApplicationContext): MessageBus {
  const bus = app.get<MessageBus>(MESSAGE_BUS);
  return {
    ensureTopics: (topics) => bus.ensureTopics(topics),
    publish: (topic, messages) => bus.publish(topic, messages),
    consume: (options, handler) => bus.consume(options, handler),
    ping: () => bus.ping(),
    close: () => Promise.resolve(),
  };
}
