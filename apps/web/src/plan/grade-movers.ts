/**
 * The 亩均 grade movers, an enterprise's grades by year and the carriers' benchmarks in words: which indicator
 * moved a firm and how (`亩均税收由 20 万元/亩 降至 9 万元/亩（−20.92 分）`), why one entered or left the graded
 * population, and what each figure is held to. The API decides who moved and why (apps/api/src/analytics/
 * mu-movers.ts); this module only words it. A figure not reported reads 未上报, never 0. Pure module (no DOM).
 */
import { formatNumber, formatQuantity } from '../i18n/format';
import type { Language, MessageKey, MessageParams } from '../i18n/messages';
import { MU_INDICATORS, type GradeMove, type MoveReason, type MuIndicator } from './plan-api';
import { unitLabel } from './plan-dashboard';

export type Translate = (key: MessageKey, params?: MessageParams) => string;

export const MU_INDICATOR_LABELS: Readonly<Record<MuIndicator, MessageKey>> = {
  taxPerMu: 'plan.mu.taxPerMu',
  salesPerMu: 'plan.mu.salesPerMu',
  outputPerMu: 'plan.mu.outputPerMu',
  outputPerEnergy: 'plan.mu.outputPerEnergy',
  rdIntensity: 'plan.mu.rdIntensity',
};

export const MOVE_LABELS: Readonly<Record<GradeMove['kind'], MessageKey>> = {
  down: 'plan.movers.kind.down',
  up: 'plan.movers.kind.up',
  entered: 'plan.movers.kind.entered',
  left: 'plan.movers.kind.left',
};

const CAUSE_LABELS: Readonly<Record<Extract<GradeMove, { cause: unknown }>['cause'], MessageKey>> = {
  'not-listed': 'plan.movers.cause.not-listed',
  'no-land': 'plan.movers.cause.no-land',
  'not-reported': 'plan.movers.cause.not-reported',
};

/** A value with its unit in the interface language; null is "not reported". */
export function quantityText(
  value: number | null,
  unit: string,
  t: Translate,
  language: Language,
  notReported: MessageKey = 'plan.notReported',
): string {
  if (value === null) return t(notReported);
  const key = unitLabel(unit);
  return formatQuantity(value, key ? t(key) : unit, language);
}

/** Points with their sign: `+45 分`, `−20.92 分`. */
export function pointsText(change: number, t: Translate, language: Language): string {
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  return `${sign}${formatQuantity(Math.abs(change), t('unit.points'), language)}`;
}

/** One indicator's part in a move, in words: fell / rose / held (its benchmark changed) / stopped / started. */
export function reasonText(
  reason: MoveReason,
  years: { from: number; to: number },
  t: Translate,
  language: Language,
): string {
  const params = {
    indicator: t(MU_INDICATOR_LABELS[reason.indicator]),
    from: quantityText(reason.valueFrom, reason.unit, t, language),
    to: quantityText(reason.valueTo, reason.unit, t, language),
    points: pointsText(reason.pointsChange, t, language),
    fromYear: years.from,
    toYear: years.to,
  };
  const { valueFrom: from, valueTo: to } = reason;
  if (from !== null && to === null) return t('plan.movers.reason.stopped', params);
  if (from === null && to !== null) return t('plan.movers.reason.started', params);
  // Equal as shown (22.888 and 22.886 both read 22.89): the points moved with the benchmark, not the figure.
  if (from === null || to === null || formatNumber(from, language) === formatNumber(to, language))
    return t('plan.movers.reason.held', params);
  return t(to < from ? 'plan.movers.reason.fell' : 'plan.movers.reason.rose', params);
}

/**
 * The reasons worth reading: the main one (the largest change), and each other that moved the score at least a
 * quarter as much — a 0.01-point drift beside a 5-point drop explains nothing.
 */
export function shownReasons(reasons: readonly MoveReason[]): MoveReason[] {
  const main = reasons[0];
  if (!main) return [];
  return reasons.filter((r) => r === main || Math.abs(r.pointsChange) >= Math.abs(main.pointsChange) / 4);
}

/** How many were graded in each of the two years: grades go by rank share, so a bigger field moves them too. */
export interface GradedCounts {
  readonly previousGraded: number;
  readonly graded: number;
}

/** What a move says under its name: the score and rank, then each reason (or that the rank alone moved). */
export function moveLines(
  move: GradeMove,
  years: { from: number; to: number },
  counts: GradedCounts,
  t: Translate,
  language: Language,
): string[] {
  const points = (score: number) => formatQuantity(score, t('unit.points'), language);
  switch (move.kind) {
    case 'up':
    case 'down': {
      // A rise with a lower rank (or a drop with a better one) comes from the rank share: say so.
      const rankAgainst = move.kind === 'up' ? move.rankTo >= move.rankFrom : move.rankTo <= move.rankFrom;
      const share = (rank: number, of: number) =>
        formatQuantity(Math.round((rank / of) * 1000) / 10, '%', language);
      return [
        t('plan.movers.score', {
          from: points(move.scoreFrom),
          to: points(move.scoreTo),
          rankFrom: move.rankFrom,
          rankTo: move.rankTo,
        }),
        ...(rankAgainst && counts.previousGraded > 0 && counts.graded > 0
          ? [
              t('plan.movers.share', {
                previousGraded: formatQuantity(counts.previousGraded, t('unit.enterprises'), language),
                graded: formatQuantity(counts.graded, t('unit.enterprises'), language),
                shareFrom: share(move.rankFrom, counts.previousGraded),
                shareTo: share(move.rankTo, counts.graded),
              }),
            ]
          : []),
        ...(move.reasons.length === 0
          ? [t(move.kind === 'down' ? 'plan.movers.rankOnly.down' : 'plan.movers.rankOnly.up')]
          : shownReasons(move.reasons).map((r) => reasonText(r, years, t, language))),
      ];
    }
    case 'entered':
      return [
        t('plan.movers.entered', {
          score: points(move.scoreTo),
          cause: t(CAUSE_LABELS[move.cause], { year: years.from }),
        }),
      ];
    case 'left':
      return [
        t('plan.movers.left', {
          year: years.from,
          score: points(move.scoreFrom),
          cause: t(CAUSE_LABELS[move.cause], { year: years.to }),
        }),
      ];
  }
}

export interface MoverCounts {
  readonly down: number;
  readonly up: number;
  readonly left: number;
  readonly entered: number;
}

export function moverCounts(moves: readonly GradeMove[]): MoverCounts {
  const counts = { down: 0, up: 0, left: 0, entered: 0 };
  for (const m of moves) counts[m.kind] += 1;
  return counts;
}

/** The indicators a benchmark table lists: the weighted ones first (heaviest first), then those shown only. */
export function benchmarkOrder(weights: Readonly<Record<MuIndicator, number>>): MuIndicator[] {
  return [...MU_INDICATORS].sort((a, b) => weights[b] - weights[a]);
}
