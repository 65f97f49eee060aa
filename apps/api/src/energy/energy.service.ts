import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type {
  DailyKwh,
  EnergyRanking,
  EnergySummary,
  EnterpriseEnergyRank,
  MeterSummary,
} from '@park/contracts';
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

/** What the summary and the ranking both compute from an enterprise's meters (one place, so they agree). */
interface Usage {
  readonly readings: MeterReading[];
  /** Per meter, in the meters' order: 15-minute mean load, kW. */
  readonly demand: { ts: number; value: number }[][];
  readonly daily: DailyKwh[];
  readonly totalKwh: number;
  /** The summed load, 15-minute means. */
  readonly load15: { ts: number; kw: number }[];
  readonly peakDemand: { kw: number; at: number } | null;
  readonly intensity: EnergySummary['intensity'];
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
    const usage = await this.usage(enterpriseId, meters, from, to);
    const { readings, demand, daily, totalKwh } = usage;

    const yoyFrom = oneYearEarlier(from);
    const yoyTo = oneYearEarlier(to);
    const previous = await Promise.all(
      meters.map((meter) => this.hourly(meter, enterpriseId, yoyFrom, yoyTo)),
    );

    const tou = this.settings.tou;
    const allHours = readings.flatMap((r) => r.hours);
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
    const loadIntervalMs = to - from > 7 * DAY_MS ? HOUR_MS : 15 * 60_000;
    const previousHours = previous.flatMap((r) => r.hours);
    const previousKwh =
      previousHours.length > 0 ? round3(previousHours.reduce((sum, h) => sum + h.kwh, 0)) : null;
    const split = touSplit(allHours, tou);

    return {
      enterpriseId,
      enterpriseName,
      from,
      to,
      timeZone: 'Asia/Shanghai',
      totalKwh,
      peakDemand: usage.peakDemand,
      tou: { ...split, peakHours: formatHourRanges(tou.peak), valleyHours: formatHourRanges(tou.valley) },
      daily,
      monthly: monthlyKwh(daily),
      meters: meterSummaries,
      lines: byLine(meterSummaries),
      load: downsampleLoad(usage.load15, loadIntervalMs),
      loadIntervalMs,
      yoy: { from: yoyFrom, to: yoyTo, kwh: previousKwh, changePct: yoyChangePct(totalKwh, previousKwh) },
      carbon: {
        factorKgPerKwh: this.settings.emissionFactorKgPerKwh,
        tCo2e: round3((totalKwh * this.settings.emissionFactorKgPerKwh) / 1000),
      },
      intensity: usage.intensity,
    };
  }

  /**
   * Every enterprise with power meters over one window, most kWh first: each one's kWh, peak demand and kWh per
   * 万元 computed exactly as its summary computes them (`usage`), so the ranking and the summary always agree.
   * Park roles only (the controller); an energy manager sees their own enterprise's summary instead.
   */
  async ranking(request: EnergyRequest): Promise<EnergyRanking> {
    const { from, to } = request;
    checkWindow(from, to);
    const enterprises = await this.reader.meteredEnterprises();
    const ranks = await Promise.all(
      enterprises.map(async ({ enterpriseId, enterpriseName, meters }) => {
        const usage = await this.usage(enterpriseId, meters, from, to);
        return {
          enterpriseId,
          enterpriseName,
          meters: meters.length,
          kwh: usage.totalKwh,
          peakDemand: usage.peakDemand,
          kwhPer10kYuan: usage.intensity.kwhPer10kYuan,
        };
      }),
    );
    const totalKwh = round3(ranks.reduce((sum, r) => sum + r.kwh, 0));
    const enterprisesRanked: EnterpriseEnergyRank[] = ranks
      .map((r) => ({ ...r, sharePct: totalKwh > 0 ? Math.round((r.kwh / totalKwh) * 1000) / 10 : null }))
      .sort((a, b) => b.kwh - a.kwh || a.enterpriseName.localeCompare(b.enterpriseName, 'zh-Hans-CN'));
    return { from, to, timeZone: 'Asia/Shanghai', totalKwh, enterprises: enterprisesRanked };
  }

  /** One enterprise's meters over a window: hourly kWh and 15-minute load per meter, and the figures from them. */
  private async usage(
    enterpriseId: string,
    meters: readonly DeviceEntity[],
    from: number,
    to: number,
  ): Promise<Usage> {
    const readings = await Promise.all(meters.map((meter) => this.hourly(meter, enterpriseId, from, to)));
    const demand = await Promise.all(
      meters.map(async (meter) =>
        numericPoints(await this.telemetry.buckets(demandQuery(meter.id, enterpriseId, from, to))),
      ),
    );
    const daily = dailyKwh(
      readings.flatMap((r) => r.hours),
      this.settings.tou,
    );
    const totalKwh = round3(daily.reduce((sum, day) => sum + day.kwh, 0));
    const load15 = sumLoad(demand);
    const share = outputShare(await this.reader.outputs(enterpriseId), from, to);
    return {
      readings,
      demand,
      daily,
      totalKwh,
      load15,
      peakDemand: peakOf(completeIntervals(load15, from, to, this.clock.now())),
      intensity: {
        outputWan: share ? round3(share.outputWan) : null,
        years: share?.years ?? [],
        kwhPer10kYuan: share && share.outputWan > 0 ? round3(totalKwh / share.outputWan) : null,
      },
    };
  }

  /**
   * kWh per Asia/Shanghai month of `year` from the enterprise's power meters (12 entries, January first), computed
   * as the summary computes its months; null for a month without any meter data (无计量数据), never 0. No
   * principal: the callers (indicators, reconciliation) keep energy managers to their own enterprise.
   */
  async meteredMonths(
    enterpriseId: string,
    year: number,
    meters?: readonly DeviceEntity[],
  ): Promise<(number | null)[]> {
    const from = Date.UTC(year, 0, 1) - 8 * HOUR_MS;
    const to = Date.UTC(year + 1, 0, 1) - 8 * HOUR_MS;
    const own = meters ?? (await this.reader.powerMeters(enterpriseId));
    const none = () => Array.from({ length: 12 }, () => null);
    if (own.length === 0 || from > this.clock.now()) return none();
    // A past year first asks the hourly roll-up whether any meter has data at all (one bucket over the year):
    // the analytics ask for years where most meters have none, and a year of hours costs far more.
    if (to < this.clock.now() - HOUR_MS) {
      const present = await Promise.all(
        own.map((meter) =>
          this.telemetry.buckets({
            ...hourlyCounterQuery(meter.id, enterpriseId, from, to),
            intervalMs: to - from,
          }),
        ),
      );
      if (present.every((buckets) => buckets.length === 0)) return none();
    }
    const readings = await Promise.all(own.map((meter) => this.hourly(meter, enterpriseId, from, to)));
    const months = monthlyKwh(
      dailyKwh(
        readings.flatMap((r) => r.hours),
        this.settings.tou,
      ),
    );
    const byMonth = new Map(months.map((m) => [Number(m.month.slice(5, 7)), m.kwh]));
    return Array.from({ length: 12 }, (_, i) => byMonth.get(i + 1) ?? null);
  }

  /** Every live enterprise with power meters, with them. */
  meteredEnterprises(): ReturnType<EnergyReader['meteredEnterprises']> {
    return this.reader.meteredEnterprises();
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
