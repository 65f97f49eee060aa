/**
 * Words for origins, metrics and periods, and the reconciliation's highlight rule. Pure module (no DOM).
 */
import type { MessageKey } from '../i18n/messages';

export type OriginKey =
  | 'power-company'
  | 'tax-bureau'
  | 'hr-bureau'
  | 'statistics-bureau'
  | 'other'
  | 'metered'
  | 'manual'
  | 'computed';

export function originLabel(origin: OriginKey): MessageKey {
  return `indicators.origin.${origin}` as MessageKey;
}

export function metricLabel(metric: string): MessageKey {
  return `indicators.metric.${metric}` as MessageKey;
}

/** The period's message and its index: 全年, 第2季度, 3月. */
export function periodLabel(kind: 'year' | 'quarter' | 'month'): MessageKey {
  return `indicators.period.${kind}` as MessageKey;
}

/** The reconciliation marks a month whose |差额率| exceeds this, %. */
export const DIFFERENCE_THRESHOLD_PCT = 5;

export function overThreshold(differencePct: number | null): boolean {
  return differencePct !== null && Math.abs(differencePct) > DIFFERENCE_THRESHOLD_PCT;
}

/** Moves one origin of an order up (-1) or down (+1); the order unchanged at either end. */
export function moveOrigin<T>(order: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= order.length) return [...order];
  const next = [...order];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}
