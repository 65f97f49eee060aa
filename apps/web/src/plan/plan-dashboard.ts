/**
 * The plan dashboard's data, turned into what the page shows: which year to open, one row per 2025 target with
 * its progress bar, the four cultivation libraries summarised, and the 亩均 grade counts. Pure module (no DOM).
 */
import type { MessageKey } from '../i18n/messages';
import {
  CULTIVATION_LIBRARIES,
  PLAN_INDICATORS,
  type Comparator,
  type Cultivation,
  type CultivationEntry,
  type CultivationLibrary,
  type EvaluationRow,
  type Grade,
  type PlanIndicator,
  type PlanTarget,
  type YearProgress,
} from './plan-api';

/** The plan runs 2023–2025 (docs/analytics.md); its targets are set for 2025. */
export const PLAN_YEARS = [2023, 2024, 2025] as const;

/** Indicators computed from each year's reported enterprise figures (not cumulative, not current flags). */
const REPORTED_EACH_YEAR: readonly PlanIndicator[] = [
  'high-tech-output-share',
  'above-scale-enterprises',
  'above-scale-taxable-sales',
  'invention-patents',
];

/**
 * The year the page opens on: the latest plan year whose records carry that year's figures (enterprises report a
 * year after it ends, so the last plan year is often still empty — the API answers null, "not reported"); the
 * first plan year when none has any.
 */
export function defaultYear(progress: readonly YearProgress[]): number {
  const reported = progress
    .filter((p) => p.indicators.some((i) => REPORTED_EACH_YEAR.includes(i.indicator) && i.value !== null))
    .map((p) => p.year);
  return reported.length > 0 ? Math.max(...reported) : PLAN_YEARS[0];
}

/** A progress bar's filled width, %: 0–100 whatever the progress (a target can be exceeded many times over). */
export function barWidth(progress: number | null): number {
  if (progress === null || !Number.isFinite(progress) || progress <= 0) return 0;
  return Math.min(100, progress);
}

/** `not-reported`: a target exists but the year's records do not carry the figure, so it cannot be judged. */
export type TargetStatus = 'met' | 'behind' | 'no-target' | 'not-reported';

export interface TargetRow {
  readonly indicator: PlanIndicator;
  readonly label: MessageKey;
  readonly unit: string;
  /** Null: not reported that year (shown as such, never as 0). */
  readonly value: number | null;
  readonly target: number | null;
  readonly comparator: Comparator | null;
  /** The year the target is set for: the selected year's own, or the nearest later one (the API's rule). */
  readonly targetYear: number | null;
  readonly progress: number | null;
  readonly bar: number;
  readonly status: TargetStatus;
}

export const INDICATOR_LABELS: Readonly<Record<PlanIndicator, MessageKey>> = {
  'high-tech-investment': 'plan.indicator.high-tech-investment',
  'high-tech-output-share': 'plan.indicator.high-tech-output-share',
  'core-industry-share': 'plan.indicator.core-industry-share',
  'carrier-occupancy': 'plan.indicator.carrier-occupancy',
  'inefficient-land-revitalized': 'plan.indicator.inefficient-land-revitalized',
  'above-scale-enterprises': 'plan.indicator.above-scale-enterprises',
  'above-scale-taxable-sales': 'plan.indicator.above-scale-taxable-sales',
  'invention-patents': 'plan.indicator.invention-patents',
  'incubating-projects': 'plan.indicator.incubating-projects',
};

/** The selected year's indicators, in the plan's order; an unknown indicator from a newer API is left out. */
export function targetRows(
  progress: readonly YearProgress[],
  year: number,
  targets: readonly Pick<PlanTarget, 'indicator' | 'year' | 'target' | 'comparator'>[],
): TargetRow[] {
  const indicators = progress.find((p) => p.year === year)?.indicators ?? [];
  const rows: TargetRow[] = [];
  for (const indicator of PLAN_INDICATORS) {
    const p = indicators.find((i) => i.indicator === indicator);
    if (!p) continue;
    const laterYears = targets.filter((t) => t.indicator === indicator && t.year >= year).map((t) => t.year);
    rows.push({
      indicator,
      label: INDICATOR_LABELS[indicator],
      unit: p.unit,
      value: p.value,
      target: p.target,
      comparator: p.comparator,
      targetYear: p.target === null || laterYears.length === 0 ? null : Math.min(...laterYears),
      progress: p.progress,
      bar: barWidth(p.progress),
      status: p.target === null ? 'no-target' : p.value === null ? 'not-reported' : p.met ? 'met' : 'behind',
    });
  }
  return rows;
}

/** The units the API states, in words of the interface language; a unit not listed here is shown as it is. */
const UNIT_LABELS: Readonly<Record<string, MessageKey>> = {
  万元: 'unit.wanYuan',
  亿元: 'unit.yiYuan',
  亩: 'unit.mu',
  家: 'unit.enterprises',
  件: 'unit.jian',
  个: 'unit.ge',
  '万元/亩': 'unit.wanYuanPerMu',
  '万元/tce': 'unit.wanYuanPerTce',
};

export function unitLabel(unit: string): MessageKey | null {
  return UNIT_LABELS[unit] ?? null;
}

export interface LibrarySummary {
  readonly library: CultivationLibrary;
  readonly label: MessageKey;
  readonly measure: MessageKey;
  /** The measure's unit, from the API's `measure` (`revenue 万元` → 万元). */
  readonly unit: string;
  /** The library's one threshold; null when it has none in common (高新技术: a band by revenue, `band` says). */
  readonly threshold: number | null;
  /** The 高新技术 library's R&D bands by revenue (5 % / 4 % / 3 %), told in words instead of one threshold. */
  readonly band: MessageKey | null;
  readonly achieved: number;
  /** Not yet reached, the closest first. */
  readonly cultivating: readonly CultivationEntry[];
}

export const LIBRARY_LABELS: Readonly<Record<CultivationLibrary, MessageKey>> = {
  'above-scale': 'plan.library.above-scale',
  'high-tech': 'plan.library.high-tech',
  listed: 'plan.library.listed',
  'revenue-100m': 'plan.library.revenue-100m',
};

/** The order the plan names them in: 规上, 高新技术, 上市, 销售过亿. */
const LIBRARY_ORDER: readonly CultivationLibrary[] = ['above-scale', 'high-tech', 'listed', 'revenue-100m'];

export function librarySummaries(cultivation: Cultivation): LibrarySummary[] {
  return LIBRARY_ORDER.filter((l) => CULTIVATION_LIBRARIES.includes(l)).map((library) => {
    const entries = cultivation[library] ?? [];
    const measure = entries[0]?.measure ?? '';
    return {
      library,
      label: LIBRARY_LABELS[library],
      measure: library === 'high-tech' ? 'plan.measure.rdIntensity' : 'plan.measure.revenue',
      unit: measure.includes(' ') ? measure.slice(measure.lastIndexOf(' ') + 1) : '',
      threshold: library === 'high-tech' ? null : (entries[0]?.threshold ?? null),
      band: library === 'high-tech' ? 'plan.library.highTechBand' : null,
      achieved: entries.filter((e) => e.achieved).length,
      cultivating: entries
        .filter((e) => !e.achieved)
        .sort((a, b) => (b.progress ?? -1) - (a.progress ?? -1) || a.name.localeCompare(b.name, 'zh-CN')),
    };
  });
}

export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

/** The 淮安 scheme's name for each grade (优先发展类, 鼓励提升类, 监管调控类, 落后整治类). */
export const GRADE_LABELS: Readonly<Record<Grade, MessageKey>> = {
  A: 'plan.grade.A',
  B: 'plan.grade.B',
  C: 'plan.grade.C',
  D: 'plan.grade.D',
};

export const STATUS_LABELS: Readonly<Record<TargetStatus, MessageKey>> = {
  met: 'plan.status.met',
  behind: 'plan.status.behind',
  'no-target': 'plan.status.noTarget',
  'not-reported': 'plan.status.notReported',
};

export interface GradeCounts {
  readonly byGrade: Readonly<Record<Grade, number>>;
  /** Listed but not graded: no land, or neither tax nor sales (the schemes' 不定等级). */
  readonly ungraded: number;
  readonly graded: number;
}

export function gradeCounts(rows: readonly EvaluationRow[]): GradeCounts {
  const byGrade: Record<Grade, number> = { A: 0, B: 0, C: 0, D: 0 };
  let ungraded = 0;
  for (const row of rows) {
    if (row.grade) byGrade[row.grade] += 1;
    else ungraded += 1;
  }
  return { byGrade, ungraded, graded: rows.length - ungraded };
}

/** A grade's share of the graded enterprises, %, one decimal; 0 when none is graded. */
export function gradeShare(counts: GradeCounts, grade: Grade): number {
  return counts.graded === 0 ? 0 : Math.round((counts.byGrade[grade] / counts.graded) * 1000) / 10;
}

/** Graded enterprises by rank, then the ungraded by name. */
export function rankedEvaluation(rows: readonly EvaluationRow[]): EvaluationRow[] {
  return [...rows].sort((a, b) => {
    if (a.rank !== null && b.rank !== null) return a.rank - b.rank;
    if (a.rank !== null) return -1;
    if (b.rank !== null) return 1;
    return a.name.localeCompare(b.name, 'zh-CN');
  });
}
