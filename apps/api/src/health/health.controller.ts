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
  async health(): Promise<{ status: 'ok' | 'degraded'; postgres: boolean; telemetry: boolean }> {
    const [postgres, telemetry] = await Promise.all([
      this.records
        .query('SELECT 1')
        .then(() => true)
        .catch(() => false),
      this.telemetry.ping(),
    ]);
    return { status: postgres && telemetry ? 'ok' : 'degraded', postgres, telemetry };
  }
}
