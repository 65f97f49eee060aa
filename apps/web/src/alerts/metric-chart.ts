/**
 * The alert detail's chart of the triggering metric: which window to ask GET /api/telemetry/series for, and the
 * ECharts option that draws the series with the limit and the trigger time marked. Pure module (no DOM, no
 * ECharts runtime: only its option types), so the Jest unit project covers it.
 */
import type { AlertView, TelemetrySeries } from '@park/contracts';
import type { LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type MetricChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

/** How far the chart reaches before the alert opened, and after it (never past now). */
export const CHART_MARGIN_MS = 30 * 60_000;
/** Most points to ask for: a 1-hour window of 10-second readings still comes back raw. */
export const CHART_POINTS = 400;

const COLORS = { line: '#1f7ae0', limit: '#d92d20', trigger: '#4a5866', grid: '#eef1f4' } as const;

export interface ChartWindow {
  readonly from: number;
  readonly to: number;
}

/** From 30 min before the alert opened to 30 min after, or to now if that is sooner. */
export function chartWindow(alert: Pick<AlertView, 'openedAt'>, now: number): ChartWindow {
  return {
    from: alert.openedAt - CHART_MARGIN_MS,
    to: Math.max(Math.min(alert.openedAt + CHART_MARGIN_MS, now), alert.openedAt),
  };
}

/** The query string of GET /api/telemetry/series for the alert's device and metric over `window`. */
export function seriesQuery(alert: Pick<AlertView, 'deviceId' | 'metric'>, window: ChartWindow): string {
  return new URLSearchParams({
    deviceId: alert.deviceId,
    metric: alert.metric,
    from: String(window.from),
    to: String(window.to),
    points: String(CHART_POINTS),
  }).toString();
}

/** Whether the alert is about one device's metric, which is what can be charted (a line alert may have none). */
export function isChartable(alert: Pick<AlertView, 'deviceId' | 'metric'>): boolean {
  return alert.deviceId !== '' && alert.metric !== '';
}

/** A bucket width in the largest whole unit (`15 s`, `10 min`, `1 h`), as a message key and its count. */
export function intervalParts(ms: number): {
  key: 'chart.seconds' | 'chart.minutes' | 'chart.hours' | 'chart.days';
  n: number;
} {
  if (ms % 86_400_000 === 0) return { key: 'chart.days', n: ms / 86_400_000 };
  if (ms % 3_600_000 === 0) return { key: 'chart.hours', n: ms / 3_600_000 };
  if (ms % 60_000 === 0) return { key: 'chart.minutes', n: ms / 60_000 };
  return { key: 'chart.seconds', n: Math.round(ms / 1000) };
}

/** Value-axis bounds that keep the limit, the alert's value and every point in view, with 10 % headroom. */
export function valueBounds(values: readonly number[], limit: number): { min: number; max: number } {
  const all = [...values, limit].filter(Number.isFinite);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  return { min: lo >= 0 && lo - pad < 0 ? 0 : lo - pad, max: hi + pad };
}

export interface ChartText {
  /** The series' name (the metric's label in the interface language). */
  readonly seriesName: string;
  /** The limit line's label, value and unit: `限值 50 %LEL`. */
  readonly limit: string;
  /** The trigger marker's label: `触发 09:31:05`. */
  readonly trigger: string;
  /** Park-time clock for the time axis (`09:30`). */
  readonly axisTime: (epochMs: number) => string;
  /** Park-time date and time for the tooltip. */
  readonly dateTime: (epochMs: number) => string;
  /** A value with its unit for the tooltip. */
  readonly quantity: (value: number) => string;
  /** A bare number for the value axis. */
  readonly number: (value: number) => string;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * The chart: the series as a line over exactly the requested window (park time on the axis), a dashed line at
 * the limit labelled with its value and unit, and a vertical line at the moment the alert opened.
 */
export function chartOption(
  series: Pick<TelemetrySeries, 'from' | 'to' | 'points'>,
  alert: Pick<AlertView, 'limit' | 'openedAt'>,
  text: ChartText,
): MetricChartOption {
  const bounds = valueBounds(
    series.points.map((p) => p.value),
    alert.limit,
  );
  return {
    animation: false,
    grid: { left: 56, right: 20, top: 28, bottom: 28 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { value?: unknown } | undefined;
        const value = first?.value;
        if (!Array.isArray(value)) return '';
        const [ts, v] = value as [number, number];
        return `${escapeHtml(text.dateTime(ts))}<br/>${escapeHtml(text.seriesName)}: ${escapeHtml(text.quantity(v))}`;
      },
    },
    xAxis: {
      type: 'time',
      min: series.from,
      max: series.to,
      axisLabel: { formatter: (value: number) => text.axisTime(value), hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: bounds.min,
      max: bounds.max,
      // The bounds are exact (limit and data plus headroom), not round: label only the round ticks between.
      axisLabel: {
        formatter: (value: number) => text.number(value),
        showMinLabel: false,
        showMaxLabel: false,
      },
      splitLine: { lineStyle: { color: COLORS.grid } },
    },
    series: [
      {
        type: 'line',
        name: text.seriesName,
        data: series.points.map((p) => [p.ts, p.value]),
        showSymbol: series.points.length <= 60,
        symbolSize: 5,
        connectNulls: false,
        lineStyle: { width: 2, color: COLORS.line },
        itemStyle: { color: COLORS.line },
        markLine: {
          silent: true,
          symbol: 'none',
          animation: false,
          data: [
            {
              name: 'limit',
              yAxis: alert.limit,
              lineStyle: { color: COLORS.limit, type: 'dashed', width: 1.5 },
              label: { formatter: text.limit, position: 'insideEndTop', color: COLORS.limit },
            },
            {
              name: 'trigger',
              xAxis: alert.openedAt,
              lineStyle: { color: COLORS.trigger, type: 'solid', width: 1 },
              label: { formatter: text.trigger, position: 'insideEndTop', color: COLORS.trigger },
            },
          ],
        },
      },
    ],
  };
}
