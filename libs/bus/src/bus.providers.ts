import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from './bus';
import { KafkaBus, type KafkaBusOptions } from './kafka-bus';

/** Nest wiring of the Kafka bus, shared by every app: connects lazily, creates the app's topics at start-up. */
export function kafkaBusProvider(options: KafkaBusOptions, topics: readonly string[]): Provider {
  return {
    provide: MESSAGE_BUS,
    useFactory: async () => {
      const bus = new KafkaBus(options);
      await bus.ensureTopics(topics);
      return bus;
    },
  };
}

/** Closes the bus after the consumers stopped (they stop in beforeApplicationShutdown). */
@Injectable()
export class BusCloser implements OnApplicationShutdown {
  constructor(@Inject(MESSAGE_BUS) private readonly bus: MessageBus) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
