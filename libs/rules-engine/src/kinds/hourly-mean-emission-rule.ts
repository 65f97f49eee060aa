import type { RuleContext, RuleInput } from '../inputs';
import {
  alertLevel,
  booleanParam,
  metricName,
  nullableNumber,
  optionalNumber,
  paramsObject,
} from '../params';
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
 */
export interface HourlyMeanEmissionParams {
  readonly limit: number | null;
  readonly o2Reference: number | null;
  readonly requireO2Reference: boolean;
  readonly o2Metric: string;
  readonly minSamples: number;
  readonly hysteresis: number;
  readonly level: 1 | 2;
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
}

export const HOUR_MS = 3_600_000;
const KIND = 'hourly-mean-emission';
export const HOURLY_MEAN_EMISSION_KEYS = [
  'limit',
  'o2Reference',
  'requireO2Reference',
  'o2Metric',
  'minSamples',
  'hysteresis',
  'level',
] as const;

export function parseHourlyMeanEmissionParams(raw: unknown): HourlyMeanEmissionParams {
  const p = paramsObject(KIND, raw, HOURLY_MEAN_EMISSION_KEYS);
  return {
    limit: nullableNumber(KIND, p, 'limit', { above: 0 }),
    o2Reference: nullableNumber(KIND, p, 'o2Reference', { min: 0, below: 21 }),
    requireO2Reference: booleanParam(KIND, p, 'requireO2Reference', false),
    o2Metric: metricName(KIND, p, 'o2Metric', 'o2'),
    minSamples: optionalNumber(KIND, p, 'minSamples', 1, { integer: true, min: 1, max: 3600 }),
    hysteresis: optionalNumber(KIND, p, 'hysteresis', 0, { min: 0 }),
    level: alertLevel(KIND, p),
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

interface Closed {
  readonly state: HourlyMeanEmissionState;
  readonly verdicts: EngineVerdict[];
  readonly issues: EngineIssue[];
}

/** Closes the open hour (if any) and judges its mean. */
function close(ctx: RuleContext, params: HourlyMeanEmissionParams, state: HourlyMeanEmissionState): Closed {
  if (state.hourStart === null) return { state, verdicts: [], issues: [] };
  const hourStart = state.hourStart;
  const ts = hourStart + HOUR_MS;
  const closed: HourlyMeanEmissionState = {
    ...state,
    hourStart: null,
    sum: 0,
    count: 0,
    o2Sum: 0,
    o2Count: 0,
    closedHour: hourStart,
  };
  const hour = `${formatBeijingTime(hourStart)}–${formatBeijingTime(ts).slice(11)}`;
  const label = ctx.info.label;
  const unit = ctx.info.unit;
  const noVerdict = (code: EngineIssue['code'], zh: string, en: string): Closed => ({
    state: closed,
    verdicts: [],
    issues: [
      issue(code, ts, {
        zh: `${hour} ${label.zh}小时均值未判定：${zh}`,
        en: `${hour} ${label.en} hourly mean not judged: ${en}`,
      }),
    ],
  });

  if (state.count < params.minSamples) {
    return noVerdict(
      'too-few-samples',
      `仅 ${state.count} 个数据，少于 ${params.minSamples} 个`,
      `only ${state.count} readings, fewer than ${params.minSamples}`,
    );
  }
  if (params.limit === null) {
    return noVerdict('not-configured', '未设置排放限值（排污许可）', 'no permit limit configured');
  }
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

  if (value > params.limit) {
    const cite = citation(ctx.source);
    return {
      state: { ...closed, active: true },
      verdicts: [
        trigger({
          change: state.active ? 'continuing' : 'opened',
          level: params.level,
          value,
          limit: params.limit,
          unit,
          ts,
          explanation: {
            zh: `${hour} ${label.zh}小时均值 ${withUnit(value, unit)}${how.zh}，超过许可排放限值 ${withUnit(params.limit, unit)}${cite.zh}`,
            en: `${hour} ${label.en} hourly mean ${withUnit(value, unit)}${how.en} exceeds the permit limit ${withUnit(params.limit, unit)}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (state.active && value <= params.limit - params.hysteresis) {
    return {
      state: { ...closed, active: false },
      verdicts: [
        clear({
          value,
          unit,
          ts,
          explanation: {
            zh: `${hour} ${label.zh}小时均值 ${withUnit(value, unit)}${how.zh}，已不超过许可排放限值 ${withUnit(params.limit, unit)}`,
            en: `${hour} ${label.en} hourly mean ${withUnit(value, unit)}${how.en}, within the permit limit ${withUnit(params.limit, unit)} again`,
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
    if (state.hourStart === null || now < state.hourStart + HOUR_MS) return unchanged(state);
    return close(ctx, params, state);
  }
  if (input.kind !== 'reading' || (state.lastTs !== null && input.ts <= state.lastTs))
    return unchanged(state);
  const hour = hourOf(input.ts);
  if (state.closedHour !== null && hour <= state.closedHour) {
    return {
      state,
      verdicts: [],
      issues: [
        issue('late-reading', input.ts, {
          zh: `${formatBeijingTime(input.ts)} 的数据到达时该小时已结算，未计入`,
          en: `reading of ${formatBeijingTime(input.ts)} arrived after its hour was closed; not counted`,
        }),
      ],
    };
  }
  const closed = state.hourStart !== null && hour > state.hourStart ? close(ctx, params, state) : null;
  const base = closed ? closed.state : state;
  const value = input.values[ctx.metric];
  const o2 = input.values[params.o2Metric];
  const next: HourlyMeanEmissionState =
    typeof value === 'number'
      ? {
          ...base,
          lastTs: input.ts,
          hourStart: hour,
          sum: base.sum + value,
          count: base.count + 1,
          o2Sum: typeof o2 === 'number' ? base.o2Sum + o2 : base.o2Sum,
          o2Count: typeof o2 === 'number' ? base.o2Count + 1 : base.o2Count,
        }
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
