import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { TelemetrySeries } from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { SeriesQuery } from './telemetry.dto';
import { TelemetryService } from './telemetry.service';
import { ApiView } from '../openapi/api-view';

@ApiTags('telemetry')
@ApiBearerAuth()
@Controller('api/telemetry')
export class TelemetryController {
  constructor(private readonly telemetry: TelemetryService) {}

  @Roles('admin', 'officer', 'operator', 'staff', 'energy-manager')
  @Get('series')
  @ApiOperation({
    summary: "One device's metric over a window, for a chart",
    description:
      'Raw readings when the window holds at most `points` of them, else per-bucket means (bucket = ceil(range / points) rounded up to a round step). Windows older than 90 days or longer than 30 days read the hourly means. An energy manager reads only their own enterprise’s devices (another’s answers 404).',
  })
  @ApiView('TelemetrySeries')
  series(@CurrentPrincipal() principal: Principal, @Query() query: SeriesQuery): Promise<TelemetrySeries> {
    return this.telemetry.series(principal, query);
  }
}
