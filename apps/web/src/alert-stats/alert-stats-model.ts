/**
 * The alarm statistics page's pure parts: the date range in park time (Asia/Shanghai, UTC+8 all year), the
 * search it sends, response times in minutes or hours, and the ECharts options of its three charts. Pure module
 * (no DOM), unit-tested.
 */
import type { AlertSeverity, AlertStatus } from '@park/contracts';
import type { Language } from '../i18n/messages';
import { formatNumber } from '../i18n/format';
import type { AlertStatistics, RuleKindName, SearchQuery } from './alert-stats-api';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/** A range of whole park-time days, both ends included, as the date inputs show them (`YYYY-MM-DD`). */
export interface DayRange {
  readonly first: string;
  readonly last: string;
}

/** `YYYY-MM-DD` of the park-time day holding `ms`. */
export function parkDay(ms: number): string {
  return new Date(ms + OFFSET).toISOString().slice(0, 10);
}

/** The default: the last 30 park-time days, today included. */
export function lastDays(days: number, now: number): DayRange {
  return { first: parkDay(now - (days - 1) * DAY), last: parkDay(now) };
}

/** The instants of a day range: 00:00 of its first day to 00:00 after its last, park time; null if unreadable. */
export function rangeWindow(range: DayRange): { from: number; to: number } | null {
  const from = Date.parse(`${range.first}T00:00:00+08:00`);
  const to = Date.parse(`${range.last}T00:00:00+08:00`) + DAY;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return null;
  return { from, to };
}

/** What the page searches for: the range and the filters ('' is "all"). */
export interface AlertSearch {
  readonly range: DayRange;
  readonly enterprise: string;
  readonly kind: RuleKindName | '';
  readonly severity: AlertSeverity | '';
  readonly status: AlertStatus | '';
}

/** The query the three routes share (statistics, history, export); null while the range is not a valid one. */
export function searchQuery(search: AlertSearch): SearchQuery | null {
  const window = rangeWindow(search.range);
  if (!window) return null;
  return {
    ...window,
    enterprise: search.enterprise || undefined,
    kind: search.kind || undefined,
    severity: search.severity || undefined,
    status: search.status || undefined,
  };
}

/**
 * A response time for people: minutes under two hours (`12.5 分钟`), hours above (`3.2 小时`), one decimal —
 * never raw seconds. Null (nothing acknowledged or resolved) is a dash.
 */
export function formatWait(seconds: number | null, language: Language): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const zh = language === 'zh-CN';
  if (seconds < 2 * 3600) return `${formatNumber(seconds / 60, language, 1)} ${zh ? '分钟' : 'min'}`;
  return `${formatNumber(seconds / 3600, language, 1)} ${zh ? '小时' : 'h'}`;
}

export const SEVERITY_COLORS: Readonly<Record<AlertSeverity, string>> = {
  critical: '#d92d20',
  warning: '#f79009',
  info: '#1570ef',
};

export interface ChartText {
  readonly severity: (s: AlertSeverity) => string;
  readonly kind: (kind: string) => string;
  /** `12 条` / `12 alerts`. */
  readonly alerts: (n: number) => string;
}

const countAxis = { type: 'value' as const, minInterval: 1 };

/** Alerts per park-time day, stacked by severity (critical at the bottom). */
export function perDayChartOption(stats: AlertStatistics, text: ChartText) {
  const bar = (severity: AlertSeverity) => ({
    name: text.severity(severity),
    type: 'bar' as const,
    stack: 'alerts',
    itemStyle: { color: SEVERITY_COLORS[severity] },
    data: stats.perDay.map((d) => d[severity]),
  });
  return {
    animation: false,
    grid: { left: 40, right: 12, top: 32, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => text.alerts(Number(v)) },
    xAxis: { type: 'category' as const, data: stats.perDay.map((d) => d.date.slice(5)) },
    yAxis: countAxis,
    series: [bar('critical'), bar('warning'), bar('info')],
  };
}

/** A horizontal bar per group, largest at the top; long names are cut in the axis and whole in the tooltip. */
function rankingOption(names: string[], counts: number[], color: string, text: ChartText) {
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => text.alerts(Number(v)) },
    xAxis: countAxis,
    yAxis: {
      type: 'category' as const,
      data: [...names].reverse(),
      axisLabel: { width: 120, overflow: 'truncate' as const },
    },
    series: [{ type: 'bar' as const, itemStyle: { color }, data: [...counts].reverse() }],
  };
}

export function byKindChartOption(stats: AlertStatistics, text: ChartText) {
  return rankingOption(
    stats.byKind.map((k) => text.kind(k.kind)),
    stats.byKind.map((k) => k.count),
    '#0b3a5b',
    text,
  );
}

/** The ten enterprises with the most alerts. */
export function byEnterpriseChartOption(stats: AlertStatistics, text: ChartText) {
  const top = stats.byEnterprise.slice(0, 10);
  return rankingOption(
    top.map((e) => e.enterpriseName),
    top.map((e) => e.count),
    '#7a5af8',
    text,
  );
}
