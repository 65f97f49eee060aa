/**
 * 管理 · 导入 — spreadsheet import for park admins: choose what to import, upload a CSV or XLSX, see every problem
 * row by row (line, column, value, reason) and what the good rows would do before anything is written (the API's
 * dry run), then import the good rows and see the outcome. The template is the API's export of the same columns.
 */
import type { CsvRow } from '@park/csv';
import { useMemo, useState, type FormEvent } from 'react';
import { describeError } from '../api/error-text';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { Session } from '../session/session';
import { CREDENTIALS_FILENAME, credentialsCsv } from './device-credentials';
import { badLines, goodRows, readCsv, reportRows } from './import-report';
import { IMPORT_KINDS, ImportRefused, ImportsApi, type ImportKind, type ImportReport } from './imports-api';
import '../admin/admin-devices.css';
import './imports.css';

const IMPORT_KIND_LABELS: Readonly<Record<ImportKind, MessageKey>> = {
  enterprises: 'imports.kind.enterprises',
  indicators: 'imports.kind.indicators',
  parcels: 'imports.kind.parcels',
  carriers: 'imports.kind.carriers',
  qualifications: 'imports.kind.qualifications',
  devices: 'imports.kind.devices',
};

/** A file made here (credentials) or by the API (template) handed to the browser as a download. */
function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Stage =
  | { readonly step: 'idle' }
  | { readonly step: 'busy'; readonly what: 'check' | 'commit' }
  | { readonly step: 'checked'; readonly report: ImportReport; readonly refused: boolean }
  | { readonly step: 'committed'; readonly report: ImportReport }
  | { readonly step: 'error'; readonly message: string };

export function ImportsPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t } = useI18n();
  const api = useMemo(() => new ImportsApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const [kind, setKind] = useState<ImportKind>('enterprises');
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState<CsvRow[] | null>(null);
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [fileError, setFileError] = useState(false);
  const [templateError, setTemplateError] = useState<string | null>(null);

  async function choose(next: File | null) {
    setFile(next);
    setFileError(false);
    setStage({ step: 'idle' });
    setSheet(next && /\.csv$/i.test(next.name) ? readCsv(new Uint8Array(await next.arrayBuffer())) : null);
  }

  async function run(what: 'check' | 'commit') {
    if (!file) {
      setFileError(true);
      return;
    }
    setStage({ step: 'busy', what });
    try {
      const report = await api.upload(kind, file, what);
      setStage(
        what === 'check' ? { step: 'checked', report, refused: false } : { step: 'committed', report },
      );
    } catch (error) {
      if (error instanceof ImportRefused) setStage({ step: 'checked', report: error.report, refused: true });
      else setStage({ step: 'error', message: describeError(error, t) });
    }
  }

  async function template(format: 'csv' | 'xlsx') {
    setTemplateError(null);
    try {
      download(await api.exportFile(kind, format), `${kind}.${format}`);
    } catch (error) {
      setTemplateError(t('imports.templateFailed', { message: describeError(error, t) }));
    }
  }

  const busy = stage.step === 'busy';
  const report = stage.step === 'checked' || stage.step === 'committed' ? stage.report : null;

  return (
    <div className="imports">
      <div>
        <h1 className="imports__title">{t('imports.heading')}</h1>
        <p className="imports__subtitle">{t('imports.subtitle')}</p>
      </div>

      <form
        className="imports__form"
        onSubmit={(e: FormEvent<HTMLFormElement>) => {
          e.preventDefault();
          void run('check');
        }}
        noValidate
      >
        <label className="field">
          <span className="field__label">{t('imports.kind')}</span>
          <select
            className="input"
            name="kind"
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as ImportKind);
              setStage({ step: 'idle' });
            }}
          >
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(IMPORT_KIND_LABELS[k])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('imports.file')}</span>
          <input
            className="input"
            type="file"
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fileError || undefined}
            aria-describedby={fileError ? 'import-file-error' : undefined}
            onChange={(e) => void choose(e.target.files?.[0] ?? null)}
          />
          {fileError && (
            <span className="field__error" id="import-file-error">
              {t('imports.fileRequired')}
            </span>
          )}
        </label>
        <div className="imports__actions">
          <button type="submit" className="button button--primary imports__check" disabled={busy}>
            {t(busy && stage.what === 'check' ? 'imports.checking' : 'imports.check')}
          </button>
          <span className="imports__template">
            {t('imports.template')}
            <button type="button" className="button button--quiet" onClick={() => void template('csv')}>
              CSV
            </button>
            <button type="button" className="button button--quiet" onClick={() => void template('xlsx')}>
              XLSX
            </button>
          </span>
        </div>
        <p className="imports__hint">{t('imports.hint')}</p>
        {kind === 'devices' && <p className="imports__hint">{t('imports.devicesHint')}</p>}
      </form>

      {templateError && (
        <p className="notice notice--error" role="alert">
          {templateError}
        </p>
      )}
      {stage.step === 'idle' && <p className="state state--empty">{t('imports.idle')}</p>}
      {busy && (
        <p className="state state--loading" role="status">
          {t(stage.what === 'check' ? 'imports.checking' : 'imports.committing')}
        </p>
      )}
      {stage.step === 'error' && (
        <p className="state state--error" role="alert">
          {t('imports.failed', { message: stage.message })}
        </p>
      )}

      {stage.step === 'checked' && (
        <section className="imports__result" aria-labelledby="import-check-heading">
          <h2 id="import-check-heading" className="imports__section-title">
            {t('imports.checkHeading')}
          </h2>
          <p className="imports__summary" role="status">
            {stage.refused
              ? t('imports.refused', { problems: stage.report.errors.length })
              : t('imports.checkSummary', {
                  rows: stage.report.rows,
                  good: goodRows(stage.report),
                  created: stage.report.created,
                  updated: stage.report.updated,
                  unchanged: stage.report.unchanged,
                  bad: badLines(stage.report).length,
                })}
          </p>
          {!stage.refused && (
            <button
              type="button"
              className="button button--primary imports__commit"
              disabled={goodRows(stage.report) === 0}
              onClick={() => void run('commit')}
            >
              {t('imports.commit', { good: goodRows(stage.report) })}
            </button>
          )}
        </section>
      )}

      {stage.step === 'committed' && (
        <p className="notice notice--info imports__outcome" role="status">
          {t('imports.outcome', {
            created: stage.report.created,
            updated: stage.report.updated,
            unchanged: stage.report.unchanged,
            skipped: stage.report.skipped,
          })}
        </p>
      )}

      {stage.step === 'committed' && (stage.report.credentials?.length ?? 0) > 0 && (
        <section className="notice notice--warning imports__credentials" role="alert">
          <h2 className="imports__section-title">{t('imports.credentials.heading')}</h2>
          <p>{t('imports.credentials.warning', { count: stage.report.credentials!.length })}</p>
          <button
            type="button"
            className="button button--primary"
            onClick={() =>
              download(
                new Blob([credentialsCsv(stage.report.credentials!)], { type: 'text/csv;charset=utf-8' }),
                CREDENTIALS_FILENAME,
              )
            }
          >
            {t('imports.credentials.download')}
          </button>
        </section>
      )}

      {report && report.errors.length === 0 && (
        <p className="state state--empty">{t('imports.noProblems')}</p>
      )}
      {report && report.errors.length > 0 && (
        <table className="devices-table imports-report">
          <caption className="imports-report__caption">
            {t('imports.problems', { count: report.errors.length, lines: badLines(report).length })}
          </caption>
          <thead>
            <tr>
              <th>{t('imports.col.line')}</th>
              <th>{t('imports.col.column')}</th>
              <th>{t('imports.col.value')}</th>
              <th>{t('imports.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {reportRows(report, sheet, t).map((row) => (
              <tr key={row.key} data-line={row.line}>
                <td className="imports-report__line">{row.line}</td>
                <td className="imports-report__column">{row.column}</td>
                <td className="imports-report__value">{row.value}</td>
                <td className="imports-report__reason">{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
