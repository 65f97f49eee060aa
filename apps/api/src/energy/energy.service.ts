import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type { EnergySummary, MeterSummary } from '@park/contracts';
import { notFound, type DeviceEntity } from '@park/records';
import { TELEMETRY_STORE, type TelemetryQueries } from '@park/telemetry-store';
import { assertInScope } from '../records-common/actor';
import { ENERGY_READER, type EnergyReader } from './energy-reader';
import {
  DAY_MS,
  HOUR_MS,
  MAX_RANGE_DAYS,
  completeIntervals,
  dailyKwh,
  demandQuery,
  downsampleLoad,
  energyCsv,
  formatHourRanges,
  hourlyCounterQuery,
  mergeHourly,
  monthlyKwh,
  numericPoints,
  oneYearEarlier,
  outputShare,
  peakOf,
  rawHourlyKwhQuery,
  round3,
  sumLoad,
  touSplit,
  yoyChangePct,
  type CsvMeterDay,
  type HourlyKwh,
  type TouPeriods,
} from './energy-plan';
import { EnergyQueryError } from './energy.errors';

export const ENERGY_SETTINGS = Symbol('EnergySettings');

export interface EnergySettings {
  readonly tou: TouPeriods;
  readonly emissionFactorKgPerKwh: number;
}

export interface EnergyRequest {
  readonly enterpriseId?: string;
  readonly from: number;
  readonly to: number;
}

interface MeterReading {
  readonly meter: DeviceEntity;
  readonly hours: HourlyKwh[];
}

/**
 * An enterprise's electricity over a window, from its power meters' cumulative kWh counters and kW load in the
 * telemetry store
 * (docs/energy.md defines every figure). An energy manager reads only their own enterprise; another enterprise is
 * answered 404, exactly like one that does not exist, as the records APIs do.
 */
@Injectable()
export class EnergyService {
  constructor(
    @Inject(ENERGY_READER) private readonly reader: EnergyReader,
    @Inject(TELEMETRY_STORE) private readonly telemetry: TelemetryQueries,
    @Inject(ENERGY_SETTINGS) private readonly settings: EnergySettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async summary(principal: Principal, request: EnergyRequest): Promise<EnergySummary> {
    const { from, to } = request;
    const enterpriseId = this.enterpriseOf(principal, request.enterpriseId);
    checkWindow(from, to);
    const enterpriseName = await this.reader.enterpriseName(enterpriseId);
    const meters = await this.reader.powerMeters(enterpriseId);

    const readings = await Promise.all(meters.map((meter) => this.hourly(meter, enterpriseId, from, to)));
    const demand = await Promise.all(
      meters.map(async (meter) =>
        numericPoints(await this.telemetry.buckets(demandQuery(meter.id, enterpriseId, from, to))),
      ),
    );
    const yoyFrom = oneYearEarlier(from);
    const yoyTo = oneYearEarlier(to);
    const previous = await Promise.all(
      meters.map((meter) => this.hourly(meter, enterpriseId, yoyFrom, yoyTo)),
    );

    const tou = this.settings.tou;
    const allHours = readings.flatMap((r) => r.hours);
    const daily = dailyKwh(allHours, tou);
    const totalKwh = round3(daily.reduce((sum, day) => sum + day.kwh, 0));
    // Peak demand over complete 15-minute intervals only (docs/energy.md); the load curve shows them all.
    const now = this.clock.now();
    const meterSummaries = readings.map((r, i): MeterSummary => {
      const split = touSplit(r.hours, tou);
      const peak = peakOf(
        completeIntervals(demand[i], from, to, now).map((p) => ({ ts: p.ts, kw: p.value })),
      );
      return {
        deviceId: r.meter.id,
        name: r.meter.name,
        line: r.meter.line,
        role: r.meter.role,
        kwh: round3(split.peak + split.flat + split.valley),
        tou: split,
        peakKw: peak ? round3(peak.kw) : null,
      };
    });
    const load15 = sumLoad(demand);
    const loadIntervalMs = to - from > 7 * DAY_MS ? HOUR_MS : 15 * 60_000;
    const previousHours = previous.flatMap((r) => r.hours);
    const previousKwh =
      previousHours.length > 0 ? round3(previousHours.reduce((sum, h) => sum + h.kwh, 0)) : null;
    const share = outputShare(await this.reader.outputs(enterpriseId), from, to);
    const split = touSplit(allHours, tou);

    return {
      enterpriseId,
      enterpriseName,
      from,
      to,
      timeZone: 'Asia/Shanghai',
      totalKwh,
      peakDemand: peakOf(completeIntervals(load15, from, to, now)),
      tou: { ...split, peakHours: formatHourRanges(tou.peak), valleyHours: formatHourRanges(tou.valley) },
      daily,
      monthly: monthlyKwh(daily),
      meters: meterSummaries,
      lines: byLine(meterSummaries),
      load: downsampleLoad(load15, loadIntervalMs),
      loadIntervalMs,
      yoy: { from: yoyFrom, to: yoyTo, kwh: previousKwh, changePct: yoyChangePct(totalKwh, previousKwh) },
      carbon: {
        factorKgPerKwh: this.settings.emissionFactorKgPerKwh,
        tCo2e: round3((totalKwh * this.settings.emissionFactorKgPerKwh) / 1000),
      },
      intensity: {
        outputWan: share ? round3(share.outputWan) : null,
        years: share?.years ?? [],
        kwhPer10kYuan: share && share.outputWan > 0 ? round3(totalKwh / share.outputWan) : null,
      },
    };
  }

  /** The daily per-meter table of the same window, as CSV (UTF-8 with BOM, Chinese headers). */
  async csv(principal: Principal, request: EnergyRequest): Promise<{ filename: string; body: string }> {
    const { from, to } = request;
    const enterpriseId = this.enterpriseOf(principal, request.enterpriseId);
    checkWindow(from, to);
    await this.reader.enterpriseName(enterpriseId);
    const meters = await this.reader.powerMeters(enterpriseId);
    const readings = await Promise.all(meters.map((meter) => this.hourly(meter, enterpriseId, from, to)));
    const rows: CsvMeterDay[] = readings.flatMap((r) =>
      dailyKwh(r.hours, this.settings.tou).map((day) => ({
        date: day.date,
        deviceId: r.meter.id,
        name: r.meter.name,
        line: r.meter.line,
        role: r.meter.role,
        kwh: day.kwh,
        peak: day.peak,
        flat: day.flat,
        valley: day.valley,
      })),
    );
    rows.sort((a, b) => (a.date === b.date ? (a.deviceId < b.deviceId ? -1 : 1) : a.date < b.date ? -1 : 1));
    const day = (ts: number) => new Date(ts + 8 * HOUR_MS).toISOString().slice(0, 10).replace(/-/g, '');
    return { filename: `energy-${day(from)}-${day(to - 1)}.csv`, body: energyCsv(rows) };
  }

  /** The enterprise asked for: an energy manager's own (another answers 404); park roles must name one. */
  private enterpriseOf(principal: Principal, requested: string | undefined): string {
    if (principal.role === 'energy-manager') {
      if (!principal.enterpriseId) throw notFound('enterprise', requested ?? '');
      const id = requested ?? principal.enterpriseId;
      assertInScope(principal, 'enterprise', id, id);
      return id;
    }
    if (!requested)
      throw new EnergyQueryError('INVALID_ENERGY_QUERY', 'enterpriseId', 'is required for this role');
    return requested;
  }

  private async hourly(
    meter: DeviceEntity,
    enterpriseId: string,
    from: number,
    to: number,
  ): Promise<MeterReading> {
    const [raw, hourlyMax] = await Promise.all([
      this.telemetry.hourlyIncrease(rawHourlyKwhQuery(meter.id, enterpriseId, from, to)),
      this.telemetry.buckets(hourlyCounterQuery(meter.id, enterpriseId, from, to)),
    ]);
    return { meter, hours: mergeHourly(numericPoints(raw), numericPoints(hourlyMax), from, to) };
  }
}

function checkWindow(from: number, to: number): void {
  if (from >= to) throw new EnergyQueryError('INVALID_ENERGY_QUERY', 'to', 'must be after from');
  if (to - from > MAX_RANGE_DAYS * DAY_MS)
    throw new EnergyQueryError(
      'INVALID_ENERGY_QUERY',
      'to',
      `the window may span at most ${MAX_RANGE_DAYS} days`,
    );
}

function byLine(meters: readonly MeterSummary[]): { line: string | null; kwh: number; meters: number }[] {
  const lines = new Map<string | null, { kwh: number; meters: number }>();
  for (const meter of meters) {
    const entry = lines.get(meter.line) ?? { kwh: 0, meters: 0 };
    entry.kwh += meter.kwh;
    entry.meters += 1;
    lines.set(meter.line, entry);
  }
  return [...lines.entries()]
    .map(([line, entry]) => ({ line, kwh: round3(entry.kwh), meters: entry.meters }))
    .sort((a, b) => b.kwh - a.kwh);
}
