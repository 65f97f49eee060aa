/**
 * 管理 · 数据交换 — the systems that send the park figures per enterprise (供电公司, 税务局, 人社局, 统计局…): the
 * source list (kind, the metrics its key may send with their units, key prefix, rate limit, drop folder, last use,
 * state, 演示数据), adding a source and issuing a new key (shown once, with a copy button: the API keeps only its
 * hash), revoking after a confirmation, the uploads' history with each upload's refused rows, and how to send.
 * Admin and staff read; the edit buttons follow mayEdit(user, 'exchange'). The API is apps/api/src/exchange.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { ExchangeBatchView, ExchangeSourceView, IssuedSourceKey } from '@park/contracts';
import { LoadStates, ShownOnceDialog, useApiErrorText } from '../admin/admin-ui';
import { formatDateTime, formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../plan/use-load';
import { mayEdit } from '../session/access';
import type { Session } from '../session/session';
import { BATCH_PAGE_SIZE, ExchangeApi } from './exchange-api';
import {
  EXCHANGE_METRICS,
  KIND_LABELS,
  KIND_SCOPES,
  SOURCE_KINDS,
  checkSourceDraft,
  emptyDraft,
  endpointUrl,
  exampleCurl,
  fieldText,
  kindText,
  metricText,
  pageCount,
  problemReason,
  sortSources,
  timeOf,
  type SourceDraft,
  type SourceDraftErrors,
} from './exchange-model';
import '../admin/admin-devices.css';
import './exchange.css';

/** The exchange's administration refuses with 400 (a bad form) and 409 (a drop folder taken, a revoked source). */
const EXCHANGE_REFUSALS = [400, 409] as const;

export function ExchangePage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t, language } = useI18n();
  const errorText = useApiErrorText('exchange.apiError', EXCHANGE_REFUSALS);
  const editable = mayEdit(session.user, 'exchange');
  const api = useMemo(() => new ExchangeApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const loadSources = useCallback((signal: AbortSignal) => api.sources(signal), [api]);
  const [sources, reloadSources] = useLoad(loadSources);

  const [sourceFilter, setSourceFilter] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const loadBatches = useCallback(
    (signal: AbortSignal) => api.batches({ sourceId: sourceFilter, page }, signal),
    [api, sourceFilter, page],
  );
  const [batches, reloadBatches] = useLoad(loadBatches);

  const [adding, setAdding] = useState(false);
  const [issued, setIssued] = useState<IssuedSourceKey | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [openBatch, setOpenBatch] = useState<ExchangeBatchView | null>(null);

  async function rotate(source: ExchangeSourceView) {
    if (!window.confirm(t('exchange.rotateConfirm', { name: source.name }))) return;
    setBusyId(source.id);
    setActionError(null);
    try {
      setIssued(await api.rotate(source.id));
      reloadSources();
    } catch (error) {
      setActionError(t('exchange.rotateFailed', { name: source.name, message: errorText(error) }));
    } finally {
      setBusyId(null);
    }
  }

  async function revoke(source: ExchangeSourceView) {
    if (!window.confirm(t('exchange.revokeConfirm', { name: source.name }))) return;
    setBusyId(source.id);
    setActionError(null);
    try {
      await api.revoke(source.id);
      reloadSources();
    } catch (error) {
      setActionError(t('exchange.revokeFailed', { name: source.name, message: errorText(error) }));
    } finally {
      setBusyId(null);
    }
  }

  const sourceList = sources.state === 'ready' ? sortSources(sources.data) : [];
  const origin = window.location.origin;

  return (
    <div className="devices exchange">
      <div className="devices__header">
        <div>
          <h1 className="devices__title exchange__title">{t('exchange.heading')}</h1>
          <p className="devices__subtitle">{t('exchange.subtitle')}</p>
          {!editable && <p className="notice notice--info exchange__read-only">{t('exchange.readOnly')}</p>}
        </div>
        {editable && !adding && (
          <button
            type="button"
            className="button button--primary exchange__add"
            onClick={() => setAdding(true)}
          >
            {t('exchange.add')}
          </button>
        )}
      </div>

      {editable && adding && (
        <SourceForm
          api={api}
          errorText={errorText}
          onCancel={() => setAdding(false)}
          onCreated={(key) => {
            setAdding(false);
            setIssued(key);
            reloadSources();
          }}
        />
      )}

      {actionError && (
        <p className="notice notice--error exchange__action-error" role="alert">
          {actionError}
        </p>
      )}

      <section className="exchange__section" aria-labelledby="exchange-sources-heading">
        <h2 id="exchange-sources-heading" className="devices__section-title">
          {t('exchange.sources.heading')}
        </h2>
        <LoadStates
          load={sources}
          loadingText={t('exchange.loading')}
          errorText={(error) => t('exchange.loadError', { message: errorText(error) })}
          retryLabel={t('exchange.retry')}
          onRetry={reloadSources}
        />
        {sources.state === 'ready' && sourceList.length === 0 && (
          <p className="state state--empty">{t('exchange.sources.empty')}</p>
        )}
        {sourceList.length > 0 && (
          <div className="exchange__scroll">
            <table className="devices-table exchange-sources">
              <thead>
                <tr>
                  <th>{t('exchange.col.name')}</th>
                  <th>{t('exchange.col.kind')}</th>
                  <th>{t('exchange.col.scopes')}</th>
                  <th>{t('exchange.col.keyPrefix')}</th>
                  <th>{t('exchange.col.rateLimit')}</th>
                  <th>{t('exchange.col.dropFolder')}</th>
                  <th>{t('exchange.col.lastUsed')}</th>
                  <th>{t('exchange.col.state')}</th>
                  {editable && <th>{t('exchange.col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {sourceList.map((source) => {
                  const live = source.revokedAt === null;
                  return (
                    <tr key={source.id} data-source={source.id}>
                      <td className="exchange-sources__name">
                        {source.name}
                        {source.demo && <span className="exchange__demo-tag">{t('exchange.demoTag')}</span>}
                      </td>
                      <td className="exchange-sources__kind">{kindText(source.kind, t)}</td>
                      <td className="exchange-sources__scopes">
                        <ul className="exchange__scopes">
                          {source.scopes.map((m) => (
                            <li key={m}>{metricText(m, t)}</li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <code className="exchange-sources__prefix">{source.keyPrefix}</code>
                      </td>
                      <td className="exchange__nowrap">
                        {t('exchange.rateLimit', { n: source.rateLimitPerMinute })}
                      </td>
                      <td>
                        {source.dropFolder ? (
                          <code>{source.dropFolder}</code>
                        ) : (
                          <span className="exchange__muted">{t('exchange.noDropFolder')}</span>
                        )}
                      </td>
                      <td className="exchange__nowrap exchange-sources__used">
                        {source.lastUsedAt === null
                          ? t('exchange.neverUsed')
                          : formatDateTime(timeOf(source.lastUsedAt))}
                      </td>
                      <td className="exchange-sources__state">
                        <span className={`device-state ${live ? 'device-state--on' : 'device-state--off'}`}>
                          {live
                            ? t('exchange.state.active')
                            : t('exchange.revokedAt', { time: formatDateTime(timeOf(source.revokedAt)) })}
                        </span>
                      </td>
                      {editable && (
                        <td className="devices-table__actions">
                          {live && (
                            <div>
                              <button
                                type="button"
                                className="button button--quiet exchange-sources__rotate"
                                disabled={busyId === source.id}
                                onClick={() => void rotate(source)}
                              >
                                {t('exchange.rotate')}
                              </button>
                              <button
                                type="button"
                                className="button button--quiet exchange-sources__revoke"
                                disabled={busyId === source.id}
                                onClick={() => void revoke(source)}
                              >
                                {t('exchange.revoke')}
                              </button>
                            </div>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {sourceList.some((s) => s.demo) && <p className="exchange__note">{t('exchange.demoNote')}</p>}
      </section>

      <section className="exchange__section" aria-labelledby="exchange-batches-heading">
        <div className="exchange__section-head">
          <h2 id="exchange-batches-heading" className="devices__section-title">
            {t('exchange.batches.heading')}
          </h2>
          <label className="exchange__filter">
            <span>{t('exchange.batches.source')}</span>
            <select
              className="input"
              name="batchSource"
              value={sourceFilter ?? ''}
              onChange={(e) => {
                setSourceFilter(e.target.value || null);
                setPage(1);
              }}
            >
              <option value="">{t('exchange.batches.allSources')}</option>
              {sourceList.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <LoadStates
          load={batches}
          loadingText={t('exchange.batches.loading')}
          errorText={(error) => t('exchange.batches.loadError', { message: errorText(error) })}
          retryLabel={t('exchange.retry')}
          onRetry={reloadBatches}
        />
        {batches.state === 'ready' && batches.data.items.length === 0 && (
          <p className="state state--empty">{t('exchange.batches.empty')}</p>
        )}
        {batches.state === 'ready' && batches.data.items.length > 0 && (
          <>
            <div className="exchange__scroll">
              <table className="devices-table exchange-batches">
                <thead>
                  <tr>
                    <th>{t('exchange.batches.col.source')}</th>
                    <th>{t('exchange.batches.col.via')}</th>
                    <th>{t('exchange.batches.col.reference')}</th>
                    <th className="exchange__num">{t('exchange.batches.col.rows')}</th>
                    <th className="exchange__num">{t('exchange.batches.col.stored')}</th>
                    <th className="exchange__num">{t('exchange.batches.col.unchanged')}</th>
                    <th className="exchange__num">{t('exchange.batches.col.rejected')}</th>
                    <th>{t('exchange.batches.col.receivedAt')}</th>
                    <th>{t('exchange.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {batches.data.items.map((batch) => (
                    <tr key={batch.id} data-batch={batch.id}>
                      <td>{batch.sourceName}</td>
                      <td className="exchange__nowrap">
                        {t(
                          batch.via === 'api'
                            ? 'exchange.batches.via.api'
                            : 'exchange.batches.via.drop-folder',
                        )}
                        {batch.dryRun && (
                          <span className="exchange__dry-run">{t('exchange.batches.dryRun')}</span>
                        )}
                      </td>
                      <td className="exchange-batches__reference">{batch.reference ?? '—'}</td>
                      <td className="exchange__num">{formatNumber(batch.rows, language, 0)}</td>
                      <td className="exchange__num">{formatNumber(batch.stored, language, 0)}</td>
                      <td className="exchange__num">{formatNumber(batch.unchanged, language, 0)}</td>
                      <td
                        className={`exchange__num exchange-batches__rejected${batch.rejected > 0 ? ' exchange__bad' : ''}`}
                      >
                        {formatNumber(batch.rejected, language, 0)}
                      </td>
                      <td className="exchange__nowrap">{formatDateTime(timeOf(batch.receivedAt))}</td>
                      <td>
                        <button
                          type="button"
                          className="button button--quiet exchange-batches__open"
                          onClick={() => setOpenBatch(batch)}
                        >
                          {t('exchange.batches.details')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="devices__pager">
              <button
                type="button"
                className="button"
                disabled={page <= 1}
                onClick={() => setPage((p) => Math.max(1, p - 1))}
              >
                {t('exchange.batches.prev')}
              </button>
              <span>
                {t('exchange.batches.page', {
                  page,
                  pages: pageCount(batches.data.total, BATCH_PAGE_SIZE),
                  total: batches.data.total,
                })}
              </span>
              <button
                type="button"
                className="button"
                disabled={page >= pageCount(batches.data.total, BATCH_PAGE_SIZE)}
                onClick={() => setPage((p) => p + 1)}
              >
                {t('exchange.batches.next')}
              </button>
            </div>
          </>
        )}
      </section>

      <section className="exchange__section exchange__help" aria-labelledby="exchange-help-heading">
        <h2 id="exchange-help-heading" className="devices__section-title">
          {t('exchange.help.heading')}
        </h2>
        <p>{t('exchange.help.api')}</p>
        <pre className="exchange__code exchange__endpoint">POST {endpointUrl(origin)}</pre>
        <p>{t('exchange.help.example')}</p>
        <pre className="exchange__code exchange__curl">{exampleCurl(origin)}</pre>
        <p>{t('exchange.help.periods')}</p>
        <p>{t('exchange.help.drop')}</p>
      </section>

      {issued && (
        <ShownOnceDialog
          className="exchange-key-dialog"
          headingId="exchange-key-heading"
          heading={t('exchange.key.heading', { name: issued.source.name })}
          warning={t('exchange.key.warning')}
          rows={[
            { label: t('exchange.key.label'), className: 'exchange-key-dialog__key', value: issued.key },
          ]}
          copyText={issued.key}
          labels={{
            copy: t('exchange.key.copy'),
            copied: t('exchange.key.copied'),
            copyFailed: t('exchange.key.copyFailed'),
            close: t('exchange.key.close'),
          }}
          onClose={() => setIssued(null)}
        />
      )}
      {openBatch && <BatchDialog api={api} batch={openBatch} onClose={() => setOpenBatch(null)} />}
    </div>
  );
}

function SourceForm(props: {
  api: ExchangeApi;
  errorText: (error: unknown) => string;
  onCancel: () => void;
  onCreated: (key: IssuedSourceKey) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<SourceDraft>(() => emptyDraft());
  const [errors, setErrors] = useState<SourceDraftErrors>({});
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const set = (patch: Partial<SourceDraft>) => setDraft((d) => ({ ...d, ...patch }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkSourceDraft(draft);
    setSaveError(null);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      props.onCreated(await props.api.create(check.body));
    } catch (error) {
      setSaveError(props.errorText(error));
    } finally {
      setSaving(false);
    }
  }

  const error = (field: keyof SourceDraftErrors) =>
    errors[field] ? (
      <span className="field__error" id={`exchange-${field}-error`}>
        {t(errors[field])}
      </span>
    ) : null;

  return (
    <section className="devices__provision" aria-labelledby="exchange-form-heading">
      <h2 id="exchange-form-heading" className="devices__section-title">
        {t('exchange.form.heading')}
      </h2>
      <form className="form exchange-form" onSubmit={(e) => void submit(e)} noValidate>
        <label className="field">
          <span className="field__label">{t('exchange.form.kind')}</span>
          <select
            className="input"
            name="kind"
            value={draft.kind}
            onChange={(e) => {
              const kind = e.target.value as SourceDraft['kind'];
              set({ kind, scopes: KIND_SCOPES[kind] });
            }}
          >
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_LABELS[k])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('exchange.form.name')}</span>
          <input
            className="input"
            name="name"
            value={draft.name}
            placeholder={t('exchange.form.namePlaceholder')}
            onChange={(e) => set({ name: e.target.value })}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? 'exchange-name-error' : undefined}
          />
          {error('name')}
        </label>
        <label className="field">
          <span className="field__label">{t('exchange.form.rateLimit')}</span>
          <input
            className="input"
            name="rateLimit"
            inputMode="numeric"
            value={draft.rateLimit}
            onChange={(e) => set({ rateLimit: e.target.value })}
            aria-invalid={errors.rateLimit ? true : undefined}
            aria-describedby={errors.rateLimit ? 'exchange-rateLimit-error' : undefined}
          />
          {error('rateLimit')}
        </label>
        <label className="field">
          <span className="field__label">{t('exchange.form.dropFolder')}</span>
          <input
            className="input"
            name="dropFolder"
            value={draft.dropFolder}
            placeholder={t('exchange.form.dropFolderHint')}
            onChange={(e) => set({ dropFolder: e.target.value })}
            aria-invalid={errors.dropFolder ? true : undefined}
            aria-describedby={errors.dropFolder ? 'exchange-dropFolder-error' : undefined}
          />
          {error('dropFolder')}
        </label>
        <fieldset className="exchange-form__scopes">
          <legend className="field__label">{t('exchange.form.scopes')}</legend>
          {EXCHANGE_METRICS.map((m) => (
            <label key={m} className="exchange-form__scope">
              <input
                type="checkbox"
                name="scopes"
                value={m}
                checked={draft.scopes.includes(m)}
                onChange={(e) =>
                  set({
                    scopes: e.target.checked ? [...draft.scopes, m] : draft.scopes.filter((s) => s !== m),
                  })
                }
              />
              {metricText(m, t)}
            </label>
          ))}
          {error('scopes')}
        </fieldset>
        {saveError && (
          <p className="notice notice--error exchange-form__error" role="alert">
            {saveError}
          </p>
        )}
        <div className="devices-form__actions exchange-form__actions">
          <button type="button" className="button" onClick={props.onCancel}>
            {t('exchange.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={saving}>
            {t(saving ? 'exchange.form.submitting' : 'exchange.form.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One upload in full: its counts and the rows it refused, each with the field at fault and why. */
function BatchDialog(props: { api: ExchangeApi; batch: ExchangeBatchView; onClose: () => void }) {
  const { t } = useI18n();
  const errorText = useApiErrorText('exchange.apiError', EXCHANGE_REFUSALS);
  const { api, batch: listed } = props;
  const loadBatch = useCallback((signal: AbortSignal) => api.batch(listed.id, signal), [api, listed.id]);
  const [detail, reload] = useLoad(loadBatch);
  const batch = detail.state === 'ready' ? detail.data : listed;
  return (
    <dialog
      ref={(d) => {
        if (d && !d.open) d.showModal();
      }}
      className="dialog exchange-batch-dialog"
      aria-labelledby="exchange-batch-heading"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <div className="form">
        <h2 className="dialog__heading" id="exchange-batch-heading">
          {t('exchange.batch.heading')}
        </h2>
        <dl className="exchange-batch-dialog__facts">
          <div>
            <dt>{t('exchange.batches.col.source')}</dt>
            <dd>{batch.sourceName}</dd>
          </div>
          <div>
            <dt>{t('exchange.batches.col.via')}</dt>
            <dd>
              {t(batch.via === 'api' ? 'exchange.batches.via.api' : 'exchange.batches.via.drop-folder')}
            </dd>
          </div>
          <div>
            <dt>{t('exchange.batches.col.reference')}</dt>
            <dd>{batch.reference ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('exchange.batches.col.receivedAt')}</dt>
            <dd>{formatDateTime(timeOf(batch.receivedAt))}</dd>
          </div>
        </dl>
        <p className="exchange-batch-dialog__summary">
          {t('exchange.batch.summary', {
            rows: batch.rows,
            stored: batch.stored,
            unchanged: batch.unchanged,
            rejected: batch.rejected,
          })}
        </p>
        <LoadStates
          load={detail}
          loadingText={t('exchange.batch.loading')}
          errorText={(error) => t('exchange.batches.loadError', { message: errorText(error) })}
          retryLabel={t('exchange.retry')}
          onRetry={reload}
        />
        {detail.state === 'ready' && batch.problems.length === 0 && (
          <p className="state state--empty">{t('exchange.batch.noProblems')}</p>
        )}
        {detail.state === 'ready' && batch.problems.length > 0 && (
          <>
            <h3 className="exchange-batch-dialog__problems-heading">{t('exchange.batch.problemsHeading')}</h3>
            <div className="exchange__scroll exchange-batch-dialog__problems">
              <table className="devices-table exchange-problems">
                <thead>
                  <tr>
                    <th className="exchange__num">{t('exchange.batch.col.row')}</th>
                    <th>{t('exchange.batch.col.field')}</th>
                    <th>{t('exchange.batch.col.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {batch.problems.map((p) => (
                    <tr key={p.row}>
                      <td className="exchange__num">{p.row}</td>
                      <td className="exchange__nowrap">{fieldText(p.field, t)}</td>
                      <td className="exchange-problems__reason">{problemReason(p, t)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {batch.problems.length >= 1000 && (
              <p className="exchange__note">{t('exchange.batch.problemsCapped')}</p>
            )}
          </>
        )}
        <div className="dialog__actions">
          <button type="button" className="button button--primary" onClick={props.onClose}>
            {t('exchange.batch.close')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
