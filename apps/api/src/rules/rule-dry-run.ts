import { evaluate, type EngineRule, type RuleInput } from '@park/rules-engine';
import type { Bilingual } from '@park/contracts';

/** One verdict the rule would have given on recorded data. */
export interface DryRunFiring {
  readonly subject: string;
  readonly ts: number;
  /** opened, escalated, de-escalated, cleared (continuing confirmations are counted, not listed). */
  readonly change: string;
  readonly level: number | null;
  readonly value: number;
  readonly limit: number | null;
  readonly unit: string;
  readonly explanation: Bilingual;
}

export interface DryRunSubjectResult {
  readonly subject: string;
  readonly inputs: number;
  readonly confirmations: number;
  readonly firings: DryRunFiring[];
  /** Issue codes the engine reported (e.g. not-configured) with how often. */
  readonly issues: Readonly<Record<string, number>>;
}

/**
 * Replays recorded inputs of one subject through the engine from a fresh state, in time order, with `now` at each
 * input's time (and ticks between inputs for time-driven kinds), and lists what would have fired. Pure.
 */
export function dryRunSubject(
  rule: EngineRule,
  subject: string,
  inputs: readonly Exclude<RuleInput, { kind: 'tick' }>[],
  options: { ticks: boolean; tickEveryMs: number; until: number },
): DryRunSubjectResult {
  const sorted = [...inputs].sort((a, b) => a.ts - b.ts);
  let state: unknown = null;
  const firings: DryRunFiring[] = [];
  const issues: Record<string, number> = {};
  let confirmations = 0;
  const step = (input: RuleInput, now: number) => {
    const result = evaluate(rule, state, input, now);
    state = result.state;
    for (const i of result.issues) issues[i.code] = (issues[i.code] ?? 0) + 1;
    for (const v of result.verdicts) {
      if (v.action === 'trigger' && v.change === 'continuing') {
        confirmations++;
        continue;
      }
      firings.push({
        subject,
        ts: v.ts,
        change: v.action === 'trigger' ? v.change : 'cleared',
        level: v.action === 'trigger' ? v.level : null,
        value: v.value,
        limit: v.action === 'trigger' ? v.limit : null,
        unit: v.unit,
        explanation: v.explanation,
      });
    }
  };
  let lastTick = sorted[0]?.ts ?? options.until;
  for (const input of sorted) {
    if (options.ticks) {
      for (let t = lastTick + options.tickEveryMs; t < input.ts; t += options.tickEveryMs)
        step({ kind: 'tick' }, t);
      lastTick = input.ts;
    }
    step(input, input.ts);
  }
  if (options.ticks && sorted.length > 0) {
    for (let t = lastTick + options.tickEveryMs; t <= options.until; t += options.tickEveryMs)
      step({ kind: 'tick' }, t);
  }
  return { subject, inputs: sorted.length, confirmations, firings, issues };
}
