import { Module, type DynamicModule } from '@nestjs/common';
import { telemetryStoreProvider, type TelemetryStoreConfig } from './open-telemetry-store';
import { TELEMETRY_STORE } from './telemetry-store';

/**
 * The configured telemetry store (InfluxDB or the embedded SQLite store) as TELEMETRY_STORE for every module of the
 * app (global), closed once at shutdown. Imported once, by the module an app's main.ts starts.
 */
@Module({})
export class TelemetryStoreModule {
  static forRoot(config: TelemetryStoreConfig): DynamicModule {
    return {
      module: TelemetryStoreModule,
      global: true,
      providers: [telemetryStoreProvider(config)],
      exports: [TELEMETRY_STORE],
    };
  }
}
