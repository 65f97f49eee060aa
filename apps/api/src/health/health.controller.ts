import { Controller, Get, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { RECORDS } from '@park/records';

@Controller('health')
export class HealthController {
  constructor(@Inject(RECORDS) private readonly records: DataSource) {}

  /** Liveness and readiness of what the API itself depends on. */
  @Public()
  @Get()
  async health(): Promise<{ status: 'ok' | 'degraded'; postgres: boolean }> {
    const postgres = await this.records
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    return { status: postgres ? 'ok' : 'degraded', postgres };
  }
}
