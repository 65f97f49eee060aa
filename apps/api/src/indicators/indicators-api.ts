import type { Provider } from '@nestjs/common';
import { RECORDS, SourceFigures } from '@park/records';
import type { DataSource } from 'typeorm';
import {
  EnterpriseFiguresController,
  ExchangePrecedenceController,
  ReconciliationController,
} from './indicators.controller';
import { IndicatorsService } from './indicators.service';

/** The effective indicators' routes: the precedence, an enterprise's figures, the electricity reconciliation. */
export const INDICATORS_CONTROLLERS = [
  ExchangePrecedenceController,
  EnterpriseFiguresController,
  ReconciliationController,
];

/** Its providers; the records stores, EnergyService and the clock come from the API module. */
export function indicatorsProviders(): Provider[] {
  return [
    { provide: SourceFigures, inject: [RECORDS], useFactory: (ds: DataSource) => new SourceFigures(ds) },
    IndicatorsService,
  ];
}
