/**
 * The energy page's pure parts: the range presets in park time (Asia/Shanghai, UTC+8 all year), the 峰/平/谷
 * shares, and the ECharts options of its two charts. Pure module (no DOM), unit-tested.
 */
import { formatAxisTime } from '../i18n/format';
import type { EnergySummary } from './energy-api';

export const PRESETS = ['today', '7d', 'month', 'year'] as const;
export type Preset = (typeof PRESETS)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const OFFSET = 8 * HOUR;

/** The window of a preset at `now`: from the start of the park-time day/month/year to the next midnight. */
export function presetWindow(preset: Preset, now: number): { from: number; to: number } {
  const local = new Date(now + OFFSET);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - OFFSET;
  const to = midnight + DAY;
  switch (preset) {
    case 'today':
      return { from: midnight, to };
    case '7d':
      return { from: midnight - 6 * DAY, to };
    case 'month':
      return { from: Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - OFFSET, to };
    case 'year':
      return { from: Date.UTC(local.getUTCFullYear(), 0, 1) - OFFSET, to };
  }
}

/** The longest window the energy API answers (apps/api/src/energy/energy-plan.ts MAX_RANGE_DAYS). */
export const MAX_RANGE_DAYS = 400;

/** `YYYY-MM-DD` of the park-time day holding `ts` (a date input's value). */
export function parkDate(ts: number): string {
  return new Date(ts + OFFSET).toISOString().slice(0, 10);
}

/**
 * A custom range of whole park-time days, both named days included: from the first day's midnight to the
 * midnight after the last. Null when a date is unreadable, the last is before the first, or the range is longer
 * than the API answers.
 */
export function customWindow(firstDay: string, lastDay: string): { from: number; to: number } | null {
  const midnight = (day: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00+08:00`) : Number.NaN;
  const from = midnight(firstDay);
  const to = midnight(lastDay) + DAY;
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return null;
  if (to - from > MAX_RANGE_DAYS * DAY) return null;
  return { from, to };
}

/** Each band's share of the total, %; zeros when nothing was used. */
export function touShares(tou: { peak: number; flat: number; valley: number }): {
  peak: number;
  flat: number;
  valley: number;
} {
  const total = tou.peak + tou.flat + tou.valley;
  if (total <= 0) return { peak: 0, flat: 0, valley: 0 };
  const pct = (v: number) => Math.round((v / total) * 1000) / 10;
  return { peak: pct(tou.peak), flat: pct(tou.flat), valley: pct(tou.valley) };
}

export interface ChartText {
  readonly peak: string;
  readonly flat: string;
  readonly valley: string;
  readonly kwh: (value: number) => string;
  readonly kw: (value: number) => string;
  readonly load: string;
}

const COLORS = { peak: '#d92d20', flat: '#f79009', valley: '#1570ef', load: '#0b3a5b' };

/** Daily kWh as bars stacked 峰/平/谷 (so the split of each day shows too). */
export function dailyChartOption(summary: EnergySummary, text: ChartText) {
  const bar = (band: 'peak' | 'flat' | 'valley') => ({
    name: text[band],
    type: 'bar' as const,
    stack: 'kwh',
    itemStyle: { color: COLORS[band] },
    data: summary.daily.map((d) => d[band]),
  });
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 32, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => text.kwh(Number(v)) },
    xAxis: { type: 'category' as const, data: summary.daily.map((d) => d.date.slice(5)) },
    yAxis: { type: 'value' as const, name: 'kWh', axisLabel: { formatter: (v: number) => String(v) } },
    series: [bar('peak'), bar('flat'), bar('valley')],
  };
}

/** The enterprise's summed load (kW) over the window; the time axis in park time, its labels never overlapping. */
export function loadChartOption(summary: EnergySummary, text: ChartText) {
  const span = summary.load.length > 1 ? summary.load[summary.load.length - 1].ts - summary.load[0].ts : 0;
  return {
    animation: false,
    grid: { left: 64, right: 16, top: 24, bottom: 28 },
    tooltip: {
      trigger: 'axis' as const,
      valueFormatter: (v: unknown) => text.kw(Number(v)),
    },
    xAxis: {
      type: 'time' as const,
      axisLabel: { formatter: (ms: number) => formatAxisTime(ms, span), hideOverlap: true },
    },
    yAxis: { type: 'value' as const, name: 'kW' },
    series: [
      {
        name: text.load,
        type: 'line' as const,
        showSymbol: false,
        step: 'start' as const,
        lineStyle: { color: COLORS.load, width: 1.5 },
        itemStyle: { color: COLORS.load },
        data: summary.load.map((p) => [p.ts, p.kw]),
      },
    ],
  };
}
