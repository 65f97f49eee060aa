import type { RuleContext, RuleInput } from '../inputs';
import {
  alertLevel,
  booleanParam,
  metricName,
  nullableNumber,
  oneOf,
  optionalNumber,
  paramsObject,
} from '../params';
import { RuleParamsError } from '../threshold';
import { correctToReferenceO2 } from '../o2-correction';
import {
  citation,
  clear,
  formatBeijingTime,
  formatNumber,
  issue,
  trigger,
  unchanged,
  withUnit,
  type EngineIssue,
  type EngineVerdict,
  type Evaluation,
} from '../verdicts';

/**
 * Emission exceedance on the clock-hour mean against the permit limit.
 *
 * Readings accumulate into the clock hour they fall in (hours of epoch time, which are Beijing-time hours too:
 * UTC+8 is a whole number of hours). The hour is closed by the first reading of a later hour, or by a `tick`
 * at or after the hour's end (`closeHour`). At the close:
 *   mean ρ′ = arithmetic mean of the hour's readings of the metric;
 *   mean φ′(O₂) = arithmetic mean of the O₂ values that came with those readings;
 *   ρ = ρ′ × (21 − o2Reference) / (21 − φ′(O₂))  (GB 13271-2014 §5.2), or ρ = ρ′ when o2Reference is null.
 * Exceedance is ρ > limit (a mean equal to the limit complies). Trigger for each exceeding hour; clear on the first
 * hour with ρ ≤ limit − hysteresis. An hour that cannot be judged (fewer than `minSamples` readings, O₂ missing or
 * ≥ 21 %, limit or reference O₂ not configured) gives no verdict and an issue instead.
 * A reading for an hour already closed is ignored (issue `late-reading`).
 *
 * `limit` and `o2Reference` are usually not in the park default: they come from the device's permit
 * (see `resolveThresholds`). `requireO2Reference` makes a missing reference an issue rather than silently
 * judging the uncorrected mean.
 *
 * The same judgment serves wastewater outlets (docs/rules.md, "Wastewater compliance"):
 * - `period: 'day'` takes the Beijing calendar day (00:00–24:00 UTC+8) instead of the clock hour;
 * - `lowerLimit` makes the permit a range (pH 6–9): a mean below it is an exceedance too;
 * - `minHours` is data capture: the period is judged only when at least that many of its clock hours hold a valid
 *   reading, else it is "not judged" (`too-few-samples`), never compliant.
 * Values the analyser flagged never reach this kind (`validInput`, HJ 356-2019): they neither count nor average.
 */
export interface HourlyMeanEmissionParams {
  readonly limit: number | null;
  readonly o2Reference: number | null;
  readonly requireO2Reference: boolean;
  readonly o2Metric: string;
  readonly minSamples: number;
  readonly hysteresis: number;
  readonly level: 1 | 2;
  readonly period: 'hour' | 'day';
  readonly lowerLimit: number | null;
  readonly minHours: number;
}

export interface HourlyMeanEmissionState {
  readonly kind: 'hourly-mean-emission';
  readonly v: 1;
  readonly lastTs: number | null;
  /** Start of the open hour; null when none is open. */
  readonly hourStart: number | null;
  readonly sum: number;
  readonly count: number;
  readonly o2Sum: number;
  readonly o2Count: number;
  /** Start of the last hour closed; readings at or before its end are late. */
  readonly closedHour: number | null;
  readonly active: boolean;
  /** Clock hours of the open period holding a valid reading (absent in states stored before it existed: 0). */
  readonly hours?: number;
  /** Start of the clock hour of the last valid reading counted in `hours`. */
  readonly lastHour?: number | null;
  /** Readings of the open period whose value the analyser flagged (left out of the mean; absent: 0). */
  readonly invalid?: number;
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;
const KIND = 'hourly-mean-emission';
export const HOURLY_MEAN_EMISSION_KEYS = [
  'limit',
  'o2Reference',
  'requireO2Reference',
  'o2Metric',
  'minSamples',
  'hysteresis',
  'level',
  'period',
  'lowerLimit',
  'minHours',
] as const;

export function parseHourlyMeanEmissionParams(raw: unknown): HourlyMeanEmissionParams {
  const p = paramsObject(KIND, raw, HOURLY_MEAN_EMISSION_KEYS);
  const limit = nullableNumber(KIND, p, 'limit', { above: 0 });
  const lowerLimit = nullableNumber(KIND, p, 'lowerLimit', { min: 0 });
  if (limit !== null && lowerLimit !== null && lowerLimit >= limit) {
    throw new RuleParamsError(
      `${KIND}: lowerLimit must be below limit, got ${lowerLimit} ≥ ${limit}`,
      { type: 'order', op: 'below', than: 'limit' },
      'lowerLimit',
    );
  }
  const period = oneOf(KIND, p, 'period', ['hour', 'day'] as const, 'hour');
  return {
    limit,
    o2Reference: nullableNumber(KIND, p, 'o2Reference', { min: 0, below: 21 }),
    requireO2Reference: booleanParam(KIND, p, 'requireO2Reference', false),
    o2Metric: metricName(KIND, p, 'o2Metric', 'o2'),
    minSamples: optionalNumber(KIND, p, 'minSamples', 1, { integer: true, min: 1, max: 3600 }),
    hysteresis: optionalNumber(KIND, p, 'hysteresis', 0, { min: 0 }),
    level: alertLevel(KIND, p),
    period,
    lowerLimit,
    minHours: optionalNumber(KIND, p, 'minHours', 0, {
      integer: true,
      min: 0,
      max: period === 'day' ? 24 : 1,
    }),
  };
}

export function initialHourlyMeanEmissionState(): HourlyMeanEmissionState {
  return {
    kind: 'hourly-mean-emission',
    v: 1,
    lastTs: null,
    hourStart: null,
    sum: 0,
    count: 0,
    o2Sum: 0,
    o2Count: 0,
    closedHour: null,
    active: false,
  };
}

export const hourOf = (ts: number): number => Math.floor(ts / HOUR_MS) * HOUR_MS;
/** 00:00 Beijing time (UTC+8, no daylight saving) of the day `ts` falls in. */
export const beijingDayOf = (ts: number): number =>
  Math.floor((ts + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
const periodOf = (params: HourlyMeanEmissionParams, ts: number): number =>
  params.period === 'day' ? beijingDayOf(ts) : hourOf(ts);
const periodMs = (params: HourlyMeanEmissionParams): number => (params.period === 'day' ? DAY_MS : HOUR_MS);

interface Closed {
  readonly state: HourlyMeanEmissionState;
  readonly verdicts: EngineVerdict[];
  readonly issues: EngineIssue[];
}

/** Closes the open hour (if any) and judges its mean. */
function close(ctx: RuleContext, params: HourlyMeanEmissionParams, state: HourlyMeanEmissionState): Closed {
  if (state.hourStart === null) return { state, verdicts: [], issues: [] };
  const hourStart = state.hourStart;
  const ts = hourStart + periodMs(params);
  const closed: HourlyMeanEmissionState = {
    ...state,
    hourStart: null,
    sum: 0,
    count: 0,
    o2Sum: 0,
    o2Count: 0,
    closedHour: hourStart,
    hours: 0,
    lastHour: null,
    invalid: 0,
  };
  const daily = params.period === 'day';
  const hour = daily
    ? formatBeijingTime(hourStart).slice(0, 10)
    : `${formatBeijingTime(hourStart)}–${formatBeijingTime(ts).slice(11)}`;
  const meanZh = daily ? '日均值' : '小时均值';
  const meanEn = daily ? 'daily mean' : 'hourly mean';
  const label = ctx.info.label;
  const unit = ctx.info.unit;
  const noVerdict = (code: EngineIssue['code'], zh: string, en: string): Closed => ({
    state: closed,
    verdicts: [],
    issues: [
      issue(code, ts, {
        zh: `${hour} ${label.zh}${meanZh}未判定：${zh}`,
        en: `${hour} ${label.en} ${meanEn} not judged: ${en}`,
      }),
    ],
  });

  const invalid = state.invalid ?? 0;
  if (state.count < params.minSamples) {
    const flaggedNote =
      invalid > 0
        ? {
            zh: `（另有 ${invalid} 个带仪器标记的数据按 HJ 356-2019 不计入）`,
            en: ` (${invalid} more flagged by the analyser, left out per HJ 356-2019)`,
          }
        : { zh: '', en: '' };
    return noVerdict(
      'too-few-samples',
      `仅 ${state.count} 个有效数据，少于 ${params.minSamples} 个${flaggedNote.zh}`,
      `only ${state.count} valid readings, fewer than ${params.minSamples}${flaggedNote.en}`,
    );
  }
  const hours = state.hours ?? 0;
  if (hours < params.minHours) {
    return noVerdict(
      'too-few-samples',
      `仅 ${hours} 个小时有有效数据，少于 ${params.minHours} 个（数据不足，不作达标判定）`,
      `only ${hours} hours hold valid data, fewer than ${params.minHours} (data capture too low to judge)`,
    );
  }
  if (params.limit === null && params.lowerLimit === null) {
    return noVerdict('not-configured', '未设置排放限值（排污许可）', 'no permit limit configured');
  }
  const upper = params.limit ?? Number.POSITIVE_INFINITY;
  const lower = params.lowerLimit ?? Number.NEGATIVE_INFINITY;
  const mean = state.sum / state.count;
  let value = mean;
  let how = { zh: '', en: '' };
  if (params.o2Reference !== null) {
    if (state.o2Count === 0)
      return noVerdict('o2-missing', '缺少含氧量数据，无法折算', 'no O₂ readings to correct with');
    const o2 = state.o2Sum / state.o2Count;
    const corrected = correctToReferenceO2(mean, o2, params.o2Reference);
    if (corrected === null) {
      return noVerdict(
        'o2-invalid',
        `实测含氧量均值 ${formatNumber(o2)} % 不低于 21 %，数据无效`,
        `measured O₂ mean ${formatNumber(o2)} % is not below 21 %: invalid`,
      );
    }
    value = corrected;
    how = {
      zh: `（实测均值 ${withUnit(mean, unit)}，实测含氧量 ${formatNumber(o2)} %，按基准含氧量 ${formatNumber(params.o2Reference)} % 折算）`,
      en: ` (measured mean ${withUnit(mean, unit)} at ${formatNumber(o2)} % O₂, corrected to ${formatNumber(params.o2Reference)} % reference O₂)`,
    };
  } else if (params.requireO2Reference) {
    return noVerdict(
      'not-configured',
      '未设置基准含氧量，无法折算',
      'no reference O₂ configured to correct with',
    );
  }

  const range =
    params.lowerLimit !== null && params.limit !== null
      ? `${formatNumber(params.lowerLimit)}–${withUnit(params.limit, unit)}`
      : null;
  if (value > upper || value < lower) {
    const below = value < lower;
    const bound = below ? lower : upper;
    const cite = citation(ctx.source);
    const breach = range
      ? {
          zh: `超出许可范围 ${range}`,
          en: `outside the permitted range ${range}`,
        }
      : below
        ? {
            zh: `低于许可下限 ${withUnit(bound, unit)}`,
            en: `below the permitted minimum ${withUnit(bound, unit)}`,
          }
        : {
            zh: `超过许可排放限值 ${withUnit(bound, unit)}`,
            en: `exceeds the permit limit ${withUnit(bound, unit)}`,
          };
    return {
      state: { ...closed, active: true },
      verdicts: [
        trigger({
          change: state.active ? 'continuing' : 'opened',
          level: params.level,
          value,
          limit: bound,
          unit,
          ts,
          explanation: {
            zh: `${hour} ${label.zh}${meanZh} ${withUnit(value, unit)}${how.zh}，${breach.zh}${cite.zh}`,
            en: `${hour} ${label.en} ${meanEn} ${withUnit(value, unit)}${how.en} ${breach.en}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (state.active && value <= upper - params.hysteresis && value >= lower + params.hysteresis) {
    const within = range
      ? { zh: `已回到许可范围 ${range} 内`, en: `within the permitted range ${range} again` }
      : params.limit !== null
        ? {
            zh: `已不超过许可排放限值 ${withUnit(params.limit, unit)}`,
            en: `within the permit limit ${withUnit(params.limit, unit)} again`,
          }
        : {
            zh: `已不低于许可下限 ${withUnit(lower, unit)}`,
            en: `at or above the permitted minimum ${withUnit(lower, unit)} again`,
          };
    return {
      state: { ...closed, active: false },
      verdicts: [
        clear({
          value,
          unit,
          ts,
          explanation: {
            zh: `${hour} ${label.zh}${meanZh} ${withUnit(value, unit)}${how.zh}，${within.zh}`,
            en: `${hour} ${label.en} ${meanEn} ${withUnit(value, unit)}${how.en}, ${within.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  return { state: closed, verdicts: [], issues: [] };
}

export function stepHourlyMeanEmission(
  ctx: RuleContext,
  params: HourlyMeanEmissionParams,
  state: HourlyMeanEmissionState,
  input: RuleInput,
  now: number,
): Evaluation<HourlyMeanEmissionState> {
  if (input.kind === 'tick') {
    if (state.hourStart === null || now < state.hourStart + periodMs(params)) return unchanged(state);
    return close(ctx, params, state);
  }
  if (input.kind !== 'reading' || (state.lastTs !== null && input.ts <= state.lastTs))
    return unchanged(state);
  const hour = periodOf(params, input.ts);
  if (state.closedHour !== null && hour <= state.closedHour) {
    return {
      state,
      verdicts: [],
      issues: [
        issue('late-reading', input.ts, {
          zh: `${formatBeijingTime(input.ts)} 的数据到达时该${params.period === 'day' ? '日' : '小时'}已结算，未计入`,
          en: `reading of ${formatBeijingTime(input.ts)} arrived after its ${params.period} was closed; not counted`,
        }),
      ],
    };
  }
  const closed = state.hourStart !== null && hour > state.hourStart ? close(ctx, params, state) : null;
  const base = closed ? closed.state : state;
  const value = input.values[ctx.metric];
  const o2 = input.values[params.o2Metric];
  const clock = hourOf(input.ts);
  const newHour = (base.lastHour ?? null) !== clock;
  const next: HourlyMeanEmissionState =
    typeof value === 'number'
      ? {
          ...base,
          hours: (base.hours ?? 0) + (newHour ? 1 : 0),
          lastHour: clock,
          lastTs: input.ts,
          hourStart: hour,
          sum: base.sum + value,
          count: base.count + 1,
          o2Sum: typeof o2 === 'number' ? base.o2Sum + o2 : base.o2Sum,
          o2Count: typeof o2 === 'number' ? base.o2Count + 1 : base.o2Count,
        }
      : input.flags?.[ctx.metric] !== undefined
        ? // A flagged value opens (or stays in) its period without counting: a period of flagged data only is
          // closed as "not judged" (too few valid readings), never passed over in silence.
          { ...base, lastTs: input.ts, hourStart: hour, invalid: (base.invalid ?? 0) + 1 }
        : { ...base, lastTs: input.ts };
  return { state: next, verdicts: closed?.verdicts ?? [], issues: closed?.issues ?? [] };
}

/** Closes the open clock hour if `now` is at or past its end: `evaluate` with a tick, spelled out. */
export function closeHourState(
  ctx: RuleContext,
  params: HourlyMeanEmissionParams,
  state: HourlyMeanEmissionState,
  now: number,
): Evaluation<HourlyMeanEmissionState> {
  return stepHourlyMeanEmission(ctx, params, state, { kind: 'tick' }, now);
}
