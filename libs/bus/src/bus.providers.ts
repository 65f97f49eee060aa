import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from './bus';
import { InProcessBus } from './in-process-bus';
import { KafkaBus, type KafkaBusOptions } from './kafka-bus';

/** Which implementation of the bus port an app runs on (the BUS variable). */
export type BusKind = 'kafka' | 'in-process';

export interface BusProviderOptions extends KafkaBusOptions {
  readonly bus: BusKind;
  /** The in-process bus's journal file (InProcessBusOptions.journalPath); empty or absent: memory only. */
  readonly inProcessJournalPath?: string;
}

/**
 * Nest wiring of the bus an app's config picks: Kafka (microservices mode), or an in-process bus of the app's own
 * (standalone mode, `partitions` per topic), with the app's topics ensured at start-up either way. One app, one
 * bus: BusModule provides it once and its `BusCloser` closes it.
 */
export function busProvider(options: BusProviderOptions, topics: readonly string[]): Provider {
  if (options.bus === 'kafka') return kafkaBusProvider(options, topics);
  return {
    provide: MESSAGE_BUS,
    useFactory: async () => {
      const bus = new InProcessBus({
        partitions: options.partitions,
        journalPath: options.inProcessJournalPath || undefined,
      });
      await bus.ensureTopics(topics);
      return bus;
    },
  };
}

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
