/**
 * One device's value model, chosen by kind (and role, for power meters). The fleet manifest supplies the
 * parameters; this file fills in defaults and builds the model. Every model is pure apart from its own seeded
 * random stream: readings depend only on the seed, the timestamps asked for and the scenario episodes.
 */
import type { DeviceKind, MeterRole, MetricValue } from '@park/contracts';
import { SCHEDULE_PRESETS, type LineSchedule } from './load-profile';
import {
  DEFAULT_POWER_METER,
  generalDemand,
  pollutionControlDemand,
  PowerMeterModel,
  productionDemand,
  type PowerMeterParams,
} from './power-meter';
import type { Rng } from './prng';
import {
  CombustibleGasModel,
  LevelModel,
  OxygenModel,
  PressureModel,
  SafetyIoModel,
  SmokeModel,
  TemperatureModel,
  ToxicGasModel,
} from './safety-sensors';
import type { ScenarioView } from './scenarios';
import { GAS_BOILER_SPECIAL_LIMITS, StackGasModel, type EmissionLimits } from './stack-gas';
import { WASTEWATER_GRADE_1_LIMITS, WastewaterModel, type WaterLimits } from './wastewater';

export type Values = Record<string, MetricValue>;

export interface DeviceModel {
  readonly kind: DeviceKind;
  /** The reading at sim time `t` (epoch ms). Call with non-decreasing `t`. */
  read(t: number, scenarios: ScenarioView): Values;
  /** Power meters only: a new meter is fitted and its counter restarts at `startKwh`. */
  replaceMeter?(startKwh: number): void;
}

/** Optional per-device tuning from the manifest; anything left out takes the kind's default. */
export interface ModelParams {
  readonly ratedKw?: number;
  readonly voltage?: number;
  readonly startKwh?: number;
  readonly startLagS?: number;
  readonly stopLagS?: number;
  readonly ratedFlow?: number;
  readonly permit?: Partial<EmissionLimits>;
  /** A wastewater outlet's permit limits, mg/L. */
  readonly waterPermit?: Partial<WaterLimits>;
  readonly baseline?: number;
  readonly diurnal?: number;
}

export interface DeviceModelSpec {
  readonly kind: DeviceKind;
  readonly role: MeterRole | null;
  /** The schedule of the device's line, or null when it has none. */
  readonly schedule: LineSchedule | null;
  readonly params: ModelParams;
}

export function createDeviceModel(spec: DeviceModelSpec, rng: Rng): DeviceModel {
  const { kind, params } = spec;
  switch (kind) {
    case 'power-meter': {
      const role = spec.role ?? 'general';
      const schedule = spec.schedule ?? SCHEDULE_PRESETS['day-shift'];
      const ratedKw = params.ratedKw ?? (role === 'general' ? 80 : 400);
      const p: PowerMeterParams = {
        ratedKw,
        voltage: params.voltage ?? DEFAULT_POWER_METER.voltage,
        // An installed meter has been counting for a while: a few thousand hours at a third of its rating.
        startKwh: params.startKwh ?? Math.round(ratedKw * rng.uniform(500, 3000)),
        startLagMs: (params.startLagS ?? DEFAULT_POWER_METER.startLagMs / 1000) * 1000,
        stopLagMs: (params.stopLagS ?? DEFAULT_POWER_METER.stopLagMs / 1000) * 1000,
      };
      const demand =
        role === 'production'
          ? productionDemand(p, schedule)
          : role === 'pollution-control'
            ? pollutionControlDemand(p, schedule)
            : generalDemand(p, schedule);
      const meter = new PowerMeterModel(p, rng, demand);
      return {
        kind,
        read: (t, scenarios) => meter.read(t, scenarios),
        replaceMeter: (startKwh) => meter.replace(startKwh),
      };
    }
    case 'stack-gas': {
      const model = new StackGasModel(
        {
          ratedFlow: params.ratedFlow ?? 20_000,
          permit: { ...GAS_BOILER_SPECIAL_LIMITS, ...params.permit },
        },
        spec.schedule ?? SCHEDULE_PRESETS['three-shift'],
        rng,
      );
      return { kind, read: (t, scenarios) => model.read(t, scenarios) };
    }
    case 'wastewater': {
      const model = new WastewaterModel(
        {
          ratedFlow: params.ratedFlow ?? 30,
          permit: { ...WASTEWATER_GRADE_1_LIMITS, ...params.waterPermit },
        },
        spec.schedule,
        rng,
      );
      return { kind, read: (t, scenarios) => model.read(t, scenarios) };
    }
    case 'combustible-gas': {
      const model = new CombustibleGasModel(rng);
      return { kind, read: (t, scenarios) => model.read(t, scenarios) };
    }
    case 'toxic-gas': {
      const model = new ToxicGasModel(rng);
      return { kind, read: (t, scenarios) => model.read(t, scenarios) };
    }
    case 'oxygen': {
      const model = new OxygenModel(rng);
      return { kind, read: (t, scenarios) => model.read(t, scenarios) };
    }
    case 'temperature': {
      const model = new TemperatureModel(
        {
          baseline: params.baseline ?? 22,
          diurnal: params.diurnal ?? (params.baseline === undefined ? 4 : 0),
        },
        rng,
      );
      return { kind, read: (t) => model.read(t) };
    }
    case 'pressure': {
      const model = new PressureModel({ baseline: params.baseline ?? 101.3 }, rng);
      return { kind, read: (t, scenarios) => model.read(t, scenarios) };
    }
    case 'smoke': {
      const model = new SmokeModel();
      return { kind, read: (t, scenarios) => model.read(t, scenarios) };
    }
    case 'liquid-level': {
      const model = new LevelModel({ baseline: params.baseline ?? 50 }, rng);
      return { kind, read: (t) => model.read(t) };
    }
    case 'safety-io': {
      const model = new SafetyIoModel();
      return { kind, read: () => model.read() };
    }
  }
}
