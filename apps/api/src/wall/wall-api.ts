import type { Provider } from '@nestjs/common';
import { DisplayTokenRepository, RECORDS, WallRecordsReader } from '@park/records';
import { TELEMETRY_STORE, type TelemetryQueries } from '@park/telemetry-store';
import type { DataSource } from 'typeorm';
import { DisplayTokensController } from './display-tokens.controller';
import { DisplayTokensService } from './display-tokens.service';
import { WallController } from './wall.controller';
import { WallService } from './wall.service';
import { StoreWallTelemetry, WALL_TELEMETRY } from './wall-telemetry';

/** The wall display's controllers (display tokens, GET /api/wall/summary). */
export const WALL_CONTROLLERS = [DisplayTokensController, WallController];

/** Its providers; the records DataSource, the telemetry store, TokenService and the clock come from the API module. */
export function wallProviders(): Provider[] {
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
      inject: [TELEMETRY_STORE],
      useFactory: (telemetry: TelemetryQueries) => new StoreWallTelemetry(telemetry),
    },
    DisplayTokensService,
    WallService,
  ];
}
