import type { RuleContext, RuleInput } from '../inputs';
import { alertLevel, durationMs, nullableNumber, oneOf, optionalNumber, paramsObject } from '../params';
import {
  citation,
  clear,
  formatDuration,
  issue,
  trigger,
  unchanged,
  withUnit,
  type Evaluation,
} from '../verdicts';
import { newHour, roleLoad, type LineMeters } from './line-meters';

/**
 * 分表计电: a production line's production meters against its pollution-control (治污) meters.
 *
 * Production is "running" when the fresh production meters sum to at least
 * productionRunningFraction × productionNormalKw; treatment is "running" likewise against treatmentNormalKw.
 * Below the production running threshold nothing is raised, and an open alert clears: a whole-plant shutdown
 * (production and treatment both off) is not a violation. A meter not heard from for `staleAfterMs` is left out;
 * with no fresh meter of a role the line is not judged at all.
 *
 * Three checks, one per rule:
 * - 'treatment-off': production running and treatment not running, for `durationMs`.
 * - 'late-start' (治污设施晚于生产设施启动): production was seen to start and treatment has not run since,
 *   `durationMs` (the tolerance) after the start. One event per production run; clears when treatment starts.
 * - 'early-stop' (治污设施早于生产设施停止): treatment was seen to stop while production kept running, and has not
 *   restarted `durationMs` (the grace time) later. Stopping production within the grace time raises nothing.
 *
 * Durations count only observed time: the condition must still be confirmed by a reading of every fresh meter of
 * both roles taken at least `durationMs` after it began. A production meter that reports every 15 minutes therefore
 * cannot make a shutdown look like "treatment off while producing" for the 15 minutes before its next reading.
 */
export type TreatmentCheck = 'treatment-off' | 'late-start' | 'early-stop';

export interface TreatmentPowerParams {
  readonly check: TreatmentCheck;
  readonly productionNormalKw: number | null;
  readonly treatmentNormalKw: number | null;
  readonly productionRunningFraction: number;
  readonly treatmentRunningFraction: number;
  readonly durationMs: number;
  readonly staleAfterMs: number;
  readonly level: 1 | 2;
}

export interface TreatmentPowerState {
  readonly kind: 'treatment-power';
  readonly v: 1;
  /** The line's clock: the newest meter timestamp applied. */
  readonly clock: number | null;
  readonly meters: LineMeters;
  /** null: not known (no fresh meter of the role, or not judged yet). */
  readonly productionRunning: boolean | null;
  readonly treatmentRunning: boolean | null;
  /** When production was seen to go from stopped to running; null when not running or the start was not seen. */
  readonly productionStartedAt: number | null;
  /** Whether treatment has been running at any point of the current production run. */
  readonly treatmentRanThisRun: boolean;
  /** When treatment was seen to stop while production ran; null otherwise. */
  readonly treatmentStoppedAt: number | null;
  /** Since when production has been running with treatment off; null otherwise. */
  readonly offSince: number | null;
  readonly active: boolean;
}

const KIND = 'treatment-power';
export const TREATMENT_POWER_KEYS = [
  'check',
  'productionNormalKw',
  'treatmentNormalKw',
  'productionRunningFraction',
  'treatmentRunningFraction',
  'durationMs',
  'staleAfterMs',
  'level',
] as const;

export function parseTreatmentPowerParams(raw: unknown): TreatmentPowerParams {
  const p = paramsObject(KIND, raw, TREATMENT_POWER_KEYS);
  return {
    check: oneOf(KIND, p, 'check', ['treatment-off', 'late-start', 'early-stop'] as const),
    productionNormalKw: nullableNumber(KIND, p, 'productionNormalKw', { above: 0 }),
    treatmentNormalKw: nullableNumber(KIND, p, 'treatmentNormalKw', { above: 0 }),
    productionRunningFraction: optionalNumber(KIND, p, 'productionRunningFraction', 0.3, {
      above: 0,
      max: 1,
    }),
    treatmentRunningFraction: optionalNumber(KIND, p, 'treatmentRunningFraction', 0.3, { above: 0, max: 1 }),
    durationMs: durationMs(KIND, p, 'durationMs'),
    staleAfterMs: durationMs(KIND, p, 'staleAfterMs', 15 * 60_000),
    level: alertLevel(KIND, p),
  };
}

export function initialTreatmentPowerState(): TreatmentPowerState {
  return {
    kind: 'treatment-power',
    v: 1,
    clock: null,
    meters: {},
    productionRunning: null,
    treatmentRunning: null,
    productionStartedAt: null,
    treatmentRanThisRun: false,
    treatmentStoppedAt: null,
    offSince: null,
    active: false,
  };
}

const CHECK_TEXT: Record<TreatmentCheck, { zh: string; en: string }> = {
  'treatment-off': {
    zh: '生产设施运行期间治污设施未运行',
    en: 'pollution control off while the line produces',
  },
  'late-start': { zh: '治污设施晚于生产设施启动', en: 'pollution control started later than production' },
  'early-stop': { zh: '治污设施早于生产设施停止', en: 'pollution control stopped before production' },
};

export function stepTreatmentPower(
  ctx: RuleContext,
  params: TreatmentPowerParams,
  state: TreatmentPowerState,
  input: RuleInput,
): Evaluation<TreatmentPowerState> {
  if (input.kind !== 'meter' || input.role === 'general') return unchanged(state);
  const previous = state.meters[input.meterId];
  if (previous !== undefined && input.ts <= previous.ts) return unchanged(state);
  const clock = state.clock === null ? input.ts : Math.max(state.clock, input.ts);
  const meters: LineMeters = {
    ...state.meters,
    [input.meterId]: { role: input.role, kw: input.kw, ts: input.ts },
  };
  const base: TreatmentPowerState = { ...state, clock, meters };

  if (params.productionNormalKw === null || params.treatmentNormalKw === null) {
    return {
      state: base,
      verdicts: [],
      issues: !newHour(state.clock, clock)
        ? []
        : [
            issue('not-configured', clock, {
              zh: '未设置生产线的生产或治污设施正常负荷，分表计电未判定',
              en: 'normal load of the line’s production or pollution control not configured; not judged',
            }),
          ],
    };
  }
  const production = roleLoad(meters, 'production', clock, params.staleAfterMs);
  const treatment = roleLoad(meters, 'pollution-control', clock, params.staleAfterMs);
  if (production === null || treatment === null) {
    const lost = state.productionRunning !== null || state.treatmentRunning !== null;
    return {
      state: {
        ...base,
        productionRunning: null,
        treatmentRunning: null,
        productionStartedAt: null,
        treatmentStoppedAt: null,
        offSince: null,
      },
      verdicts: [],
      issues: lost
        ? [
            issue('meters-stale', clock, {
              zh: `${production === null ? '生产' : '治污'}电表超过 ${formatDuration(params.staleAfterMs).zh}无数据，分表计电暂停判定`,
              en: `no ${production === null ? 'production' : 'pollution-control'} meter reading for ${formatDuration(params.staleAfterMs).en}; 分表计电 paused`,
            }),
          ]
        : [],
    };
  }

  const productionThreshold = params.productionRunningFraction * params.productionNormalKw;
  const treatmentThreshold = params.treatmentRunningFraction * params.treatmentNormalKw;
  const producing = production.kw >= productionThreshold;
  const treating = treatment.kw >= treatmentThreshold;
  const observedUntil = Math.min(production.observedUntil, treatment.observedUntil);
  const started = producing && state.productionRunning === false;

  const next: TreatmentPowerState = {
    ...base,
    productionRunning: producing,
    treatmentRunning: treating,
    productionStartedAt: !producing ? null : started ? clock : state.productionStartedAt,
    treatmentRanThisRun: !producing ? false : started ? treating : state.treatmentRanThisRun || treating,
    treatmentStoppedAt:
      !producing || treating ? null : state.treatmentRunning === true ? clock : state.treatmentStoppedAt,
    offSince: !producing || treating ? null : (state.offSince ?? clock),
  };

  const since =
    params.check === 'treatment-off'
      ? next.offSince
      : params.check === 'late-start'
        ? next.treatmentRanThisRun
          ? null
          : next.productionStartedAt
        : next.treatmentStoppedAt;
  const unit = 'kW';
  const lineText = {
    zh: `生产用电 ${withUnit(production.kw, unit)}（运行判定 ≥ ${withUnit(productionThreshold, unit)}），治污设施用电 ${withUnit(treatment.kw, unit)}（运行判定 ≥ ${withUnit(treatmentThreshold, unit)}）`,
    en: `production draws ${withUnit(production.kw, unit)} (running at ≥ ${withUnit(productionThreshold, unit)}), pollution control ${withUnit(treatment.kw, unit)} (running at ≥ ${withUnit(treatmentThreshold, unit)})`,
  };
  const what = CHECK_TEXT[params.check];

  if (since !== null && observedUntil - since >= params.durationMs) {
    const held = formatDuration(observedUntil - since);
    const set = formatDuration(params.durationMs);
    const cite = citation(ctx.source);
    const lead =
      params.check === 'late-start'
        ? {
            zh: `生产已启动 ${held.zh}，治污设施仍未启动`,
            en: `production started ${held.en} ago and pollution control has not`,
          }
        : params.check === 'early-stop'
          ? {
              zh: `治污设施已停止 ${held.zh}，生产仍在运行`,
              en: `pollution control stopped ${held.en} ago while production runs on`,
            }
          : {
              zh: `生产运行而治污设施未运行已持续 ${held.zh}`,
              en: `the line has produced with pollution control off for ${held.en}`,
            };
    return {
      state: { ...next, active: true },
      verdicts: [
        trigger({
          change: state.active ? 'continuing' : 'opened',
          level: params.level,
          value: treatment.kw,
          limit: treatmentThreshold,
          unit,
          ts: clock,
          explanation: {
            zh: `${what.zh}：${lead.zh}（设定 ${set.zh}）；${lineText.zh}${cite.zh}`,
            en: `${what.en}: ${lead.en} (set ${set.en}); ${lineText.en}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (state.active && since === null) {
    const why = !producing
      ? { zh: '生产线已停止生产', en: 'the line has stopped producing' }
      : params.check === 'late-start' && state.productionStartedAt !== null
        ? {
            zh: `治污设施已启动（晚于生产 ${formatDuration(clock - state.productionStartedAt).zh}）`,
            en: `pollution control has started (${formatDuration(clock - state.productionStartedAt).en} after production)`,
          }
        : { zh: '治污设施已恢复运行', en: 'pollution control is running again' };
    return {
      state: { ...next, active: false },
      verdicts: [
        clear({
          value: treatment.kw,
          unit,
          ts: clock,
          explanation: {
            zh: `${what.zh}已解除：${why.zh}；${lineText.zh}`,
            en: `${what.en} cleared: ${why.en}; ${lineText.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(next);
}
