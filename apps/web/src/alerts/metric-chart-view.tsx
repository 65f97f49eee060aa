/**
 * The triggering metric around the event, in the alert detail: the series from GET /api/telemetry/series drawn
 * with Apache ECharts (only the line chart, grid, tooltip, mark line and canvas renderer are bundled), the limit
 * and the trigger time marked, and a caption that says in words what the canvas shows.
 */
import type { AlertView, TelemetrySeries } from '@park/contracts';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerChartParts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/http';
import type { TelemetryApi } from '../api/telemetry-api';
import { describeError } from '../api/error-text';
import { formatDateTime, formatNumber, formatQuantity, formatTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { metricLabel } from './alert-text';
import { chartOption, chartWindow, intervalParts, seriesQuery, type ChartWindow } from './metric-chart';

// Tree-shaken ECharts: register only what this chart draws.
registerChartParts([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

type SeriesLoad =
  | { readonly state: 'loading'; readonly window: ChartWindow }
  | { readonly state: 'ready'; readonly window: ChartWindow; readonly series: TelemetrySeries }
  | { readonly state: 'error'; readonly window: ChartWindow; readonly error: unknown };

export function MetricChart({ alert, api }: { alert: AlertView; api: TelemetryApi }) {
  const { t, language } = useI18n();
  const { id, deviceId, metric, openedAt, lastSeenAt } = alert;
  const [load, setLoad] = useState<SeriesLoad>(() => ({
    state: 'loading',
    window: chartWindow({ openedAt }, Date.now()),
  }));

  // Fetched when the alert is opened and again when a new reading confirms it (the window may have grown).
  useEffect(() => {
    const window = chartWindow({ openedAt }, Date.now());
    const abort = new AbortController();
    setLoad({ state: 'loading', window });
    api.series(seriesQuery({ deviceId, metric }, window), abort.signal).then(
      (series) => setLoad({ state: 'ready', window, series }),
      (error: unknown) => {
        if (!abort.signal.aborted) setLoad({ state: 'error', window, error });
      },
    );
    return () => abort.abort();
  }, [id, deviceId, metric, openedAt, lastSeenAt, api]);

  const quantity = (value: number) => formatQuantity(value, alert.unit, language);
  const limitText = t('chart.limit', { value: quantity(alert.limit) });
  const triggerText = t('chart.trigger', { time: formatTime(openedAt) });
  const label = metricLabel(metric, language);
  const caption = t('chart.caption', {
    metric: label,
    from: formatDateTime(load.window.from),
    to: formatDateTime(load.window.to),
  });

  const series = load.state === 'ready' && load.series.points.length > 0 ? load.series : null;
  const option = useMemo(
    () =>
      series &&
      chartOption(
        series,
        { limit: alert.limit, openedAt },
        {
          seriesName: label,
          limit: limitText,
          trigger: triggerText,
          axisTime: (ms) => formatTime(ms).slice(0, 5),
          dateTime: formatDateTime,
          quantity: (value) => formatQuantity(value, alert.unit, language),
          number: (value) => formatNumber(value, language),
        },
      ),
    [series, alert.limit, alert.unit, openedAt, label, limitText, triggerText, language],
  );

  const canvasRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = canvasRef.current;
    if (!element || !option) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);

  let body;
  if (load.state === 'loading') {
    body = (
      <p className="state state--loading" role="status">
        {t('chart.loading')}
      </p>
    );
  } else if (load.state === 'error') {
    const notFound = load.error instanceof ApiError && load.error.status === 404;
    body = (
      <p className="state state--error" role="alert">
        {notFound
          ? t('chart.error', { message: t('chart.notFound') })
          : t('chart.error', { message: describeError(load.error, t) })}
      </p>
    );
  } else if (!series) {
    body = <p className="state state--empty">{t('chart.empty')}</p>;
  } else {
    body = (
      <div
        className="metric-chart__canvas"
        ref={canvasRef}
        role="img"
        aria-label={`${caption} · ${limitText} · ${triggerText}`}
      />
    );
  }

  let resolution: string | null = null;
  if (series) {
    const n = series.points.length;
    if (series.intervalMs === null) resolution = t('chart.raw', { n });
    else {
      const { key, n: count } = intervalParts(series.intervalMs);
      resolution = t('chart.mean', { interval: t(key, { n: count }), n });
    }
  }

  return (
    <section className="detail__section metric-chart" aria-labelledby="chart-heading">
      <h4 className="detail__section-title" id="chart-heading">
        {t('chart.heading')}
      </h4>
      <figure
        className="metric-chart__figure"
        data-chart-state={series ? 'drawn' : load.state === 'ready' ? 'empty' : load.state}
      >
        {body}
        <figcaption className="metric-chart__caption">
          <span>{caption}</span>
          <span className="metric-chart__limit">{limitText}</span>
          <span className="metric-chart__trigger">{triggerText}</span>
          {resolution && <span>{resolution}</span>}
        </figcaption>
      </figure>
    </section>
  );
}
