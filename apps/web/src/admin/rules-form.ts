/**
 * 管理 · 规则 as pure functions (no DOM): each rule kind's parameters with their unit, a rule as an editable draft
 * (typed text), the checks the API makes — the very parser it uses, `parseRuleDefinition` from the pure rules
 * engine — with the engine's message placed on the field it names, the rule table's parameter summary and the
 * dry-run summary. Unit-tested in rules-form.spec.ts.
 */
import { DEVICE_KINDS, isDeviceKind } from '@park/contracts';
import {
  parseRuleDefinition,
  RULE_KINDS,
  RULE_PARAM_KEYS,
  RuleParamsError,
  type RuleKind,
} from '@park/rules-engine';
import type { Translate } from '../api/error-text';
import { formatDateTime, formatDuration, formatLineName, formatQuantity } from '../i18n/format';
import type { Language, MessageKey } from '../i18n/messages';
import { metricLabel } from './device-form';
import { fieldOfProblem, ruleProblemText } from './rule-problem-text';
import type { DryRunResult, RuleBody, RuleView } from './rules-api';

export { RULE_KINDS, type RuleKind };

/** How a parameter is entered and which unit it carries. */
type ParamType =
  'number' | 'direction' | 'level' | 'check' | 'boolean' | 'text' | 'states' | 'stuckState' | 'period';
/**
 * `metric`: the rule's metric unit; `metric/min`: per minute of it; `duration`: a time the engine keeps in
 * milliseconds, which the form takes and the table shows in seconds, minutes and hours; the rest are fixed units.
 */
type ParamUnit =
  'metric' | 'metric/min' | 'duration' | 'fraction' | 'times' | 'multiple' | 'samples' | 'kW' | '%' | 'none';

interface ParamSpec {
  readonly type: ParamType;
  readonly unit: ParamUnit;
  readonly label: MessageKey;
}

export const PARAM_SPECS: Readonly<Record<string, ParamSpec>> = {
  direction: { type: 'direction', unit: 'none', label: 'rules.param.direction' },
  level1: { type: 'number', unit: 'metric', label: 'rules.param.level1' },
  level2: { type: 'number', unit: 'metric', label: 'rules.param.level2' },
  hysteresis: { type: 'number', unit: 'metric', label: 'rules.param.hysteresis' },
  limit: { type: 'number', unit: 'metric', label: 'rules.param.limit' },
  minBaseline: { type: 'number', unit: 'metric', label: 'rules.param.minBaseline' },
  ratePerMinute: { type: 'number', unit: 'metric/min', label: 'rules.param.ratePerMinute' },
  clearRatePerMinute: { type: 'number', unit: 'metric/min', label: 'rules.param.clearRatePerMinute' },
  durationMs: { type: 'number', unit: 'duration', label: 'rules.param.durationMs' },
  maxGapMs: { type: 'number', unit: 'duration', label: 'rules.param.maxGapMs' },
  clearDurationMs: { type: 'number', unit: 'duration', label: 'rules.param.clearDurationMs' },
  windowMs: { type: 'number', unit: 'duration', label: 'rules.param.windowMs' },
  quietMs: { type: 'number', unit: 'duration', label: 'rules.param.quietMs' },
  minSpanMs: { type: 'number', unit: 'duration', label: 'rules.param.minSpanMs' },
  expectedIntervalMs: { type: 'number', unit: 'duration', label: 'rules.param.expectedIntervalMs' },
  baselineWindowMs: { type: 'number', unit: 'duration', label: 'rules.param.baselineWindowMs' },
  bucketMs: { type: 'number', unit: 'duration', label: 'rules.param.bucketMs' },
  staleAfterMs: { type: 'number', unit: 'duration', label: 'rules.param.staleAfterMs' },
  count: { type: 'number', unit: 'times', label: 'rules.param.count' },
  factor: { type: 'number', unit: 'multiple', label: 'rules.param.factor' },
  maxSamples: { type: 'number', unit: 'samples', label: 'rules.param.maxSamples' },
  minSamples: { type: 'number', unit: 'samples', label: 'rules.param.minSamples' },
  minBaselineSamples: { type: 'number', unit: 'samples', label: 'rules.param.minBaselineSamples' },
  riseFraction: { type: 'number', unit: 'fraction', label: 'rules.param.riseFraction' },
  followRatio: { type: 'number', unit: 'fraction', label: 'rules.param.followRatio' },
  clearFraction: { type: 'number', unit: 'fraction', label: 'rules.param.clearFraction' },
  productionRunningFraction: {
    type: 'number',
    unit: 'fraction',
    label: 'rules.param.productionRunningFraction',
  },
  treatmentRunningFraction: {
    type: 'number',
    unit: 'fraction',
    label: 'rules.param.treatmentRunningFraction',
  },
  productionNormalKw: { type: 'number', unit: 'kW', label: 'rules.param.productionNormalKw' },
  treatmentNormalKw: { type: 'number', unit: 'kW', label: 'rules.param.treatmentNormalKw' },
  o2Reference: { type: 'number', unit: '%', label: 'rules.param.o2Reference' },
  requireO2Reference: { type: 'boolean', unit: 'none', label: 'rules.param.requireO2Reference' },
  o2Metric: { type: 'text', unit: 'none', label: 'rules.param.o2Metric' },
  level: { type: 'level', unit: 'none', label: 'rules.param.level' },
  check: { type: 'check', unit: 'none', label: 'rules.param.check' },
  alarmStates: { type: 'states', unit: 'none', label: 'rules.param.alarmStates' },
  high: { type: 'number', unit: 'metric', label: 'rules.param.high' },
  highHigh: { type: 'number', unit: 'metric', label: 'rules.param.highHigh' },
  low: { type: 'number', unit: 'metric', label: 'rules.param.low' },
  lowLow: { type: 'number', unit: 'metric', label: 'rules.param.lowLow' },
  delayMs: { type: 'number', unit: 'duration', label: 'rules.param.delayMs' },
  clearAfterMs: { type: 'number', unit: 'duration', label: 'rules.param.clearAfterMs' },
  period: { type: 'period', unit: 'none', label: 'rules.param.period' },
  lowerLimit: { type: 'number', unit: 'metric', label: 'rules.param.lowerLimit' },
  minHours: { type: 'number', unit: 'none', label: 'rules.param.minHours' },
  flags: { type: 'states', unit: 'none', label: 'rules.param.flags' },
  stuckAfterMs: { type: 'number', unit: 'duration', label: 'rules.param.stuckAfterMs' },
  stuckState: { type: 'stuckState', unit: 'none', label: 'rules.param.stuckState' },
  chatterCount: { type: 'number', unit: 'times', label: 'rules.param.chatterCount' },
  chatterWindowMs: { type: 'number', unit: 'duration', label: 'rules.param.chatterWindowMs' },
};

export function isRuleKind(kind: string): kind is RuleKind {
  return (RULE_KINDS as readonly string[]).includes(kind);
}

/** A kind's parameters, in the engine's order (`RULE_PARAM_KEYS`); none for a kind this version does not know. */
export function paramKeys(kind: string): readonly string[] {
  return isRuleKind(kind) ? RULE_PARAM_KEYS[kind] : [];
}

export function paramSpec(key: string): ParamSpec | undefined {
  return PARAM_SPECS[key];
}

/** A parameter's name in the interface language (the key itself for one this version does not know). */
export function paramLabel(key: string, t: Translate): string {
  const spec = PARAM_SPECS[key];
  return spec ? t(spec.label) : key;
}

export const RULE_KIND_LABELS: Readonly<Record<RuleKind, MessageKey>> = {
  threshold: 'rules.kind.threshold',
  sustained: 'rules.kind.sustained',
  repeated: 'rules.kind.repeated',
  'rate-of-change': 'rules.kind.rate-of-change',
  'device-offline': 'rules.kind.device-offline',
  'hourly-mean-emission': 'rules.kind.hourly-mean-emission',
  'treatment-power': 'rules.kind.treatment-power',
  'emission-spike': 'rules.kind.emission-spike',
  'state-signal': 'rules.kind.state-signal',
  'process-limit': 'rules.kind.process-limit',
  'analyser-abnormal': 'rules.kind.analyser-abnormal',
};

export function kindText(kind: string, t: Translate): string {
  return isRuleKind(kind) ? t(RULE_KIND_LABELS[kind]) : kind;
}

const CHANGE_LABELS: Readonly<Record<string, MessageKey>> = {
  opened: 'rules.change.opened',
  escalated: 'rules.change.escalated',
  'de-escalated': 'rules.change.de-escalated',
  cleared: 'rules.change.cleared',
};

export const CHECK_LABELS: Readonly<Record<string, MessageKey>> = {
  'treatment-off': 'rules.check.treatment-off',
  'late-start': 'rules.check.late-start',
  'early-stop': 'rules.check.early-stop',
};

/** A state-signal rule's checks: the alarm itself, a stuck signal, a chattering one. */
export const STATE_CHECK_LABELS: Readonly<Record<string, MessageKey>> = {
  alarm: 'rules.check.alarm',
  stuck: 'rules.check.stuck',
  chattering: 'rules.check.chattering',
};

export const STUCK_STATE_LABELS: Readonly<Record<string, MessageKey>> = {
  alarm: 'rules.stuckState.alarm',
  normal: 'rules.stuckState.normal',
  any: 'rules.stuckState.any',
};

/** The averaging period of an emission-mean rule: the clock hour or the Beijing calendar day. */
export const PERIOD_LABELS: Readonly<Record<string, MessageKey>> = {
  hour: 'rules.period.hour',
  day: 'rules.period.day',
};

/** The `check` choices of a kind: the state-signal checks, or the 分表计电 ones. */
export function checkLabels(kind: string): Readonly<Record<string, MessageKey>> {
  return kind === 'state-signal' ? STATE_CHECK_LABELS : CHECK_LABELS;
}

/**
 * Alarm states as typed ("是", "true", "3, 2"): 是/否 and true/false as booleans, numbers as numbers; anything else is passed on
 * as typed, so the engine's own message says what is wrong with it.
 */
export function parseStates(text: string): unknown[] {
  return text
    .split(/[,，\s]+/)
    .filter((token) => token !== '')
    .map((token) => {
      if (token === 'true' || token === '是') return true;
      if (token === 'false' || token === '否') return false;
      const n = Number(token);
      return Number.isFinite(n) ? n : token;
    });
}

/** The unit of a metric (`%LEL`), or '' when the device kind or metric is not known. */
export function metricUnit(deviceKind: string, metric: string): string {
  if (!isDeviceKind(deviceKind)) return '';
  const spec = (DEVICE_KINDS[deviceKind].metrics as Record<string, { unit: string } | undefined>)[metric];
  return spec?.unit ?? '';
}

/** The unit shown beside a parameter: the metric's own for thresholds, else a fixed one. */
export function paramUnitText(key: string, unit: string, t: Translate): string {
  switch (PARAM_SPECS[key]?.unit ?? 'none') {
    case 'metric':
      return unit;
    case 'metric/min':
      return `${unit}${t('rules.unit.perMinute')}`;
    case 'duration':
      return t('rules.unit.seconds');
    case 'kW':
      return 'kW';
    case '%':
      return '%';
    case 'times':
      return t('rules.unit.times');
    case 'multiple':
      return t('rules.unit.multiple');
    case 'samples':
      return t('rules.unit.samples');
    case 'fraction':
      return t('rules.unit.fraction');
    case 'none':
      return '';
  }
}

/** A rule as the form edits it: parameters as typed text ('' = not set), booleans as booleans. */
export interface RuleDraft {
  readonly kind: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly deviceKind: string;
  readonly metric: string;
  readonly enabled: boolean;
  readonly autoResolve: boolean;
  readonly params: Readonly<Record<string, string | boolean>>;
}

export const NEW_RULE_DRAFT: RuleDraft = {
  kind: 'threshold',
  nameZh: '',
  nameEn: '',
  deviceKind: '',
  metric: '',
  enabled: true,
  autoResolve: true,
  params: { direction: 'above' },
};

export function draftFromRule(rule: RuleView): RuleDraft {
  const params: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(rule.params)) {
    if (typeof value === 'boolean') params[key] = value;
    else if (typeof value === 'number' && isDuration(key)) {
      const unit = durationUnitFor(value);
      params[key] = String(value / DURATION_UNIT_MS[unit]);
      params[durationUnitKey(key)] = unit;
    } else if (typeof value === 'number' || typeof value === 'string') params[key] = String(value);
    else if (Array.isArray(value) && PARAM_SPECS[key]?.type === 'states')
      params[key] = value.map(String).join(', ');
    else params[key] = value === null || value === undefined ? '' : JSON.stringify(value);
  }
  return {
    kind: rule.kind,
    nameZh: rule.name.zh,
    nameEn: rule.name.en,
    deviceKind: rule.deviceKind,
    metric: rule.metric,
    enabled: rule.enabled,
    autoResolve: rule.autoResolve,
    params,
  };
}

export type FieldErrors = Readonly<Record<string, string>>;
export type DraftCheck =
  { readonly ok: true; readonly body: RuleBody } | { readonly ok: false; readonly errors: FieldErrors };

/**
 * The field an engine or API message is about: the parameter (or rule field) it names first. The engine's
 * messages read "threshold: level2 must be above level1", "hysteresis must be a number ≥ 0", "metric \"x\" is not…".
 */
export function fieldOfMessage(message: string, kind: string): string | null {
  const candidates = [...paramKeys(kind).map((k) => `params.${k}`), 'deviceKind', 'metric', 'kind'];
  let best: { field: string; at: number } | null = null;
  for (const field of candidates) {
    const name = field.replace(/^params\./, '');
    const match = new RegExp(`(^|[^A-Za-z0-9])${name}([^A-Za-z0-9]|$)`).exec(message);
    if (!match) continue;
    const at = match.index + match[1].length;
    if (!best || at < best.at) best = { field, at };
  }
  return best?.field ?? null;
}

/** Parses the typed parameters: numbers as numbers, '' left out, then the engine's own check. */
export function checkDraft(draft: RuleDraft, t: Translate): DraftCheck {
  const errors: Record<string, string> = {};
  if (!draft.nameZh.trim()) errors.nameZh = t('rules.error.required');
  if (!draft.nameEn.trim()) errors.nameEn = t('rules.error.required');
  if (!isRuleKind(draft.kind)) errors.kind = t('rules.error.required');
  if (draft.deviceKind !== '*' && !isDeviceKind(draft.deviceKind))
    errors.deviceKind = t('rules.error.required');
  if (!draft.metric.trim()) errors.metric = t('rules.error.required');
  const params: Record<string, unknown> = {};
  for (const key of paramKeys(draft.kind)) {
    const raw = draft.params[key];
    const spec = PARAM_SPECS[key];
    if (typeof raw === 'boolean') {
      params[key] = raw;
      continue;
    }
    const text = (raw ?? '').trim();
    if (text === '') continue;
    if (spec?.type === 'number') {
      const value = Number(text);
      if (!Number.isFinite(value)) errors[`params.${key}`] = t('rules.error.number');
      // Typed in seconds, minutes or hours, kept by the engine in milliseconds.
      else
        params[key] = isDuration(key)
          ? Math.round(value * DURATION_UNIT_MS[draftDurationUnit(draft, key)])
          : value;
    } else if (spec?.type === 'level') params[key] = Number(text);
    else if (spec?.type === 'states') params[key] = parseStates(text);
    else params[key] = text;
  }
  if (Object.keys(errors).length === 0) {
    try {
      parseRuleDefinition(draft.kind, params);
    } catch (error) {
      if (!(error instanceof RuleParamsError)) throw error;
      errors[fieldOfProblem(error) ?? 'form'] = ruleProblemText(error, t);
    }
  }
  // A kind the engine does not know has its error already; the check narrows it for the body.
  if (Object.keys(errors).length > 0 || !isRuleKind(draft.kind)) return { ok: false, errors };
  return {
    ok: true,
    body: {
      kind: draft.kind,
      name: { zh: draft.nameZh.trim(), en: draft.nameEn.trim() },
      deviceKind: draft.deviceKind,
      metric: draft.metric.trim(),
      params,
      enabled: draft.enabled,
      autoResolve: draft.autoResolve,
    },
  };
}

/** Whether a parameter is a time: typed in seconds, minutes or hours, stored in milliseconds, shown in s / min / h. */
export function isDuration(key: string): boolean {
  return PARAM_SPECS[key]?.unit === 'duration';
}

/** The units a duration is typed in; the engine keeps milliseconds, which the form never shows. */
export const DURATION_UNITS = ['s', 'min', 'h'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export const DURATION_UNIT_MS: Readonly<Record<DurationUnit, number>> = {
  s: 1_000,
  min: 60_000,
  h: 3_600_000,
};
export const DURATION_UNIT_LABELS: Readonly<Record<DurationUnit, MessageKey>> = {
  s: 'rules.unit.seconds',
  min: 'rules.unit.minutes',
  h: 'rules.unit.hours',
};

/** Where the draft keeps the unit a duration parameter is typed in (not a parameter: never sent). */
export function durationUnitKey(key: string): string {
  return `${key}@unit`;
}

/** The unit a duration is typed in; seconds unless chosen. */
export function draftDurationUnit(draft: RuleDraft, key: string): DurationUnit {
  const unit = draft.params[durationUnitKey(key)];
  return unit === 'min' || unit === 'h' ? unit : 's';
}

/** The largest of hours, minutes and seconds a stored duration is a whole number of (seconds otherwise). */
export function durationUnitFor(ms: number): DurationUnit {
  if (ms > 0 && ms % DURATION_UNIT_MS.h === 0) return 'h';
  if (ms > 0 && ms % DURATION_UNIT_MS.min === 0) return 'min';
  return 's';
}

/** A parameter's stored value in words, with its unit (`50 %LEL`, `10 分钟`, `高于`). */
export function paramValueText(
  key: string,
  value: unknown,
  unit: string,
  language: Language,
  t: Translate,
  deviceKind = '',
) {
  const type = PARAM_SPECS[key]?.type ?? 'text';
  if (value === null || value === undefined || value === '') return t('rules.param.unset');
  if (type === 'direction') return t(value === 'below' ? 'rules.direction.below' : 'rules.direction.above');
  if (type === 'boolean') return t(value === true ? 'rules.yes' : 'rules.no');
  if (type === 'level') return t(value === 2 ? 'rules.level.2' : 'rules.level.1');
  if (type === 'check' && typeof value === 'string') {
    const label = CHECK_LABELS[value] ?? STATE_CHECK_LABELS[value];
    return label ? t(label) : value;
  }
  if (type === 'stuckState' && typeof value === 'string')
    return STUCK_STATE_LABELS[value] ? t(STUCK_STATE_LABELS[value]) : value;
  if (type === 'period' && typeof value === 'string')
    return PERIOD_LABELS[value] ? t(PERIOD_LABELS[value]) : value;
  // A true/false signal's alarm state in words (是 / 否); a numeric state as its number.
  if (type === 'states' && Array.isArray(value))
    return value
      .map((v) => (typeof v === 'boolean' ? t(v ? 'rules.yes' : 'rules.no') : String(v)))
      .join(', ');
  // A fraction (0–1) reads better as a percentage in the table; the form takes it as the engine does.
  if (typeof value === 'number' && PARAM_SPECS[key]?.unit === 'fraction')
    return formatQuantity(value * 100, '%', language);
  if (typeof value === 'number' && isDuration(key)) return formatDuration(value, language);
  // A metric named by a parameter (the O₂ of a flue-gas correction): its name, not its code.
  if (key === 'o2Metric' && typeof value === 'string') return metricLabel(deviceKind, value, language);
  if (typeof value === 'number') return formatQuantity(value, paramUnitText(key, unit, t), language);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The rule table's metric column: the metric with its unit; a rule on no one metric (device offline) says so. */
export function metricText(rule: RuleView, language: Language, t: Translate): string {
  if (rule.kind === 'device-offline') return t('rules.metric.any');
  return metricLabel(rule.deviceKind, rule.metric, language);
}

/** The rule table's parameter column: every stored parameter, labelled, with its unit. */
export function paramSummary(rule: RuleView, language: Language, t: Translate): string[] {
  const unit = metricUnit(rule.deviceKind, rule.metric);
  const keys = paramKeys(rule.kind).filter((k) => k in rule.params);
  return keys.map(
    (key) =>
      `${paramLabel(key, t)} ${paramValueText(key, rule.params[key], unit, language, t, rule.deviceKind)}`,
  );
}

export interface DryRunRow {
  readonly key: string;
  readonly time: string;
  readonly subject: string;
  readonly change: string;
  readonly level: string;
  readonly value: string;
  readonly limit: string;
  readonly explanation: string;
}

export interface DryRunSummary {
  readonly hours: number;
  readonly subjects: number;
  readonly inputs: number;
  readonly firings: number;
  readonly opened: number;
  readonly confirmations: number;
  /** Newest first, at most `max`. */
  readonly rows: DryRunRow[];
  readonly more: number;
}

/**
 * A dry-run subject as the table says it: a device by its id (the admin's handle on it), a line — the API's
 * `line:<enterprise>:<line>` key — by the line in words (`合成 1 号线`), never the key.
 */
export function dryRunSubjectText(subject: string, language: Language): string {
  if (!subject.startsWith('line:')) return subject;
  const lineStart = subject.indexOf(':', 'line:'.length);
  return formatLineName(
    lineStart < 0 ? subject.slice('line:'.length) : subject.slice(lineStart + 1),
    language,
  );
}

/** What the dry-run says, as counts and table rows in the interface language. */
export function dryRunSummary(
  result: DryRunResult,
  language: Language,
  t: Translate,
  max = 50,
): DryRunSummary {
  const firings = result.subjects.flatMap((s) => s.firings);
  const sorted = [...firings].sort((a, b) => b.ts - a.ts || a.subject.localeCompare(b.subject));
  return {
    hours: Math.round((result.to - result.from) / 3_600_000),
    subjects: result.subjects.length,
    inputs: result.subjects.reduce((n, s) => n + s.inputs, 0),
    firings: firings.length,
    opened: firings.filter((f) => f.change === 'opened').length,
    confirmations: result.subjects.reduce((n, s) => n + s.confirmations, 0),
    rows: sorted.slice(0, max).map((f, i) => ({
      key: `${f.subject}-${f.ts}-${i}`,
      time: formatDateTime(f.ts),
      subject: dryRunSubjectText(f.subject, language),
      change: CHANGE_LABELS[f.change] ? t(CHANGE_LABELS[f.change]) : f.change,
      level: f.level === null ? '—' : t(f.level === 2 ? 'rules.level.2' : 'rules.level.1'),
      value: formatQuantity(f.value, f.unit, language),
      limit: f.limit === null ? '—' : formatQuantity(f.limit, f.unit, language),
      explanation: language === 'en' ? f.explanation.en : f.explanation.zh,
    })),
    more: Math.max(0, sorted.length - max),
  };
}
