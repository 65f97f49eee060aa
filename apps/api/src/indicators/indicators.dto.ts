/** The effective indicators' routes: the precedence/energy-factor settings body, the figures' year. */
import { IsObject, IsOptional } from 'class-validator';

export class IndicatorSettingsDto {
  /** Per metric, the origins in the order they are tried (libs/contracts indicator-views.ts). */
  @IsOptional()
  @IsObject()
  precedence?: Record<string, unknown>;

  /** { basis: 'calorific' | 'equivalent', equivalentKgcePerKwh } (GB/T 2589-2020). */
  @IsOptional()
  @IsObject()
  energyFactor?: Record<string, unknown>;
}
