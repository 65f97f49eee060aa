/**
 * The device page's model: which window and resolution to ask GET /api/telemetry/series for (raw readings for
 * short windows, hourly means for days, daily means for months), what the answer's resolution is called, the
 * alert marks and maintenance areas that fall in the window, the limits of a metric, the live values merged from
 * `telemetry` events, and the ECharts option of one metric's chart with zoom. Pure module (no DOM, no ECharts
 * runtime: only its option types), so the Jest unit project covers it.
 */
import {
  DEVICE_KINDS,
  isDeviceKind,
  type AlertView,
  type DataQuality,
  type MaintenanceWindow,
  type MetricValue,
  type SeriesResolution,
  type TelemetrySeries,
  type TelemetryUpdate,
} from '@park/contracts';
import type { LineSeriesOption } from 'echarts/charts';
import type {
  DataZoomComponentOption,
  GridComponentOption,
  MarkAreaComponentOption,
  MarkLineComponentOption,
  MarkPointComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';

export type DeviceChartOption = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | MarkLineComponentOption
  | MarkPointComponentOption
  | MarkAreaComponentOption
  | DataZoomComponentOption
>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The window buttons, shortest first. */
export const WINDOW_PRESETS = ['1h', '6h', '24h', '7d', '30d', '90d', '365d'] as const;
export type WindowPreset = (typeof WINDOW_PRESETS)[number];

export const PRESET_MS: Readonly<Record<WindowPreset, number>> = {
  '1h': HOUR,
  '6h': 6 * HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
  '90d': 90 * DAY,
  '365d': 365 * DAY,
};

/** Raw readings up to this window; hourly means up to HOURLY_MAX_MS; daily means beyond. */
export const RAW_MAX_MS = 2 * DAY;
export const HOURLY_MAX_MS = 62 * DAY;
/** Most raw points to ask for: 2 days of 1-minute readings come back raw; denser ones as round means. */
export const RAW_POINTS = 2_000;
/** The shortest window a zoom may narrow to. */
export const MIN_WINDOW_MS = 10 * MINUTE;
/** The API's longest window (apps/api/src/telemetry/series-plan.ts MAX_RANGE_MS). */
export const MAX_WINDOW_MS = 400 * DAY;

export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/** The resolution that suits a window: raw readings for up to 2 days, hourly means up to 2 months, then days. */
export function resolutionFor(windowMs: number): SeriesResolution {
  if (windowMs <= RAW_MAX_MS) return 'raw';
  if (windowMs <= HOURLY_MAX_MS) return 'hour';
  return 'day';
}

/** The window of a preset ending now. */
export function presetWindow(preset: WindowPreset, now: number): TimeWindow {
  return { from: now - PRESET_MS[preset], to: now };
}

/**
 * The window a zoom shows, as a window to read at its own resolution: never shorter than MIN_WINDOW_MS, never
 * longer than the API allows, never past now.
 */
export function zoomedWindow(from: number, to: number, now: number): TimeWindow {
  const end = Math.min(Math.round(to), now);
  const span = Math.min(Math.max(end - Math.round(from), MIN_WINDOW_MS), MAX_WINDOW_MS);
  return { from: end - span, to: end };
}

/** The query string of GET /api/telemetry/series for one metric over the window, at the window's resolution. */
export function seriesQuery(deviceId: string, metric: string, window: TimeWindow): string {
  const resolution = resolutionFor(window.to - window.from);
  const bucket = resolution === 'hour' ? HOUR : DAY;
  // hour and day: one point per bucket, plus the one a window not aligned to the buckets touches.
  const points = resolution === 'raw' ? RAW_POINTS : Math.ceil((window.to - window.from) / bucket) + 1;
  return new URLSearchParams({
    deviceId,
    metric,
    from: String(Math.round(window.from)),
    to: String(Math.round(window.to)),
    points: String(Math.max(points, 10)),
    resolution,
  }).toString();
}

/** What the answer's points are, as a message key and the bucket width for `chart.mean`. */
export type ResolutionLabel =
  | { readonly key: 'device.resolution.raw' }
  | { readonly key: 'device.resolution.hour' }
  | { readonly key: 'device.resolution.day' }
  | { readonly key: 'device.resolution.mean'; readonly intervalMs: number };

export function resolutionLabel(series: Pick<TelemetrySeries, 'intervalMs' | 'source'>): ResolutionLabel {
  if (series.intervalMs === null) return { key: 'device.resolution.raw' };
  if (series.source === 'hourly' && series.intervalMs === HOUR) return { key: 'device.resolution.hour' };
  if (series.source === 'hourly' && series.intervalMs === DAY) return { key: 'device.resolution.day' };
  return { key: 'device.resolution.mean', intervalMs: series.intervalMs };
}

/** A marker of an alert on its metric's chart: where it opened, at the value that raised it. */
export interface AlertMark {
  readonly alertId: string;
  readonly ts: number;
  readonly value: number;
  readonly severity: AlertView['severity'];
  readonly level: number;
}

/** The device's alerts about `metric` that opened inside the window, oldest first. */
export function alertMarks(alerts: readonly AlertView[], metric: string, window: TimeWindow): AlertMark[] {
  return alerts
    .filter((a) => a.metric === metric && a.openedAt >= window.from && a.openedAt <= window.to)
    .sort((a, b) => a.openedAt - b.openedAt)
    .map((a) => ({ alertId: a.id, ts: a.openedAt, value: a.value, severity: a.severity, level: a.level }));
}

/** A maintenance window (检修) as a shaded span of the chart, cut to the chart's window. */
export interface MaintenanceArea {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

/** The maintenance windows that overlap the chart's window, each cut to it; an early end ends the span. */
export function maintenanceAreas(
  windows: readonly MaintenanceWindow[],
  window: TimeWindow,
): MaintenanceArea[] {
  return windows
    .map((w) => ({ id: w.id, start: w.startsAt, end: w.endedAt ?? w.endsAt, reason: w.reason }))
    .filter((w) => w.end > window.from && w.start < window.to && w.end > w.start)
    .sort((a, b) => a.start - b.start)
    .map((w) => ({
      id: w.id,
      from: Math.max(w.start, window.from),
      to: Math.min(w.end, window.to),
      reason: w.reason,
    }));
}

/** One limit drawn on a metric's chart, with where it comes from (a message key). */
export interface LimitLine {
  readonly value: number;
  readonly key:
    | 'device.limit.permit'
    | 'device.limit.high'
    | 'device.limit.highHigh'
    | 'device.limit.low'
    | 'device.limit.lowLow'
    | 'device.limit.level1'
    | 'device.limit.level2';
}

/** What the page knows of a device's settings (GET /api/devices/:id). */
export interface DeviceLimits {
  readonly permitLimits: Readonly<Record<string, number>> | null;
  readonly processLimits: Readonly<
    Record<
      string,
      {
        readonly high?: number | null;
        readonly highHigh?: number | null;
        readonly low?: number | null;
        readonly lowLow?: number | null;
      }
    >
  > | null;
}

/** A rule as GET /api/rules answers (admin and officer may read them). */
export interface RuleLimits {
  readonly kind: string;
  readonly deviceKind: string;
  readonly metric: string;
  readonly enabled: boolean;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * The limits of one metric: the device's own discharge-permit limit and process set points, then the alarm
 * levels of the enabled threshold rules of its kind (the park's defaults; rules are readable by admins and
 * officers, so other roles see the device's own limits only). Equal values are drawn once.
 */
export function limitLines(
  device: DeviceLimits,
  rules: readonly RuleLimits[],
  deviceKind: string,
  metric: string,
): LimitLine[] {
  const lines: LimitLine[] = [];
  const add = (value: unknown, key: LimitLine['key']) => {
    if (typeof value === 'number' && Number.isFinite(value) && !lines.some((l) => l.value === value))
      lines.push({ value, key });
  };
  add(device.permitLimits?.[metric], 'device.limit.permit');
  const process = device.processLimits?.[metric];
  add(process?.highHigh, 'device.limit.highHigh');
  add(process?.high, 'device.limit.high');
  add(process?.low, 'device.limit.low');
  add(process?.lowLow, 'device.limit.lowLow');
  for (const rule of rules) {
    if (
      !rule.enabled ||
      rule.kind !== 'threshold' ||
      rule.deviceKind !== deviceKind ||
      rule.metric !== metric
    )
      continue;
    add(rule.params.level1, 'device.limit.level1');
    add(rule.params.level2, 'device.limit.level2');
  }
  return lines;
}

/** The metrics a device of the kind measures, in the kind's order, with unit and label. */
export function metricsOf(
  kind: string,
): { metric: string; unit: string; label: { zh: string; en: string }; type: 'number' | 'boolean' }[] {
  if (!isDeviceKind(kind)) return [];
  const metrics = DEVICE_KINDS[kind].metrics as Readonly<
    Record<string, { unit: string; label: { zh: string; en: string }; type: 'number' | 'boolean' }>
  >;
  return Object.entries(metrics).map(([metric, spec]) => ({
    metric,
    unit: spec.unit,
    label: spec.label,
    type: spec.type,
  }));
}

/** A live value of one metric: from a `telemetry` event or the state the API answered, with its HJ 212 flag. */
export interface LiveValue {
  readonly value: MetricValue;
  readonly at: number;
  readonly quality: DataQuality | null;
}

/**
 * A `telemetry` event for this device merged into the live values: each metric it carries is newer unless the
 * shown value is from a later reading. A value's HJ 212 flag comes with it (`flags`; none: a normal measurement).
 */
export function withLiveValues(
  current: Readonly<Record<string, LiveValue>>,
  deviceId: string,
  update: TelemetryUpdate,
): Record<string, LiveValue> {
  const next: Record<string, LiveValue> = { ...current };
  if (update.deviceId !== deviceId) return next;
  for (const [metric, value] of Object.entries(update.values)) {
    const shown = current[metric];
    if (!shown || shown.at <= update.ts)
      next[metric] = { value, at: update.ts, quality: update.flags?.[metric] ?? null };
  }
  return next;
}

/**
 * A live reading appended to a raw series whose window reaches now, so the chart moves with the device; a
 * series of means (the bucket is not finished) or an older reading is left as it is.
 */
export function withLivePoint(series: TelemetrySeries, value: MetricValue, ts: number): TelemetrySeries {
  if (series.intervalMs !== null || ts < series.from) return series;
  const last = series.points[series.points.length - 1];
  if (last && last.ts >= ts) return series;
  const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
  if (!Number.isFinite(v)) return series;
  return { ...series, to: Math.max(series.to, ts), points: [...series.points, { ts, value: v }] };
}

export interface DeviceChartText {
  readonly seriesName: string;
  /** A value with its unit (`12.5 mg/m³`). */
  readonly quantity: (value: number) => string;
  /** A bare number for the value axis. */
  readonly number: (value: number) => string;
  /** Park-time label for the time axis, given the visible span. */
  readonly axisTime: (epochMs: number, spanMs: number) => string;
  /** Park-time date and time for the tooltip. */
  readonly dateTime: (epochMs: number) => string;
  /** A limit's label with its value and unit: `许可限值 100 mg/m³`. */
  readonly limit: (line: LimitLine) => string;
  /** An HJ 212 flag in words (`校准`). */
  readonly quality: (flag: DataQuality) => string;
  /** An alert marker's label (`二级告警`). */
  readonly alert: (mark: AlertMark) => string;
  /** A maintenance span's label (`检修：更换探头`). */
  readonly maintenance: (area: MaintenanceArea) => string;
}

/** A maintenance span narrower than this share of the chart is not labelled (its words would spill over). */
const MIN_LABELLED_SHARE = 0.1;

const COLORS = {
  line: '#1f7ae0',
  flagged: '#b54708',
  limit: '#d92d20',
  critical: '#d92d20',
  warning: '#dc6803',
  info: '#1f7ae0',
  maintenance: 'rgba(102, 112, 133, 0.16)',
  grid: '#eef1f4',
} as const;

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** Value-axis bounds that keep every point, limit and alert value in view, with 10 % headroom. */
export function valueBounds(values: readonly number[]): { min: number; max: number } {
  const all = values.filter(Number.isFinite);
  if (all.length === 0) return { min: 0, max: 1 };
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const pad = (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  return { min: lo >= 0 && lo - pad < 0 ? 0 : lo - pad, max: hi + pad };
}

/**
 * One metric's chart over the window: the series as a line (every point drawn as a dot when there are few, so a
 * single reading shows as a point, not an empty line), flagged readings in their own colour with the flag in the
 * tooltip and as a label, the limits as dashed lines, alerts as pins where they opened, maintenance windows as
 * shaded spans, and a zoom (wheel, drag, and the slider below) whose end the page turns into a new window.
 */
export function deviceChartOption(
  series: Pick<TelemetrySeries, 'from' | 'to' | 'points'>,
  marks: {
    readonly limits: readonly LimitLine[];
    readonly alerts: readonly AlertMark[];
    readonly maintenance: readonly MaintenanceArea[];
  },
  text: DeviceChartText,
): DeviceChartOption {
  const span = series.to - series.from;
  const bounds = valueBounds([
    ...series.points.map((p) => p.value),
    ...marks.limits.map((l) => l.value),
    ...marks.alerts.map((a) => a.value),
  ]);
  const qualityOf = new Map<number, DataQuality>(
    series.points.flatMap((p) => (p.quality ? [[p.ts, p.quality] as const] : [])),
  );
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 28, bottom: 64 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params[0] : params) as { value?: unknown } | undefined;
        const value = first?.value;
        if (!Array.isArray(value)) return '';
        const [ts, v] = value as [number, number];
        const flag = qualityOf.get(ts);
        const flagText = flag ? ` (${escapeHtml(text.quality(flag))})` : '';
        return `${escapeHtml(text.dateTime(ts))}<br/>${escapeHtml(text.seriesName)}: ${escapeHtml(text.quantity(v))}${flagText}`;
      },
    },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      {
        type: 'slider',
        xAxisIndex: 0,
        filterMode: 'none',
        height: 20,
        bottom: 8,
        labelFormatter: (value: number) => text.axisTime(value, span),
      },
    ],
    xAxis: {
      type: 'time',
      min: series.from,
      max: series.to,
      axisLabel: { formatter: (value: number) => text.axisTime(value, span), hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: {
      type: 'value',
      min: bounds.min,
      max: bounds.max,
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
        data: series.points.map((p) =>
          p.quality
            ? {
                value: [p.ts, p.value],
                symbol: 'diamond',
                symbolSize: 9,
                itemStyle: { color: COLORS.flagged },
                label: {
                  show: true,
                  formatter: text.quality(p.quality),
                  color: COLORS.flagged,
                  fontSize: 11,
                },
              }
            : { value: [p.ts, p.value] },
        ),
        showSymbol: series.points.length <= 60,
        showAllSymbol: true,
        symbolSize: 5,
        connectNulls: false,
        lineStyle: { width: 2, color: COLORS.line },
        itemStyle: { color: COLORS.line },
        markLine: {
          silent: true,
          symbol: 'none',
          animation: false,
          data: marks.limits.map((line) => ({
            yAxis: line.value,
            lineStyle: { color: COLORS.limit, type: 'dashed', width: 1.5 },
            label: { formatter: text.limit(line), position: 'insideEndTop', color: COLORS.limit },
          })),
        },
        markPoint: {
          animation: false,
          symbol: 'pin',
          symbolSize: 36,
          data: marks.alerts.map((mark) => ({
            coord: [mark.ts, mark.value],
            itemStyle: { color: COLORS[mark.severity] },
            label: { formatter: String(mark.level), color: '#ffffff' },
            name: text.alert(mark),
          })),
        },
        markArea: {
          silent: true,
          animation: false,
          itemStyle: { color: COLORS.maintenance },
          label: { position: 'insideTopLeft', color: '#475467', fontSize: 11 },
          // A span too narrow for its words is shaded without them (the caption and the list still name it).
          data: marks.maintenance.map((area) => [
            {
              xAxis: area.from,
              name: text.maintenance(area),
              label: { show: span > 0 && (area.to - area.from) / span >= MIN_LABELLED_SHARE },
            },
            { xAxis: area.to },
          ]),
        },
      },
    ],
  };
}
