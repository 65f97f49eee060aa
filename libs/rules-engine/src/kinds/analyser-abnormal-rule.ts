import { DATA_FLAGS, type DataQuality } from '@park/contracts';
import type { RuleContext, RuleInput } from '../inputs';
import { alertLevel, durationMs, paramsObject } from '../params';
import { RuleParamsError } from '../threshold';
import { citation, clear, formatDuration, trigger, unchanged, type Evaluation } from '../verdicts';

/**
 * Analyser abnormal (仪器异常): a CEMS or water analyser reports one of `flags` (by default D fault, B communication
 * failure, F stopped — HJ 212-2017 table 8) for a metric on every reading for at least `durationMs`.
 * Per metric of the reading: a watched flag starts (or continues) that metric's run; any other value ends it.
 * M (maintenance) and C (calibration) are planned work: they never start or lengthen a run and never raise, but
 * they do not prove the analyser is repaired either, so an open alert stays open through them. The alert clears
 * when every metric it is about reports a value that is not a watched flag and not M/C — normally N (no flag).
 * A metric absent from a reading keeps its run as it was (a logger may report pollutants in separate packets).
 * The alert is one per (rule, device), about the metrics in `alerted`; the trigger's value and limit are minutes.
 */
export interface AnalyserAbnormalParams {
  readonly flags: readonly DataQuality[];
  readonly durationMs: number;
  readonly level: 1 | 2;
}

export interface AnalyserAbnormalState {
  readonly kind: 'analyser-abnormal';
  readonly v: 1;
  readonly lastTs: number | null;
  /** Metric → timestamp of the first reading of its current run of watched flags. */
  readonly since: Readonly<Record<string, number>>;
  /** Metric → the watched flag it last reported in that run. */
  readonly flag: Readonly<Record<string, DataQuality>>;
  /** The metrics the open alert is about (sorted); empty when none is open. */
  readonly alerted: readonly string[];
  readonly active: boolean;
}

const KIND = 'analyser-abnormal';
export const ANALYSER_ABNORMAL_KEYS = ['flags', 'durationMs', 'level'] as const;
/** Watched by default: the flags that say the analyser cannot measure (HJ 212-2017 table 8). */
export const ABNORMAL_FLAGS: readonly DataQuality[] = ['D', 'B', 'F'];
/** Planned work (HJ 212-2017 table 8): never an alarm, never counted as abnormal. */
export const PLANNED_FLAGS: readonly DataQuality[] = ['M', 'C'];
const WATCHABLE: readonly DataQuality[] = ['D', 'B', 'F', 'T', 'S'];

export function parseAnalyserAbnormalParams(raw: unknown): AnalyserAbnormalParams {
  const p = paramsObject(KIND, raw, ANALYSER_ABNORMAL_KEYS);
  let flags = ABNORMAL_FLAGS;
  if (p.flags !== undefined) {
    const given = p.flags;
    if (
      !Array.isArray(given) ||
      given.length === 0 ||
      !given.every((f): f is DataQuality => typeof f === 'string' && (WATCHABLE as string[]).includes(f))
    ) {
      throw new RuleParamsError(
        `${KIND}: flags must be a non-empty array of ${WATCHABLE.join(', ')} (M and C are planned work, never abnormal), got ${JSON.stringify(given)}`,
        { type: 'flags', allowed: WATCHABLE },
        'flags',
      );
    }
    flags = [...new Set(given)].sort();
  }
  return { flags, durationMs: durationMs(KIND, p, 'durationMs'), level: alertLevel(KIND, p) };
}

export function initialAnalyserAbnormalState(): AnalyserAbnormalState {
  return { kind: 'analyser-abnormal', v: 1, lastTs: null, since: {}, flag: {}, alerted: [], active: false };
}

const minutes = (ms: number) => Math.round(ms / 6000) / 10;

export function stepAnalyserAbnormal(
  ctx: RuleContext,
  params: AnalyserAbnormalParams,
  state: AnalyserAbnormalState,
  input: RuleInput,
): Evaluation<AnalyserAbnormalState> {
  if (input.kind !== 'reading' || (state.lastTs !== null && input.ts <= state.lastTs))
    return unchanged(state);
  const ts = input.ts;
  // Nothing flagged, nothing running, nothing open: the hot path of every healthy analyser. The state is returned
  // as it was (not even lastTs moves), so the rules service has nothing to write for it; a normal reading applied
  // again changes nothing either way, so the replay guard loses nothing here.
  if (input.flags === undefined && !state.active && Object.keys(state.since).length === 0) {
    return unchanged(state);
  }
  const since: Record<string, number> = { ...state.since };
  const flag: Record<string, DataQuality> = { ...state.flag };
  const alerted = new Set(state.alerted);
  for (const metric of Object.keys(input.values)) {
    const f = input.flags?.[metric];
    if (f !== undefined && params.flags.includes(f)) {
      since[metric] ??= ts;
      flag[metric] = f;
      continue;
    }
    delete since[metric];
    delete flag[metric];
    if (f === undefined || !PLANNED_FLAGS.includes(f)) alerted.delete(metric);
  }
  const overdue = Object.keys(since)
    .filter((m) => ts - (since[m] ?? ts) >= params.durationMs)
    .sort();
  const base = { ...state, lastTs: ts, since, flag };
  if (overdue.length > 0) {
    for (const m of overdue) alerted.add(m);
    const longest = Math.max(...overdue.map((m) => ts - (since[m] ?? ts)));
    const what = (lang: 'zh' | 'en') =>
      overdue
        .map((m) => {
          const f = flag[m];
          const held = formatDuration(ts - (since[m] ?? ts))[lang];
          return lang === 'zh'
            ? `${m} ${DATA_FLAGS[f].zh}（${f}）已持续 ${held}`
            : `${m} ${DATA_FLAGS[f].en} (${f}) for ${held}`;
        })
        .join(lang === 'zh' ? '；' : '; ');
    const set = formatDuration(params.durationMs);
    const cite = citation(ctx.source);
    return {
      state: { ...base, alerted: [...alerted].sort(), active: true },
      verdicts: [
        trigger({
          change: state.active ? 'continuing' : 'opened',
          level: params.level,
          value: minutes(longest),
          limit: minutes(params.durationMs),
          unit: 'min',
          ts,
          explanation: {
            zh: `分析仪异常：${what('zh')}，超过设定 ${set.zh}${cite.zh}`,
            en: `Analyser abnormal: ${what('en')}, longer than the set ${set.en}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (state.active && alerted.size === 0) {
    const back = state.alerted.join('、');
    return {
      state: { ...base, alerted: [], active: false },
      verdicts: [
        clear({
          value: 0,
          unit: 'min',
          ts,
          explanation: {
            zh: `分析仪恢复正常：${back} 已重新报告正常（N）数据`,
            en: `Analyser back to normal: ${state.alerted.join(', ')} report normal (N) data again`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged({ ...base, alerted: [...alerted].sort() });
}
