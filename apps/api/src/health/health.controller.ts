import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TELEMETRY_STORE, type TelemetryStore } from '@park/telemetry-store';
import { Public } from '../auth/auth.decorators';
import { RECORDS } from '@park/records';
import { ApiView } from '../openapi/api-view';

/** GET /health: `degraded` when the records or the telemetry store do not answer. */
export interface HealthStatus {
  readonly status: 'ok' | 'degraded';
  readonly records: boolean;
  readonly telemetry: boolean;
}

@Controller('health')
export class HealthController {
  constructor(
    @Inject(RECORDS) private readonly records: DataSource,
    @Inject(TELEMETRY_STORE) private readonly telemetry: TelemetryStore,
  ) {}

  /** Liveness and readiness of what the API itself depends on: the records and the configured telemetry store. */
  @Public()
  @Get()
  @ApiView('Health')
  async health(): Promise<HealthStatus> {
    // Named for the port, not the product: PostgreSQL or SQLite, InfluxDB or the embedded store.
    const [records, telemetry] = await Promise.all([
      this.records
        .query('SELECT 1')
        .then(() => true)
        .catch(() => false),
      this.telemetry.ping(),
    ]);
    return { status: records && telemetry ? 'ok' : 'degraded', records, telemetry };
  }
}
