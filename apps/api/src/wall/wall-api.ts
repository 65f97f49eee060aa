import type { Provider } from '@nestjs/common';
import { DisplayTokenRepository, RECORDS, WallRecordsReader } from '@park/records';
import { InfluxV1Store } from '@park/telemetry-store';
import type { DataSource } from 'typeorm';
import type { ApiConfig } from '../api.config';
import { DisplayTokensController } from './display-tokens.controller';
import { DisplayTokensService } from './display-tokens.service';
import { WallController } from './wall.controller';
import { WallService } from './wall.service';
import { InfluxWallTelemetry, WALL_TELEMETRY } from './wall-telemetry';

/** The wall display's controllers (display tokens, GET /api/wall/summary). */
export const WALL_CONTROLLERS = [DisplayTokensController, WallController];

/** Its providers; the records DataSource, TokenService and the clock come from the API module. */
export function wallProviders(config: ApiConfig): Provider[] {
  return [
    {
      provide: DisplayTokenRepository,
      inject: [RECORDS],
      useFactory: (ds: DataSource) => new DisplayTokenRepository(ds),
    },
    {
      provide: WallRecordsReader,
      inject: [RECORDS],
      useFactory: (ds: DataSource) => new WallRecordsReader(ds),
    },
    {
      provide: WALL_TELEMETRY,
      useFactory: () =>
        new InfluxWallTelemetry(
          new InfluxV1Store({
            url: config.INFLUX_URL,
            database: config.INFLUX_DATABASE,
            username: config.INFLUX_USERNAME,
            password: config.INFLUX_PASSWORD,
          }),
        ),
    },
    DisplayTokensService,
    WallService,
  ];
}
