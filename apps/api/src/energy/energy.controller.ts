import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { EnergyQuery, EnergyRankingQuery } from './energy.dto';
import type { EnergyRanking, EnergySummary } from '@park/contracts';
import { EnergyService } from './energy.service';
import { ApiView } from '../openapi/api-view';

const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

@ApiTags('energy')
@ApiBearerAuth()
@Controller('api/energy')
export class EnergyController {
  constructor(private readonly energy: EnergyService) {}

  @Roles(...READERS)
  @Get('summary')
  @ApiOperation({
    summary: "An enterprise's electricity over a window (docs/energy.md)",
    description:
      'kWh per Asia/Shanghai day and month, per meter and per line, 峰/平/谷 split, peak 15-minute demand, load curve, year-on-year, carbon estimate and kWh per 万元 of output. An energy manager reads only their own enterprise (another answers 404).',
  })
  @ApiView('EnergySummary')
  summary(@CurrentPrincipal() principal: Principal, @Query() query: EnergyQuery): Promise<EnergySummary> {
    return this.energy.summary(principal, query);
  }

  @Roles('admin', 'officer', 'operator', 'staff')
  @Get('ranking')
  @ApiOperation({
    summary: 'Every enterprise with power meters over a window, most kWh first (docs/energy.md)',
    description:
      "Each enterprise's kWh, share of the park, peak 15-minute demand and kWh per 万元 of output, computed as its summary computes them. Park roles only: an energy manager reads their own enterprise's summary.",
  })
  @ApiView('EnergyRanking')
  ranking(@Query() query: EnergyRankingQuery): Promise<EnergyRanking> {
    return this.energy.ranking(query);
  }

  @Roles(...READERS)
  @Get('summary.csv')
  @ApiOperation({ summary: 'The daily per-meter kWh table as CSV (UTF-8 with BOM, Chinese headers)' })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV: 日期, 电表编号, 电表名称, 产线, 用途, 用电量(kWh), 峰段(kWh), 平段(kWh), 谷段(kWh)',
    schema: { type: 'string' },
  })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@CurrentPrincipal() principal: Principal, @Query() query: EnergyQuery): Promise<StreamableFile> {
    const file = await this.energy.csv(principal, query);
    return new StreamableFile(Buffer.from(file.body, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}
