import { thresholdLevel, limitForLevel, type ThresholdLevel, type ThresholdParams } from './threshold';

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A rule as the engine sees it: already validated, no I/O attached. */
export interface ThresholdRule {
  readonly id: string;
  readonly kind: 'threshold';
  readonly name: Bilingual;
  readonly deviceKind: string;
  readonly metric: string;
  readonly params: ThresholdParams;
  readonly autoResolve: boolean;
  readonly source: string | null;
}

export type Rule = ThresholdRule;

export interface MetricInfo {
  readonly unit: string;
  readonly label: Bilingual;
  /** Names of an enumerated state metric's values (a valve's 0 closed … 3 fault), keyed by the value as text. */
  readonly states?: Readonly<Record<string, Bilingual>>;
}

/** What the lifecycle should do with one reading for one rule and device. */
export type Verdict =
  | { readonly action: 'none' }
  | {
      readonly action: 'trigger';
      readonly level: 1 | 2;
      readonly severity: 'warning' | 'critical';
      readonly value: number;
      readonly limit: number;
      readonly explanation: Bilingual;
    }
  | { readonly action: 'clear'; readonly value: number; readonly explanation: Bilingual };

const SEVERITY: Record<1 | 2, 'warning' | 'critical'> = { 1: 'warning', 2: 'critical' };
const LEVEL_ZH: Record<1 | 2, string> = { 1: '一级报警', 2: '二级报警' };
const LEVEL_EN: Record<1 | 2, string> = { 1: 'level-1 alarm', 2: 'level-2 alarm' };

/**
 * Evaluates one reading's value against a threshold rule, given the level of the alert currently open for the
 * (rule, device) pair (0 when none). Pure: same inputs, same verdict.
 */
export function evaluateThreshold(
  rule: ThresholdRule,
  metric: MetricInfo,
  value: number | boolean,
  openLevel: ThresholdLevel,
): Verdict {
  if (typeof value !== 'number') return { action: 'none' };
  const level = thresholdLevel(rule.params, value, openLevel);
  const unit = metric.unit ? ` ${metric.unit}` : '';
  if (level > 0) {
    const lvl = level as 1 | 2;
    const limit = limitForLevel(rule.params, lvl);
    const cmpZh = rule.params.direction === 'above' ? '达到或超过' : '低于或等于';
    const cmpEn = rule.params.direction === 'above' ? 'reached' : 'fell to';
    const source = rule.source ? `（依据 ${rule.source}）` : '';
    const sourceEn = rule.source ? ` (per ${rule.source})` : '';
    return {
      action: 'trigger',
      level: lvl,
      severity: SEVERITY[lvl],
      value,
      limit,
      explanation: {
        zh: `${metric.label.zh} ${value}${unit} ${cmpZh}${LEVEL_ZH[lvl]}设定值 ${limit}${unit}${source}`,
        en: `${metric.label.en} ${value}${unit} ${cmpEn} the ${LEVEL_EN[lvl]} set point ${limit}${unit}${sourceEn}`,
      },
    };
  }
  if (openLevel > 0) {
    return {
      action: 'clear',
      value,
      explanation: {
        zh: `${metric.label.zh} 恢复至 ${value}${unit}，低于一级报警设定值 ${rule.params.level1}${unit}（含回差 ${rule.params.hysteresis}${unit}）`,
        en: `${metric.label.en} back to ${value}${unit}, clear of the level-1 set point ${rule.params.level1}${unit} (hysteresis ${rule.params.hysteresis}${unit})`,
      },
    };
  }
  return { action: 'none' };
}
