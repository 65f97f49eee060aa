/**
 * 企业档案: the pure parts of the enterprise records page — the indicators-over-years table with the unit of
 * each row, the dynamic-events timeline order, paging, and the enterprise's status tags. Pure module (no DOM).
 */
import type { Grade } from '../plan/plan-api';
import type { MessageKey } from '../i18n/messages';
import type { Enterprise, EnterpriseIndicators, RecordEvent, RecordEventType } from './records-api';

export const PAGE_SIZE = 20;

export type IndicatorField = Exclude<
  keyof EnterpriseIndicators,
  'id' | 'enterpriseId' | 'year' | 'updatedAt'
>;

/** The rows of the indicator table, in order, with the unit the API stores each in (enterprise-indicator.entity.ts). */
export const INDICATOR_ROWS: readonly { field: IndicatorField; label: MessageKey; unit: MessageKey }[] = [
  { field: 'revenue', label: 'records.indicator.revenue', unit: 'unit.wanYuan' },
  { field: 'taxableSales', label: 'records.indicator.taxableSales', unit: 'unit.wanYuan' },
  { field: 'tax', label: 'records.indicator.tax', unit: 'unit.wanYuan' },
  { field: 'output', label: 'records.indicator.output', unit: 'unit.wanYuan' },
  { field: 'highTechOutput', label: 'records.indicator.highTechOutput', unit: 'unit.wanYuan' },
  { field: 'highTechInvestment', label: 'records.indicator.highTechInvestment', unit: 'unit.wanYuan' },
  { field: 'rdExpense', label: 'records.indicator.rdExpense', unit: 'unit.wanYuan' },
  { field: 'inventionPatents', label: 'records.indicator.inventionPatents', unit: 'unit.jian' },
  { field: 'energyTce', label: 'records.indicator.energyTce', unit: 'records.unit.tce' },
  { field: 'employees', label: 'records.indicator.employees', unit: 'records.unit.people' },
];

export interface IndicatorTableRow {
  readonly field: IndicatorField;
  readonly label: MessageKey;
  readonly unit: MessageKey;
  /** One value per year of `years`; null = not reported. */
  readonly values: readonly (number | null)[];
}

export interface IndicatorTable {
  /** Ascending. */
  readonly years: readonly number[];
  readonly rows: readonly IndicatorTableRow[];
}

/** Years as columns (oldest first), indicators as rows; a row nobody reported in any year is left out. */
export function indicatorTable(indicators: readonly EnterpriseIndicators[]): IndicatorTable {
  const byYear = new Map<number, EnterpriseIndicators>();
  for (const entry of indicators) byYear.set(entry.year, entry);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const rows = INDICATOR_ROWS.map(({ field, label, unit }) => ({
    field,
    label,
    unit,
    values: years.map((y) => byYear.get(y)?.[field] ?? null),
  })).filter((row) => row.values.some((v) => v !== null));
  return { years, rows };
}

export const EVENT_LABELS: Readonly<Record<RecordEventType, MessageKey>> = {
  'equity-change': 'records.event.equity-change',
  'land-use-change': 'records.event.land-use-change',
  lease: 'records.event.lease',
  'industry-agreement': 'records.event.industry-agreement',
};

/** Newest first by the date it happened, then by when it was recorded (newest first), then by id. */
export function timeline(events: readonly RecordEvent[]): RecordEvent[] {
  return [...events].sort(
    (a, b) =>
      b.occurredOn.localeCompare(a.occurredOn) ||
      b.createdAt.localeCompare(a.createdAt) ||
      a.id.localeCompare(b.id),
  );
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The status tags of an enterprise: deregistered (soft-deleted) first, then the plan's libraries it has reached. */
export function statusTags(e: Enterprise): MessageKey[] {
  const tags: MessageKey[] = [];
  if (e.deletedAt) tags.push('records.status.deleted');
  if (e.aboveScale) tags.push('records.status.aboveScale');
  if (e.highTech) tags.push('records.status.highTech');
  if (e.listed) tags.push('records.status.listed');
  if (e.revenueOver100m) tags.push('records.status.revenue100m');
  return tags;
}

/** The evaluation's grade by enterprise id. */
export function gradesById(rows: readonly { id: string; grade: Grade | null }[]): Map<string, Grade> {
  const grades = new Map<string, Grade>();
  for (const row of rows) if (row.grade) grades.set(row.id, row.grade);
  return grades;
}

/** The years to look for 亩均 grades in, the latest first: last year, then the two before it. */
export function evaluationYears(nowMs: number): number[] {
  const year = new Date(nowMs).getUTCFullYear() - 1;
  return [year, year - 1, year - 2];
}
