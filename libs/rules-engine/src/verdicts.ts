import type { Bilingual } from './evaluate';

/**
 * What the engine hands back for one input: the verdicts the alert lifecycle acts on, the issues it should log
 * (data the rule could not judge), and the new state to persist. Verdicts carry the reading time they are about,
 * so the alert repository's "ignore a reading at or before the last applied one" guard keeps working.
 */
export type AlertLevel = 1 | 2;
export type Severity = 'warning' | 'critical';

export const SEVERITY_FOR_LEVEL: Readonly<Record<AlertLevel, Severity>> = { 1: 'warning', 2: 'critical' };

/**
 * - `opened`: the condition starts to hold (no alert was open for this rule and subject);
 * - `escalated` / `de-escalated`: still holding, at another level;
 * - `continuing`: this input confirms the condition still holds at the same level (the alert's repeat count).
 */
export type TriggerChange = 'opened' | 'escalated' | 'de-escalated' | 'continuing';

export interface TriggerVerdict {
  readonly action: 'trigger';
  readonly change: TriggerChange;
  readonly level: AlertLevel;
  readonly severity: Severity;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  /** The time the verdict is about: the reading's timestamp, or `now` for a verdict raised by the passing of time. */
  readonly ts: number;
  readonly explanation: Bilingual;
}

export interface ClearVerdict {
  readonly action: 'clear';
  readonly value: number;
  readonly unit: string;
  readonly ts: number;
  readonly explanation: Bilingual;
}

export type EngineVerdict = TriggerVerdict | ClearVerdict;

export type IssueCode =
  | 'state-reset'
  | 'not-configured'
  | 'too-few-samples'
  | 'o2-missing'
  | 'o2-invalid'
  | 'late-reading'
  | 'meters-stale';

/** Something the rule could not judge; no verdict was given for it. The rules service logs or counts these. */
export interface EngineIssue {
  readonly code: IssueCode;
  readonly ts: number;
  readonly message: Bilingual;
}

export interface Evaluation<S> {
  readonly state: S;
  readonly verdicts: readonly EngineVerdict[];
  readonly issues: readonly EngineIssue[];
}

export function unchanged<S>(state: S): Evaluation<S> {
  return { state, verdicts: [], issues: [] };
}

/** The change a trigger at `level` represents, given the level open before it (0 when none). */
export function changeFrom(previous: 0 | AlertLevel, level: AlertLevel): TriggerChange {
  if (previous === 0) return 'opened';
  if (level > previous) return 'escalated';
  if (level < previous) return 'de-escalated';
  return 'continuing';
}

/** Up to two decimals, no trailing zeros, never "-0": what an officer reads. */
export function formatNumber(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

/** "26 %LEL"; a unitless metric gets no dangling space. */
export function withUnit(x: number, unit: string): string {
  return unit ? `${formatNumber(x)} ${unit}` : formatNumber(x);
}

/** A duration in the largest units that keep it exact to the second: "1 小时 30 分钟" / "1 h 30 min". */
export function formatDuration(ms: number): Bilingual {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const zh: string[] = [];
  const en: string[] = [];
  if (h) {
    zh.push(`${h} 小时`);
    en.push(`${h} h`);
  }
  if (m) {
    zh.push(`${m} 分钟`);
    en.push(`${m} min`);
  }
  if (s || (!h && !m)) {
    zh.push(`${s} 秒`);
    en.push(`${s} s`);
  }
  return { zh: zh.join(' '), en: en.join(' ') };
}

const BEIJING_OFFSET_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-06-01 09:00" in Beijing time (UTC+8, no daylight saving), whatever the server's time zone. */
export function formatBeijingTime(ts: number): string {
  const d = new Date(ts + BEIJING_OFFSET_MS);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
  );
}

/** The rule's source, as the existing threshold wording cites it: "（依据 …）" / " (per …)". */
export function citation(source: string | null): Bilingual {
  return source ? { zh: `（依据 ${source}）`, en: ` (per ${source})` } : { zh: '', en: '' };
}

export function trigger(fields: Omit<TriggerVerdict, 'action' | 'severity'>): TriggerVerdict {
  return { action: 'trigger', severity: SEVERITY_FOR_LEVEL[fields.level], ...fields };
}

export function clear(fields: Omit<ClearVerdict, 'action'>): ClearVerdict {
  return { action: 'clear', ...fields };
}

export function issue(code: IssueCode, ts: number, message: Bilingual): EngineIssue {
  return { code, ts, message };
}
