import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import type { ApiHealth } from '@park/contracts';
import { PortChecks } from '@park/health';
import { RECORDS } from '@park/records';
import { TELEMETRY_STORE, type TelemetryStore } from '@park/telemetry-store';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';

@Controller('health')
export class HealthController {
  constructor(
    private readonly healthCheck: HealthCheckService,
    private readonly checks: PortChecks,
    @Inject(RECORDS) private readonly records: DataSource,
    @Inject(TELEMETRY_STORE) private readonly telemetry: TelemetryStore,
  ) {}

  /**
   * Readiness of what the API itself depends on: 503 without the records (nobody could sign in); 200 `degraded`
   * without the telemetry store (only its charts and energy figures fail). Public, so a failed check says no more
   * than "does not answer".
   */
  @Public()
  @Get()
  @ApiView('Health')
  health(): Promise<ApiHealth> {
    return this.healthCheck.check([
      this.checks.records(this.records, { quiet: true }),
      this.checks.answers('telemetry', () => this.telemetry.ping(), { quiet: true, optional: true }),
    ]);
  }
}
