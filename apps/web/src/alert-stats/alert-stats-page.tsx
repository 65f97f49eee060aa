/**
 * 报警统计 — alarm statistics and the searchable alert history (GET /api/alerts/statistics, /history and
 * /export.xlsx; docs/alerts.md "Statistics" defines every figure): a date range in park time (the last 30 days by
 * default) and filters, KPI tiles with response times in minutes or hours, alerts per day, by kind and by
 * enterprise, the repeat offenders, the history page by page, and the Excel export of the same search. Park roles
 * pick any enterprise; an energy manager sees their own (the API confines them).
 */
import { ALERT_SEVERITIES, ALERT_STATUSES, type AlertSeverity, type AlertStatus } from '@park/contracts';
import { RULE_KINDS } from '@park/rules-engine';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerChartParts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { describeError } from '../api/error-text';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../plan/use-load';
import { Pager } from '../records/records-ui';
import type { Session } from '../session/session';
import {
  AlertStatsApi,
  type AlertPage,
  type AlertStatistics,
  type EnterpriseOption,
  type RuleKindName,
} from './alert-stats-api';
import {
  byEnterpriseChartOption,
  byKindChartOption,
  formatWait,
  lastDays,
  perDayChartOption,
  rangeWindow,
  searchQuery,
  type AlertSearch,
  type ChartText,
} from './alert-stats-model';
import '../records/records.css';
import './alert-stats.css';

// Tree-shaken ECharts: bars only.
registerChartParts([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const DEFAULT_DAYS = 30;
const PAGE_SIZE = 20;

export function AlertStatsPage(props: {
  session: Session;
  onNavigate: (path: string) => void;
  onUnauthorized: () => void;
}) {
  const { session, onUnauthorized } = props;
  const { t, language } = useI18n();
  const api = useMemo(
    () => new AlertStatsApi(session.token, onUnauthorized),
    [session.token, onUnauthorized],
  );
  const isManager = session.user.role === 'energy-manager';

  const loadEnterprises = useCallback(
    (signal: AbortSignal): Promise<EnterpriseOption[]> =>
      isManager ? Promise.resolve([]) : api.enterprises(signal),
    [api, isManager],
  );
  const [enterprises] = useLoad(loadEnterprises);

  const [search, setSearch] = useState<AlertSearch>(() => ({
    range: lastDays(DEFAULT_DAYS, Date.now()),
    enterprise: '',
    kind: '',
    severity: '',
    status: '',
  }));
  const [page, setPage] = useState(1);
  const change = (next: Partial<AlertSearch>) => {
    setSearch((s) => ({ ...s, ...next }));
    setPage(1);
  };
  // A new query (and with it a new load) only when the search changes.
  const query = useMemo(() => searchQuery(search), [search]);

  const loadStatistics = useCallback(
    (signal: AbortSignal): Promise<AlertStatistics | null> =>
      query ? api.statistics(query, signal) : Promise.resolve(null),
    [api, query],
  );
  const [statistics, retry] = useLoad(loadStatistics);
  const loadHistory = useCallback(
    (signal: AbortSignal): Promise<AlertPage | null> =>
      query ? api.history(query, page, PAGE_SIZE, signal) : Promise.resolve(null),
    [api, query, page],
  );
  const [history] = useLoad(loadHistory);

  const [exportState, setExportState] = useState<{ busy: boolean; error: string | null }>({
    busy: false,
    error: null,
  });
  const download = async () => {
    if (!query) return;
    setExportState({ busy: true, error: null });
    try {
      const file = await api.exportXlsx(query);
      const url = URL.createObjectURL(file.blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = file.filename;
      anchor.click();
      URL.revokeObjectURL(url);
      setExportState({ busy: false, error: null });
    } catch (error) {
      setExportState({
        busy: false,
        error: t('alertStats.exportError', { message: describeError(error, t) }),
      });
    }
  };

  const span = rangeWindow(search.range);
  let body;
  if (!query) {
    body = (
      <p className="state state--error" role="alert">
        {t('alertStats.badRange')}
      </p>
    );
  } else if (statistics.state === 'loading') {
    body = (
      <p className="state state--loading" role="status">
        {t('alertStats.loading')}
      </p>
    );
  } else if (statistics.state === 'error') {
    body = (
      <div className="state state--error" role="alert">
        <p>{t('alertStats.loadError', { message: describeError(statistics.error, t) })}</p>
        <button type="button" className="button" onClick={retry}>
          {t('alertStats.retry')}
        </button>
      </div>
    );
  } else if (statistics.data) {
    body = <StatisticsReport stats={statistics.data} showEnterprises={!isManager} />;
  }

  return (
    <div className="alert-stats">
      <div className="alert-stats__header">
        <div>
          <h1 className="alert-stats__title">{t('alertStats.heading')}</h1>
          <p className="alert-stats__subtitle">{t('alertStats.subtitle')}</p>
        </div>
        <button
          type="button"
          className="button button--primary"
          data-testid="alert-stats-export"
          disabled={!query || exportState.busy}
          onClick={() => void download()}
        >
          {exportState.busy ? t('alertStats.exporting') : t('alertStats.export')}
        </button>
      </div>

      <form
        className="alert-stats__filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('alertStats.filters')}
      >
        <label className="alert-stats__field">
          <span>{t('alertStats.first')}</span>
          <input
            className="input input--compact"
            type="date"
            name="first"
            value={search.range.first}
            max={search.range.last}
            onChange={(e) => change({ range: { ...search.range, first: e.target.value } })}
          />
        </label>
        <label className="alert-stats__field">
          <span>{t('alertStats.last')}</span>
          <input
            className="input input--compact"
            type="date"
            name="last"
            value={search.range.last}
            min={search.range.first}
            onChange={(e) => change({ range: { ...search.range, last: e.target.value } })}
          />
        </label>
        {!isManager && (
          <label className="alert-stats__field">
            <span>{t('alertStats.enterprise')}</span>
            <select
              className="input input--compact"
              name="enterprise"
              value={search.enterprise}
              disabled={enterprises.state !== 'ready'}
              onChange={(e) => change({ enterprise: e.target.value })}
            >
              <option value="">{t('alertStats.allEnterprises')}</option>
              {enterprises.state === 'ready' &&
                enterprises.data.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <label className="alert-stats__field">
          <span>{t('alertStats.kind')}</span>
          <select
            className="input input--compact"
            name="kind"
            value={search.kind}
            onChange={(e) => change({ kind: e.target.value as RuleKindName | '' })}
          >
            <option value="">{t('alertStats.allKinds')}</option>
            {RULE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`rules.kind.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="alert-stats__field">
          <span>{t('filter.severity')}</span>
          <select
            className="input input--compact"
            name="severity"
            value={search.severity}
            onChange={(e) => change({ severity: e.target.value as AlertSeverity | '' })}
          >
            <option value="">{t('filter.allSeverities')}</option>
            {[...ALERT_SEVERITIES].reverse().map((severity) => (
              <option key={severity} value={severity}>
                {t(`severity.${severity}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="alert-stats__field">
          <span>{t('filter.status')}</span>
          <select
            className="input input--compact"
            name="status"
            value={search.status}
            onChange={(e) => change({ status: e.target.value as AlertStatus | '' })}
          >
            <option value="">{t('filter.allStatuses')}</option>
            {ALERT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {span && (
        <p className="alert-stats__window">
          {t('alertStats.window', { from: formatDateTime(span.from), to: formatDateTime(span.to) })}
        </p>
      )}
      {exportState.error && (
        <p className="state state--error" role="alert">
          {exportState.error}
        </p>
      )}

      {body}

      <section className="alert-stats__panel" aria-labelledby="alert-history-heading">
        <h2 id="alert-history-heading">{t('alertStats.history.heading')}</h2>
        {history.state === 'error' && (
          <p className="state state--error" role="alert">
            {t('alertStats.loadError', { message: describeError(history.error, t) })}
          </p>
        )}
        {history.state === 'ready' && history.data && (
          <>
            <div className="table-wrap">
              <table className="alert-stats__table" data-testid="alert-history">
                <thead>
                  <tr>
                    <th>{t('alertStats.col.openedAt')}</th>
                    <th>{t('alertStats.col.alert')}</th>
                    <th>{t('alertStats.col.severity')}</th>
                    <th>{t('alertStats.col.enterprise')}</th>
                    <th>{t('alertStats.col.device')}</th>
                    <th>{t('alertStats.col.status')}</th>
                    <th>{t('alertStats.col.toAcknowledge')}</th>
                    <th>{t('alertStats.col.toResolve')}</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.items.map((alert) => (
                    <tr key={alert.id} data-alert={alert.id}>
                      <td>{formatDateTime(alert.openedAt)}</td>
                      <td>
                        <a
                          href={`/alerts/${encodeURIComponent(alert.id)}`}
                          onClick={(e) => {
                            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                            e.preventDefault();
                            props.onNavigate(`/alerts/${encodeURIComponent(alert.id)}`);
                          }}
                        >
                          {language === 'zh-CN' ? alert.ruleName.zh : alert.ruleName.en}
                        </a>
                      </td>
                      <td>
                        <span className={`alert-stats__severity alert-stats__severity--${alert.severity}`}>
                          {t(`severity.${alert.severity}`)}
                        </span>
                      </td>
                      <td>{alert.enterpriseName}</td>
                      <td>{alert.deviceName}</td>
                      <td>{t(`status.${alert.status}`)}</td>
                      <td className="num">
                        {alert.acknowledgedAt === null
                          ? '—'
                          : formatWait((alert.acknowledgedAt - alert.openedAt) / 1000, language)}
                      </td>
                      <td className="num">
                        {alert.resolvedAt === null
                          ? '—'
                          : formatWait((alert.resolvedAt - alert.openedAt) / 1000, language)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {history.data.total === 0 ? (
              <p className="state state--empty">{t('alertStats.history.empty')}</p>
            ) : (
              <Pager
                page={history.data.page}
                pageSize={history.data.pageSize}
                total={history.data.total}
                label="alertStats.history.pageOf"
                onPage={setPage}
              />
            )}
          </>
        )}
        {history.state === 'loading' && (
          <p className="state state--loading" role="status">
            {t('alertStats.loading')}
          </p>
        )}
      </section>
    </div>
  );
}

function StatisticsReport({ stats, showEnterprises }: { stats: AlertStatistics; showEnterprises: boolean }) {
  const { t, language } = useI18n();
  const alerts = (n: number) => t('alertStats.alerts', { n: formatNumber(n, language) });
  const [perDay, byKind, byEnterprise] = useMemo(() => {
    const text: ChartText = {
      severity: (s) => t(`severity.${s}`),
      kind: (kind) => (isRuleKind(kind) ? t(`rules.kind.${kind}`) : kind),
      alerts: (n) => t('alertStats.alerts', { n: formatNumber(n, language) }),
    };
    return [
      perDayChartOption(stats, text),
      byKindChartOption(stats, text),
      byEnterpriseChartOption(stats, text),
    ];
  }, [stats, t, language]);
  const open = stats.byStatus.find((s) => s.status === 'open')?.count ?? 0;
  const waits = (key: 'acknowledge' | 'resolve') => {
    const w = stats[key];
    return w.count === 0
      ? t('alertStats.kpi.noneYet')
      : t('alertStats.kpi.waitNote', {
          median: formatWait(w.medianSeconds, language),
          p90: formatWait(w.p90Seconds, language),
          n: formatNumber(w.count, language),
        });
  };

  return (
    <>
      <section className="alert-stats__kpis" aria-label={t('alertStats.kpis')}>
        <Kpi label={t('alertStats.kpi.total')} value={alerts(stats.total)} testId="kpi-total" />
        <Kpi label={t('alertStats.kpi.open')} value={alerts(open)} testId="kpi-open" />
        <Kpi
          label={t('alertStats.kpi.acknowledge')}
          value={formatWait(stats.acknowledge.meanSeconds, language)}
          note={waits('acknowledge')}
          testId="kpi-acknowledge"
        />
        <Kpi
          label={t('alertStats.kpi.resolve')}
          value={formatWait(stats.resolve.meanSeconds, language)}
          note={waits('resolve')}
          testId="kpi-resolve"
        />
        <Kpi
          label={t('alertStats.kpi.repeat')}
          value={t('alertStats.subjects', { n: formatNumber(stats.repeatOffenders.length, language) })}
          note={t('alertStats.kpi.repeatNote', { n: stats.repeatThreshold })}
          testId="kpi-repeat"
        />
      </section>

      {stats.total === 0 ? (
        <p className="state state--empty">{t('alertStats.empty')}</p>
      ) : (
        <div className="alert-stats__grid">
          <section className="alert-stats__panel alert-stats__panel--wide">
            <h2>{t('alertStats.perDay')}</h2>
            <Chart option={perDay} label={t('alertStats.perDay')} />
          </section>
          <section className="alert-stats__panel">
            <h2>{t('alertStats.byKind')}</h2>
            <Chart option={byKind} label={t('alertStats.byKind')} />
          </section>
          {showEnterprises && (
            <section className="alert-stats__panel">
              <h2>{t('alertStats.byEnterprise')}</h2>
              <Chart option={byEnterprise} label={t('alertStats.byEnterprise')} />
            </section>
          )}
        </div>
      )}

      <section className="alert-stats__panel" aria-labelledby="repeat-offenders-heading">
        <h2 id="repeat-offenders-heading">{t('alertStats.repeat.heading', { n: stats.repeatThreshold })}</h2>
        {stats.repeatOffenders.length === 0 ? (
          <p className="state state--empty">{t('alertStats.repeat.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="alert-stats__table" data-testid="repeat-offenders">
              <thead>
                <tr>
                  <th>{t('alertStats.col.subject')}</th>
                  <th>{t('alertStats.col.enterprise')}</th>
                  <th>{t('alertStats.col.location')}</th>
                  <th className="num">{t('alertStats.col.count')}</th>
                  <th>{t('alertStats.col.lastAlert')}</th>
                  <th>{t('alertStats.col.lastAt')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.repeatOffenders.map((o) => (
                  <tr key={`${o.subjectType}:${o.enterpriseId}:${o.subjectId}`} data-subject={o.subjectId}>
                    <td>{o.subjectName}</td>
                    <td>{o.enterpriseName}</td>
                    <td>{o.location ?? '—'}</td>
                    <td className="num">{alerts(o.alerts)}</td>
                    <td>{language === 'zh-CN' ? o.lastRuleName.zh : o.lastRuleName.en}</td>
                    <td>{formatDateTime(o.lastOpenedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function isRuleKind(kind: string): kind is (typeof RULE_KINDS)[number] {
  return (RULE_KINDS as readonly string[]).includes(kind);
}

function Kpi(props: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="alert-stats__kpi" data-testid={props.testId}>
      <span className="alert-stats__kpi-label">{props.label}</span>
      <strong className="alert-stats__kpi-value">{props.value}</strong>
      {props.note && <span className="alert-stats__kpi-note">{props.note}</span>}
    </div>
  );
}

function Chart({ option, label }: { option: EChartsCoreOption; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'canvas' });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div className="alert-stats__chart" ref={ref} role="img" aria-label={label} />;
}
