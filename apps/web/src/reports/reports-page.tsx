/**
 * 报表 — the generated reports (排放日报/月报, 能耗月报, 告警月报, 园区月度运行报告) with who generated each and
 * when, their Excel and PDF files, and a form to generate one now: kind, period (a month, or a day for an emission
 * report) and scope (an outlet, an enterprise or the whole park; the park report is always the park's). An energy
 * manager generates and sees only their own enterprise's energy and alarm reports. The API is apps/api/src/reports
 * (docs/reports.md).
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { LoadStates, useApiErrorText } from '../admin/admin-ui';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import type { Session } from '../session/session';
import {
  ReportsApi,
  type EnterpriseOption,
  type GenerateReportBody,
  type OutletOption,
  type ReportView,
} from './reports-api';
import { defaultDay, defaultMonth, linkedPeriod, periodParts, recentMonths } from './report-periods';
import '../admin/admin-devices.css';
import './reports-page.css';

type Kind = GenerateReportBody['kind'];
/** What each role may generate, in the order the form lists them. */
const PARK_KINDS: readonly Kind[] = ['emission', 'energy', 'alarms', 'park'];
const MANAGER_KINDS: readonly Kind[] = ['energy', 'alarms'];
const KIND_LABEL: Readonly<Record<Kind, MessageKey>> = {
  emission: 'reports.kind.emission',
  energy: 'reports.kind.energy',
  alarms: 'reports.kind.alarms',
  park: 'reports.kind.park',
};

const STATUS_LABEL: Readonly<Record<ReportView['status'], MessageKey>> = {
  generating: 'reports.status.generating',
  ready: 'reports.status.ready',
  failed: 'reports.status.failed',
};
type Granularity = 'month' | 'day';

interface Options {
  readonly outlets: readonly OutletOption[];
  readonly enterprises: readonly EnterpriseOption[];
}

export function ReportsPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t } = useI18n();
  const errorText = useApiErrorText('reports.apiError');
  const manager = session.user.role === 'energy-manager';
  const api = useMemo(() => new ReportsApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  // A link may name a period (the monthly reports notice links `/reports?period=YYYY-MM`): the list opens on it.
  const [shownPeriod, setShownPeriod] = useState<string | null>(() => linkedPeriod(window.location.search));
  const loadReports = useCallback((signal: AbortSignal) => api.list(shownPeriod, signal), [api, shownPeriod]);
  const [reports, reloadReports] = useLoad(loadReports);
  const loadOptions = useCallback(
    async (signal: AbortSignal): Promise<Options> =>
      manager
        ? { outlets: [], enterprises: [] }
        : { outlets: await api.outlets(signal), enterprises: await api.enterprises(signal) },
    [api, manager],
  );
  const [options] = useLoad(loadOptions);

  const [kind, setKind] = useState<Kind>(manager ? 'energy' : 'emission');
  const [granularity, setGranularity] = useState<Granularity>('month');
  const [month, setMonth] = useState(() => defaultMonth(Date.now()));
  const [day, setDay] = useState(() => defaultDay(Date.now()));
  const [outlet, setOutlet] = useState('');
  const [scope, setScope] = useState(manager ? (session.user.enterpriseId ?? '') : 'park');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const periodText = (period: string) => {
    const parts = periodParts(period);
    const { year, month: m } = parts;
    return parts.day
      ? t('reports.periodDay', { year, month: m, day: parts.day })
      : t('reports.periodMonth', { year, month: m });
  };

  async function generate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (kind === 'emission' && !outlet) {
      setMessage({ error: true, text: t('reports.form.noOutlet') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const report = await api.generate({
        kind,
        period: kind === 'emission' && granularity === 'day' ? day : month,
        scope: kind === 'emission' ? outlet : kind === 'park' ? 'park' : scope,
      });
      setMessage(
        report.status === 'ready'
          ? { error: false, text: t('reports.generated', { title: report.title }) }
          : { error: true, text: t('reports.generateFailed', { message: report.error ?? '' }) },
      );
      reloadReports();
    } catch (error) {
      setMessage({ error: true, text: t('reports.generateFailed', { message: errorText(error) }) });
    } finally {
      setBusy(false);
    }
  }

  const [downloadError, setDownloadError] = useState<string | null>(null);
  async function download(report: ReportView, format: 'xlsx' | 'pdf') {
    setDownloadError(null);
    try {
      const file = await api.file(report, format);
      const url = URL.createObjectURL(file.blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = file.filename;
      anchor.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      setDownloadError(t('reports.downloadError', { message: errorText(error) }));
    }
  }

  const kb = (bytes: number | null) => (bytes === null ? '—' : String(Math.max(1, Math.round(bytes / 1024))));

  return (
    <div className="devices reports">
      <div className="devices__header">
        <div>
          <h1 className="devices__title">{t('reports.heading')}</h1>
          <p className="devices__subtitle">{t('reports.subtitle')}</p>
        </div>
      </div>

      <section className="devices__provision" aria-labelledby="report-generate-heading">
        <h2 id="report-generate-heading" className="devices__section-title">
          {t('reports.form.heading')}
        </h2>
        <form className="reports__form" onSubmit={(e) => void generate(e)} noValidate>
          <label className="field">
            <span className="field__label">{t('reports.form.kind')}</span>
            <select
              className="input"
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value as Kind)}
            >
              {(manager ? MANAGER_KINDS : PARK_KINDS).map((k) => (
                <option key={k} value={k}>
                  {t(KIND_LABEL[k])}
                </option>
              ))}
            </select>
          </label>
          {kind === 'emission' && (
            <>
              <label className="field">
                <span className="field__label">{t('reports.form.granularity')}</span>
                <select
                  className="input"
                  name="granularity"
                  value={granularity}
                  onChange={(e) => setGranularity(e.target.value as Granularity)}
                >
                  <option value="month">{t('reports.granularity.month')}</option>
                  <option value="day">{t('reports.granularity.day')}</option>
                </select>
              </label>
              <label className="field">
                <span className="field__label">{t('reports.form.outlet')}</span>
                <select
                  className="input"
                  name="outlet"
                  value={outlet}
                  onChange={(e) => setOutlet(e.target.value)}
                >
                  <option value="">{t('reports.form.noOutlet')}</option>
                  {options.state === 'ready' &&
                    options.data.outlets.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                </select>
              </label>
            </>
          )}
          {(kind === 'energy' || kind === 'alarms') && !manager && (
            <label className="field">
              <span className="field__label">{t('reports.form.scope')}</span>
              <select className="input" name="scope" value={scope} onChange={(e) => setScope(e.target.value)}>
                <option value="park">{t('reports.scope.park')}</option>
                {options.state === 'ready' &&
                  options.data.enterprises.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.name}
                    </option>
                  ))}
              </select>
            </label>
          )}
          {kind === 'emission' && granularity === 'day' ? (
            <label className="field">
              <span className="field__label">{t('reports.form.day')}</span>
              <input
                className="input"
                type="date"
                name="day"
                value={day}
                onChange={(e) => setDay(e.target.value)}
              />
            </label>
          ) : (
            <label className="field">
              <span className="field__label">{t('reports.form.month')}</span>
              <input
                className="input"
                type="month"
                name="month"
                value={month}
                onChange={(e) => setMonth(e.target.value)}
              />
            </label>
          )}
          <button type="submit" className="button button--primary" disabled={busy}>
            {t(busy ? 'reports.form.submitting' : 'reports.form.submit')}
          </button>
        </form>
        {message && (
          <p
            className={`notice ${message.error ? 'notice--error' : 'notice--info'} reports__message`}
            role="status"
          >
            {message.text}
          </p>
        )}
      </section>

      {downloadError && (
        <p className="notice notice--error" role="alert">
          {downloadError}
        </p>
      )}
      <label className="field reports__filter">
        <span className="field__label">{t('reports.filter.period')}</span>
        <select
          className="input"
          name="shownPeriod"
          value={shownPeriod ?? ''}
          onChange={(e) => setShownPeriod(e.target.value || null)}
        >
          <option value="">{t('reports.filter.all')}</option>
          {[
            ...(shownPeriod && !recentMonths(Date.now()).includes(shownPeriod) ? [shownPeriod] : []),
            ...recentMonths(Date.now()),
          ].map((period) => (
            <option key={period} value={period}>
              {periodText(period)}
            </option>
          ))}
        </select>
      </label>
      <LoadStates
        load={reports}
        loadingText={t('reports.loading')}
        errorText={(error) => t('reports.loadError', { message: errorText(error) })}
        retryLabel={t('reports.retry')}
        onRetry={reloadReports}
      />
      {reports.state === 'ready' && reports.data.length === 0 && (
        <p className="state state--empty">
          {shownPeriod ? t('reports.emptyPeriod', { period: periodText(shownPeriod) }) : t('reports.empty')}
        </p>
      )}
      {reports.state === 'ready' && reports.data.length > 0 && (
        <div className="reports__table-wrap">
          <table className="devices-table reports-table">
            <thead>
              <tr>
                <th>{t('reports.col.title')}</th>
                <th>{t('reports.col.period')}</th>
                <th>{t('reports.col.generatedBy')}</th>
                <th>{t('reports.col.generatedAt')}</th>
                <th>{t('reports.col.status')}</th>
                <th>{t('reports.col.files')}</th>
              </tr>
            </thead>
            <tbody>
              {reports.data.map((report) => (
                <tr key={report.id} data-report={report.id}>
                  <td className="reports-table__title">{report.title}</td>
                  <td>{periodText(report.period)}</td>
                  <td>{report.generatedBy === 'schedule' ? t('reports.bySchedule') : report.generatedBy}</td>
                  <td>{formatDateTime(report.generatedAt)}</td>
                  <td>
                    <span
                      className={`device-state ${report.status === 'ready' ? 'device-state--on' : 'device-state--off'}`}
                      title={report.error ?? undefined}
                    >
                      {t(STATUS_LABEL[report.status])}
                    </span>
                  </td>
                  <td className="reports-table__files">
                    {report.status === 'ready' && (
                      <>
                        <button
                          type="button"
                          className="button button--quiet"
                          onClick={() => void download(report, 'xlsx')}
                        >
                          {t('reports.download.xlsx', { size: kb(report.xlsxBytes) })}
                        </button>
                        <button
                          type="button"
                          className="button button--quiet"
                          onClick={() => void download(report, 'pdf')}
                        >
                          {t('reports.download.pdf', { size: kb(report.pdfBytes) })}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
