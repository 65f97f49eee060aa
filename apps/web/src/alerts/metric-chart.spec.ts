import type { TelemetrySeries } from '@park/contracts';
import { formatDateTime, formatQuantity } from '../i18n/format';
import {
  CHART_MARGIN_MS,
  chartOption,
  chartWindow,
  intervalParts,
  isChartable,
  seriesQuery,
  valueBounds,
  type ChartText,
} from './metric-chart';

const OPENED = Date.UTC(2025, 10, 27, 1, 30, 5); // 09:30:05 in the park
const MIN = 60_000;

const text: ChartText = {
  seriesName: '可燃气体浓度',
  limit: '限值 50 %LEL',
  trigger: '触发 09:30:05',
  axisTime: (ms) => formatDateTime(ms).slice(11, 16),
  dateTime: formatDateTime,
  quantity: (v) => formatQuantity(v, '%LEL', 'zh-CN'),
  number: String,
};

const series = (points: { ts: number; value: number }[]): TelemetrySeries => ({
  deviceId: 'demo-gas-001',
  metric: 'lel',
  unit: '%LEL',
  label: { zh: '可燃气体浓度', en: 'Combustible gas' },
  type: 'number',
  from: OPENED - 30 * MIN,
  to: OPENED + 30 * MIN,
  intervalMs: null,
  source: 'raw',
  points,
});

describe('metric chart', () => {
  it('charts from 30 min before the alert opened to 30 min after, or to now when that is sooner', () => {
    expect(chartWindow({ openedAt: OPENED }, OPENED + 3 * 3_600_000)).toEqual({
      from: OPENED - CHART_MARGIN_MS,
      to: OPENED + CHART_MARGIN_MS,
    });
    expect(chartWindow({ openedAt: OPENED }, OPENED + 5 * MIN)).toEqual({
      from: OPENED - 30 * MIN,
      to: OPENED + 5 * MIN,
    });
    // A browser clock behind the server's still charts up to the trigger.
    expect(chartWindow({ openedAt: OPENED }, OPENED - MIN).to).toBe(OPENED);
  });

  it('asks the series API for the device, metric and window, at most 400 points', () => {
    const q = new URLSearchParams(
      seriesQuery({ deviceId: 'demo-gas-001', metric: 'lel' }, { from: 1000, to: 2000 }),
    );
    expect(Object.fromEntries(q)).toEqual({
      deviceId: 'demo-gas-001',
      metric: 'lel',
      from: '1000',
      to: '2000',
      points: '400',
    });
    expect(isChartable({ deviceId: 'demo-gas-001', metric: 'lel' })).toBe(true);
    expect(isChartable({ deviceId: '', metric: 'kw' })).toBe(false);
  });

  it('names a bucket width in its largest whole unit', () => {
    expect(intervalParts(15_000)).toEqual({ key: 'chart.seconds', n: 15 });
    expect(intervalParts(10 * MIN)).toEqual({ key: 'chart.minutes', n: 10 });
    expect(intervalParts(6 * 60 * MIN)).toEqual({ key: 'chart.hours', n: 6 });
    expect(intervalParts(2 * 24 * 60 * MIN)).toEqual({ key: 'chart.days', n: 2 });
  });

  it('keeps the limit in view even when every reading is below it', () => {
    expect(valueBounds([10, 20], 50)).toEqual({ min: 6, max: 54 });
    expect(valueBounds([], 50)).toEqual({ min: 45, max: 55 });
    expect(valueBounds([-5, 5], 0)).toEqual({ min: -6, max: 6 });
    expect(valueBounds([0, 0], 0)).toEqual({ min: 0, max: 1 });
  });

  it('draws the series over the window with the limit and the trigger marked', () => {
    const option = chartOption(
      series([
        { ts: OPENED - MIN, value: 12 },
        { ts: OPENED, value: 55 },
      ]),
      { limit: 50, openedAt: OPENED },
      text,
    );
    expect(option.xAxis).toMatchObject({ type: 'time', min: OPENED - 30 * MIN, max: OPENED + 30 * MIN });
    const [line] = option.series as [
      { data: number[][]; markLine: { data: Record<string, unknown>[] }; showSymbol: boolean },
    ];
    expect(line.data).toEqual([
      [OPENED - MIN, 12],
      [OPENED, 55],
    ]);
    expect(line.showSymbol).toBe(true);
    const [limit, trigger] = line.markLine.data;
    expect(line.markLine.data).toHaveLength(2);
    expect(limit).toMatchObject({ yAxis: 50, label: { formatter: '限值 50 %LEL' } });
    expect(trigger).toMatchObject({ xAxis: OPENED, label: { formatter: '触发 09:30:05' } });
    // 12…55 with 10 % headroom each side.
    const yAxis = option.yAxis as { min: number; max: number };
    expect(yAxis.min).toBeCloseTo(7.7);
    expect(yAxis.max).toBeCloseTo(59.3);
  });

  it('shows park time on the axis and in the tooltip, whatever the browser zone', () => {
    const option = chartOption(series([{ ts: OPENED, value: 55 }]), { limit: 50, openedAt: OPENED }, text);
    const axis = option.xAxis as { axisLabel: { formatter: (v: number) => string } };
    expect(axis.axisLabel.formatter(OPENED)).toBe('09:30');
    const tooltip = option.tooltip as { formatter: (p: unknown) => string };
    expect(tooltip.formatter([{ value: [OPENED, 55] }])).toBe(
      '2025-11-27 09:30:05<br/>可燃气体浓度: 55 %LEL',
    );
  });
});
