import { Module, type DynamicModule } from '@nestjs/common';
import { MESSAGE_BUS } from './bus';
import { BusCloser, busProvider, type BusProviderOptions } from './bus.providers';

/**
 * The message bus as MESSAGE_BUS for every module of the app (global): Kafka or the in-process bus, as `options.bus`
 * says, with `topics` ensured at start-up and the bus closed once at shutdown, after the consumers stopped
 * (BusCloser). Imported once, by the module an app's main.ts starts.
 */
@Module({})
export class BusModule {
  static forRoot(options: BusProviderOptions, topics: readonly string[]): DynamicModule {
    return {
      module: BusModule,
      global: true,
      providers: [busProvider(options, topics), BusCloser],
      exports: [MESSAGE_BUS],
    };
  }
}
