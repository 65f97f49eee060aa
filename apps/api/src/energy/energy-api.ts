import type { Provider } from '@nestjs/common';
import { DeviceAdmin, EnterpriseRecords } from '@park/records';
import type { ApiConfig } from '../api.config';
import { ENERGY_READER, RecordsEnergyReader } from './energy-reader';
import { EnergyController } from './energy.controller';
import { ENERGY_SETTINGS, EnergyService, type EnergySettings } from './energy.service';

/** The energy page's controllers (GET /api/energy/summary, /api/energy/summary.csv). */
export const ENERGY_CONTROLLERS = [EnergyController];

/** The settings from the validated config; peak and valley hours may not overlap. */
export function energySettings(config: ApiConfig): EnergySettings {
  const overlap = config.TOU_PEAK_HOURS.filter((h) => config.TOU_VALLEY_HOURS.includes(h));
  if (overlap.length > 0)
    throw new Error(`TOU_PEAK_HOURS and TOU_VALLEY_HOURS overlap at hour(s) ${overlap.join(', ')}`);
  return {
    tou: { peak: config.TOU_PEAK_HOURS, valley: config.TOU_VALLEY_HOURS },
    emissionFactorKgPerKwh: config.GRID_EMISSION_FACTOR_KG_PER_KWH,
  };
}

/** Its providers; DeviceAdmin and EnterpriseRecords come from the records providers, TELEMETRY_STORE from the API module. */
export function energyProviders(config: ApiConfig): Provider[] {
  return [
    { provide: ENERGY_SETTINGS, useValue: energySettings(config) },
    {
      provide: ENERGY_READER,
      inject: [DeviceAdmin, EnterpriseRecords],
      useFactory: (devices: DeviceAdmin, enterprises: EnterpriseRecords) =>
        new RecordsEnergyReader(devices, enterprises),
    },
    EnergyService,
  ];
}
