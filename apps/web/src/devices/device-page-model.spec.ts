import type { AlertView, MaintenanceWindow, TelemetrySeries, TelemetryUpdate } from '@park/contracts';
import {
  alertMarks,
  deviceChartOption,
  limitLines,
  maintenanceAreas,
  metricsOf,
  presetWindow,
  resolutionFor,
  resolutionLabel,
  seriesQuery,
  withLivePoint,
  withLiveValues,
  zoomedWindow,
  type DeviceChartText,
} from './device-page-model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.parse('2025-11-27T09:30:00+08:00');

describe('device page: the resolution follows the window', () => {
  it('reads raw readings up to 2 days, hourly means up to 2 months, daily means beyond', () => {
    expect(resolutionFor(HOUR)).toBe('raw');
    expect(resolutionFor(2 * DAY)).toBe('raw');
    expect(resolutionFor(2 * DAY + 1)).toBe('hour');
    expect(resolutionFor(30 * DAY)).toBe('hour');
    expect(resolutionFor(62 * DAY)).toBe('hour');
    expect(resolutionFor(90 * DAY)).toBe('day');
    expect(resolutionFor(365 * DAY)).toBe('day');
  });

  it('asks the series API for the resolution, with enough points for every bucket', () => {
    const day = new URLSearchParams(seriesQuery('demo-cems-001', 'so2', presetWindow('24h', NOW)));
    expect(Object.fromEntries(day)).toEqual({
      deviceId: 'demo-cems-001',
      metric: 'so2',
      from: String(NOW - DAY),
      to: String(NOW),
      points: '2000',
      resolution: 'raw',
    });
    const week = new URLSearchParams(seriesQuery('demo-cems-001', 'so2', presetWindow('7d', NOW)));
    expect([week.get('resolution'), week.get('points')]).toEqual(['hour', String(7 * 24 + 1)]);
    const year = new URLSearchParams(seriesQuery('demo-cems-001', 'so2', presetWindow('365d', NOW)));
    expect([year.get('resolution'), year.get('points')]).toEqual(['day', '366']);
  });

  it('turns a zoom into a window of its own, at least 10 minutes, never past now', () => {
    expect(zoomedWindow(NOW - 3 * HOUR, NOW - HOUR, NOW)).toEqual({ from: NOW - 3 * HOUR, to: NOW - HOUR });
    expect(zoomedWindow(NOW - 2 * MINUTE, NOW, NOW)).toEqual({ from: NOW - 10 * MINUTE, to: NOW });
    expect(zoomedWindow(NOW - HOUR, NOW + HOUR, NOW)).toEqual({ from: NOW - HOUR, to: NOW });
    // Zooming a month down to a day moves from hourly means to raw readings.
    const zoomed = zoomedWindow(NOW - 5 * DAY, NOW - 4 * DAY, NOW);
    expect(resolutionFor(zoomed.to - zoomed.from)).toBe('raw');
  });

  it('names the answer’s resolution from what the API says it returned', () => {
    expect(resolutionLabel({ intervalMs: null, source: 'raw' })).toEqual({ key: 'device.resolution.raw' });
    expect(resolutionLabel({ intervalMs: HOUR, source: 'hourly' })).toEqual({
      key: 'device.resolution.hour',
    });
    expect(resolutionLabel({ intervalMs: DAY, source: 'hourly' })).toEqual({ key: 'device.resolution.day' });
    // Raw readings too dense for the chart come back as round means.
    expect(resolutionLabel({ intervalMs: 2 * MINUTE, source: 'raw' })).toEqual({
      key: 'device.resolution.mean',
      intervalMs: 2 * MINUTE,
    });
  });
});

describe('device page: marks on the chart', () => {
  const alert = (id: string, metric: string, openedAt: number, value: number): AlertView =>
    ({
      id,
      metric,
      openedAt,
      value,
      severity: 'critical',
      level: 2,
    }) as AlertView;
  const window = { from: NOW - DAY, to: NOW };

  it('pins the alerts of the metric that opened inside the window, oldest first', () => {
    const marks = alertMarks(
      [
        alert('a2', 'so2', NOW - HOUR, 210),
        alert('a1', 'so2', NOW - 5 * HOUR, 180),
        alert('old', 'so2', NOW - 2 * DAY, 300),
        alert('nox', 'nox', NOW - HOUR, 400),
      ],
      'so2',
      window,
    );
    expect(marks).toEqual([
      { alertId: 'a1', ts: NOW - 5 * HOUR, value: 180, severity: 'critical', level: 2 },
      { alertId: 'a2', ts: NOW - HOUR, value: 210, severity: 'critical', level: 2 },
    ]);
  });

  it('shades the maintenance windows that overlap the chart, cut to it, an early end ending the span', () => {
    const mw = (id: string, startsAt: number, endsAt: number, endedAt: number | null = null) =>
      ({ id, startsAt, endsAt, endedAt, reason: `检修 ${id}` }) as MaintenanceWindow;
    expect(
      maintenanceAreas(
        [
          mw('later', NOW - 2 * HOUR, NOW + 2 * HOUR),
          mw('early', NOW - 30 * HOUR, NOW - 20 * HOUR),
          mw('ended', NOW - 6 * HOUR, NOW - 2 * HOUR, NOW - 4 * HOUR),
          mw('before', NOW - 3 * DAY, NOW - 2 * DAY),
        ],
        window,
      ),
    ).toEqual([
      { id: 'early', from: NOW - DAY, to: NOW - 20 * HOUR, reason: '检修 early' },
      { id: 'ended', from: NOW - 6 * HOUR, to: NOW - 4 * HOUR, reason: '检修 ended' },
      { id: 'later', from: NOW - 2 * HOUR, to: NOW, reason: '检修 later' },
    ]);
  });

  it('draws the device’s own limits, then the alarm levels of its kind’s enabled threshold rules, once each', () => {
    const device = {
      permitLimits: { so2: 100 },
      processLimits: { temp: { high: 80, highHigh: 95, low: null } },
    };
    const rules = [
      {
        kind: 'threshold',
        deviceKind: 'combustible-gas',
        metric: 'lel',
        enabled: true,
        params: { level1: 25, level2: 50 },
      },
      {
        kind: 'threshold',
        deviceKind: 'combustible-gas',
        metric: 'lel',
        enabled: false,
        params: { level1: 10 },
      },
      { kind: 'threshold', deviceKind: 'stack-gas', metric: 'so2', enabled: true, params: { level1: 100 } },
    ];
    expect(limitLines(device, rules, 'stack-gas', 'so2')).toEqual([
      { value: 100, key: 'device.limit.permit' },
    ]);
    expect(limitLines(device, rules, 'stack-gas', 'temp')).toEqual([
      { value: 95, key: 'device.limit.highHigh' },
      { value: 80, key: 'device.limit.high' },
    ]);
    expect(limitLines({ permitLimits: null, processLimits: null }, rules, 'combustible-gas', 'lel')).toEqual([
      { value: 25, key: 'device.limit.level1' },
      { value: 50, key: 'device.limit.level2' },
    ]);
  });

  it('lists a kind’s metrics with unit and label in the kind’s order', () => {
    const metrics = metricsOf('combustible-gas');
    expect(metrics[0]).toEqual({
      metric: 'lel',
      unit: '%LEL',
      label: { zh: '可燃气体浓度', en: 'Combustible gas' },
      type: 'number',
    });
    expect(metricsOf('no-such-kind')).toEqual([]);
  });
});

describe('device page: live values', () => {
  const update = (
    ts: number,
    values: Record<string, number>,
    deviceId = 'gas-1',
    flags?: TelemetryUpdate['flags'],
  ): TelemetryUpdate => ({
    v: 1,
    deviceId,
    enterpriseId: 'ent-1',
    kind: 'combustible-gas',
    ts,
    values,
    units: { lel: '%LEL' },
    ...(flags ? { flags } : {}),
  });

  it('takes a value’s flag with it: a flagged reading shows its flag, a normal one shows none', () => {
    const shown = { lel: { value: 8, at: NOW - MINUTE, quality: null } };
    expect(withLiveValues(shown, 'gas-1', update(NOW, { lel: 0 }, 'gas-1', { lel: 'M' }))).toEqual({
      lel: { value: 0, at: NOW, quality: 'M' },
    });
  });

  it('takes a newer reading of this device, without a quality, and ignores other devices and older readings', () => {
    const shown = { lel: { value: 8, at: NOW - MINUTE, quality: 'C' as const } };
    expect(withLiveValues(shown, 'gas-1', update(NOW, { lel: 12 }))).toEqual({
      lel: { value: 12, at: NOW, quality: null },
    });
    expect(withLiveValues(shown, 'gas-1', update(NOW - 2 * MINUTE, { lel: 3 }))).toEqual(shown);
    expect(withLiveValues(shown, 'gas-1', update(NOW, { lel: 40 }, 'gas-2'))).toEqual(shown);
  });

  it('appends a live reading to a raw series, never to means or before the last point', () => {
    const raw: TelemetrySeries = {
      deviceId: 'gas-1',
      metric: 'lel',
      unit: '%LEL',
      label: { zh: '可燃气体浓度', en: 'Combustible gas' },
      type: 'number',
      from: NOW - HOUR,
      to: NOW,
      intervalMs: null,
      source: 'raw',
      points: [{ ts: NOW - MINUTE, value: 8 }],
    };
    expect(withLivePoint(raw, 12, NOW + 5_000).points).toEqual([
      { ts: NOW - MINUTE, value: 8 },
      { ts: NOW + 5_000, value: 12 },
    ]);
    expect(withLivePoint(raw, 12, NOW + 5_000).to).toBe(NOW + 5_000);
    expect(withLivePoint(raw, 12, NOW - 2 * MINUTE)).toBe(raw);
    expect(
      withLivePoint({ ...raw, intervalMs: HOUR, source: 'hourly' }, 12, NOW + 5_000).points,
    ).toHaveLength(1);
  });
});

describe('device page: the chart', () => {
  const text: DeviceChartText = {
    seriesName: '二氧化硫',
    quantity: (v) => `${v} mg/m³`,
    number: String,
    axisTime: (ms) => String(ms),
    dateTime: (ms) => String(ms),
    limit: (line) => `许可限值 ${line.value} mg/m³`,
    quality: (flag) => (flag === 'C' ? '校准' : flag),
    alert: (mark) => `${mark.level}级告警`,
    maintenance: (area) => `检修：${area.reason}`,
  };
  const series = {
    from: NOW - HOUR,
    to: NOW,
    points: [
      { ts: NOW - 30 * MINUTE, value: 80 },
      { ts: NOW - 20 * MINUTE, value: 0, quality: 'C' as const },
    ],
  };

  it('draws a single reading as a point, not an empty line', () => {
    const option = deviceChartOption(
      { ...series, points: [{ ts: NOW - MINUTE, value: 5 }] },
      { limits: [], alerts: [], maintenance: [] },
      text,
    );
    const line = (option.series as { showSymbol: boolean; data: unknown[] }[])[0];
    expect(line.showSymbol).toBe(true);
    expect(line.data).toEqual([{ value: [NOW - MINUTE, 5] }]);
  });

  it('marks a flagged reading with its flag in words, and draws limits, alert pins, maintenance and a zoom', () => {
    const option = deviceChartOption(
      series,
      {
        limits: [{ value: 100, key: 'device.limit.permit' }],
        alerts: [{ alertId: 'a1', ts: NOW - 30 * MINUTE, value: 80, severity: 'critical', level: 2 }],
        maintenance: [{ id: 'm1', from: NOW - 25 * MINUTE, to: NOW - 15 * MINUTE, reason: '更换探头' }],
      },
      text,
    );
    const line = (
      option.series as {
        data: { value: number[]; label?: { formatter: string } }[];
        markLine: { data: { yAxis: number; label: { formatter: string } }[] };
        markPoint: { data: { coord: number[]; name: string }[] };
        markArea: { data: [{ xAxis: number; name: string }, { xAxis: number }][] };
      }[]
    )[0];
    expect(line.data[1].label?.formatter).toBe('校准');
    expect(line.markLine.data.map((d) => [d.yAxis, d.label.formatter])).toEqual([
      [100, '许可限值 100 mg/m³'],
    ]);
    expect(line.markPoint.data).toEqual([
      expect.objectContaining({ coord: [NOW - 30 * MINUTE, 80], name: '2级告警' }),
    ]);
    expect(line.markArea.data).toEqual([
      [
        { xAxis: NOW - 25 * MINUTE, name: '检修：更换探头', label: { show: true } },
        { xAxis: NOW - 15 * MINUTE },
      ],
    ]);
    // A sliver of a span (a window that started a minute ago on a 1-hour chart) is shaded without its words.
    const sliver = deviceChartOption(
      series,
      { limits: [], alerts: [], maintenance: [{ id: 'm2', from: NOW - MINUTE, to: NOW, reason: '校准' }] },
      text,
    );
    const [sliverLine] = sliver.series as { markArea: { data: [{ label: { show: boolean } }][] } }[];
    expect(sliverLine.markArea.data[0][0].label.show).toBe(false);
    expect((option.dataZoom as { type: string }[]).map((z) => z.type)).toEqual(['inside', 'slider']);
    // The value axis keeps the limit in view above the data.
    expect((option.yAxis as { max: number }).max).toBeGreaterThan(100);
  });
});
