import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { EnterpriseFiguresView, IndicatorSettingsView, ReconciliationView } from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { YearQuery } from '../analytics/analytics.dto';
import { ApiView } from '../openapi/api-view';
import { IndicatorSettingsDto } from './indicators.dto';
import { IndicatorsService } from './indicators.service';

const PARK_READERS = ['admin', 'officer', 'operator', 'staff'] as const;

@ApiTags('exchange')
@ApiBearerAuth()
@Controller('api/exchange')
export class ExchangePrecedenceController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Roles(...PARK_READERS)
  @Get('precedence')
  @ApiOperation({
    summary:
      'Which origin each indicator takes its figure from, and the electricity → tce factor (docs/analytics.md)',
  })
  @ApiView('IndicatorSettings')
  precedence(): Promise<IndicatorSettingsView> {
    return this.indicators.settings();
  }

  @Edits('exchange')
  @Put('precedence')
  @ApiOperation({ summary: 'Set the precedence, the energy factor, or both' })
  @ApiView('IndicatorSettings')
  putPrecedence(
    @CurrentPrincipal() p: Principal,
    @Body() body: IndicatorSettingsDto,
  ): Promise<IndicatorSettingsView> {
    return this.indicators.putSettings(p, body);
  }
}

@ApiTags('enterprises')
@ApiBearerAuth()
@Controller('api/enterprises')
export class EnterpriseFiguresController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Roles(...PARK_READERS, 'energy-manager')
  @Get(':id/figures')
  @ApiOperation({
    summary:
      "An enterprise's figures of a year: periodic source figures, manual and effective values with origins",
    description: 'An energy manager reads only their own enterprise (another answers 404).',
  })
  @ApiView('EnterpriseFigures')
  figures(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: YearQuery,
  ): Promise<EnterpriseFiguresView> {
    return this.indicators.enterpriseFigures(p, id, q.year);
  }
}

@ApiTags('energy')
@ApiBearerAuth()
@Controller('api/energy')
export class ReconciliationController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Roles(...PARK_READERS, 'energy-manager')
  @Get('reconciliation')
  @ApiOperation({
    summary: "Metered kWh against the power company's monthly kWh, per enterprise and month (docs/energy.md)",
    description: 'An energy manager sees only their own enterprise.',
  })
  @ApiView('Reconciliation')
  reconciliation(@CurrentPrincipal() p: Principal, @Query() q: YearQuery): Promise<ReconciliationView> {
    return this.indicators.reconciliation(p, q.year);
  }
}
