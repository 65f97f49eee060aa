import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TELEMETRY_STORE, type TelemetryStore } from '@park/telemetry-store';
import { Public } from '../auth/auth.decorators';
import { RECORDS } from '@park/records';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(RECORDS) private readonly records: DataSource,
    @Inject(TELEMETRY_STORE) private readonly telemetry: TelemetryStore,
  ) {}

  /** Liveness and readiness of what the API itself depends on: the records and the configured telemetry store. */
  @Public()
  @Get()
  async health(): Promise<{ status: 'ok' | 'degraded'; records: boolean; telemetry: boolean }> {
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
