import type { Provider } from '@nestjs/common';
import { InfluxV1Store } from '@park/telemetry-store';
import type { ApiConfig } from '../api.config';
import { InfluxSeriesReader, SERIES_READER } from './series-reader';
import { TelemetryController } from './telemetry.controller';
import { TelemetryService } from './telemetry.service';

/** The telemetry issue's controllers (GET /api/telemetry/series). */
export const TELEMETRY_CONTROLLERS = [TelemetryController];

/** Its providers; DeviceAdmin and the clock come from the API module. */
export function telemetryProviders(config: ApiConfig): Provider[] {
  return [
    {
      provide: SERIES_READER,
      useFactory: () =>
        new InfluxSeriesReader(
          new InfluxV1Store({
            url: config.INFLUX_URL,
            database: config.INFLUX_DATABASE,
            username: config.INFLUX_USERNAME,
            password: config.INFLUX_PASSWORD,
          }),
        ),
    },
    TelemetryService,
  ];
}
