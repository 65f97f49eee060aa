import { evaluate, parseRuleDefinition, type EngineRule, type RuleKind, type RuleState } from '../engine';
import type { MetricInfo } from '../evaluate';
import type { RuleInput } from '../inputs';
import type { EngineIssue, EngineVerdict, TriggerVerdict } from '../verdicts';

/** One input and the `now` it is evaluated at (defaults to the input's own timestamp, or 0 for a tick). */
export interface Step {
  readonly input: RuleInput;
  readonly now?: number;
}

export interface Run {
  readonly state: RuleState | null;
  readonly verdicts: EngineVerdict[];
  readonly issues: EngineIssue[];
  /** The verdicts of each step, in order. */
  readonly perStep: EngineVerdict[][];
}

const nowOf = (step: Step): number => step.now ?? ('ts' in step.input ? step.input.ts : 0);

/** Feeds the steps through `evaluate`, threading the state, optionally through JSON as the service would store it. */
export function run(
  rule: EngineRule,
  steps: readonly Step[],
  start: RuleState | null = null,
  viaJson = false,
): Run {
  let state = start;
  const verdicts: EngineVerdict[] = [];
  const issues: EngineIssue[] = [];
  const perStep: EngineVerdict[][] = [];
  for (const step of steps) {
    const result = evaluate(rule, state, step.input, nowOf(step));
    state = viaJson ? (JSON.parse(JSON.stringify(result.state)) as RuleState) : result.state;
    verdicts.push(...result.verdicts);
    issues.push(...result.issues);
    perStep.push([...result.verdicts]);
  }
  return { state, verdicts, issues, perStep };
}

export const triggers = (verdicts: readonly EngineVerdict[]): TriggerVerdict[] =>
  verdicts.filter((v): v is TriggerVerdict => v.action === 'trigger');

export const opened = (verdicts: readonly EngineVerdict[]): TriggerVerdict[] =>
  triggers(verdicts).filter((v) => v.change === 'opened');

export const clears = (verdicts: readonly EngineVerdict[]) => verdicts.filter((v) => v.action === 'clear');

/** A reading input with one metric. */
export const reading = (
  ts: number,
  metric: string,
  value: number,
  extra: Record<string, number> = {},
): Step => ({
  input: { kind: 'reading', ts, values: { [metric]: value, ...extra } },
});

export const MINUTE = 60_000;

export const LEL: MetricInfo = { unit: '%LEL', label: { zh: '可燃气体浓度', en: 'Combustible gas' } };

/** An engine rule of `kind` with validated params, reading `metric`. */
export function ruleOf(
  kind: RuleKind,
  params: unknown,
  options: { metric?: string; info?: MetricInfo; source?: string | null; id?: string } = {},
): EngineRule {
  return {
    id: options.id ?? `rule-${kind}`,
    name: { zh: '测试规则', en: 'Test rule' },
    source: options.source === undefined ? 'TEST-STD §1' : options.source,
    metric: options.metric ?? 'lel',
    metricInfo: options.info ?? LEL,
    definition: parseRuleDefinition(kind, params),
  };
}
