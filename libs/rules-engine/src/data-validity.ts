import type { DataQuality } from '@park/contracts';
import type { RuleKind } from './engine';
import type { RuleInput } from './inputs';

/**
 * Which flagged values (HJ 212-2017 §6.6.4 table 8 data flags) a rule may judge. HJ 356-2019 (data validity of
 * wastewater on-line monitoring) judges compliance on valid data only, and data produced while the instrument is
 * stopped, faulty, under maintenance or calibration, or out of contact with its logger is not a measurement of the
 * discharge (docs/rules.md, "Flagged values"). So:
 * - F (stopped), M (maintenance), S (set by hand), D (fault), C (calibration), B (communication failure): never
 *   judged by any kind — a D-flagged 0 is not a clean 0, a C-flagged span gas is not an exceedance.
 * - T (above the measuring range): the true value is at least the reported one, a lower bound. A kind that asks
 *   "is the value past a set point right now" (threshold, sustained, repeated, process-limit) may judge it: if the
 *   lower bound is past an upper set point so is the truth, and an over-range value is not below a lower one.
 *   A kind that averages or differences values (hourly/daily means, rate of change, emission spike) must not: a
 *   clipped value understates the mean or the change by an unknown amount, and HJ 356 means use valid data only.
 */
export const INVALID_FLAGS: readonly DataQuality[] = ['F', 'M', 'S', 'D', 'C', 'B'];

/** The kinds that may judge an over-range (T) value as the lower bound it is. */
export const LOWER_BOUND_KINDS: readonly RuleKind[] = ['threshold', 'sustained', 'repeated', 'process-limit'];

/** Whether `kind` judges a value carrying `flag` (undefined: a normal measurement). */
export function judgesFlag(kind: RuleKind, flag: DataQuality | undefined): boolean {
  if (flag === undefined) return true;
  if (flag === 'T') return LOWER_BOUND_KINDS.includes(kind);
  return false;
}

/**
 * The input as `kind` judges it: a reading without the values that kind must not judge (the flags stay, for the
 * analyser-abnormal kind, which reads them and is given the input unchanged). The same object when nothing is
 * flagged: the hot path allocates nothing.
 */
export function validInput(kind: RuleKind, input: RuleInput): RuleInput {
  if (input.kind !== 'reading' || input.flags === undefined || kind === 'analyser-abnormal') return input;
  let values: Record<string, number | boolean> | null = null;
  for (const [metric, flag] of Object.entries(input.flags)) {
    if (judgesFlag(kind, flag) || !(metric in input.values)) continue;
    values ??= { ...input.values };
    delete values[metric];
  }
  return values === null ? input : { ...input, values };
}
