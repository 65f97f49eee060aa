/**
 * 管理 · 操作日志 — the audit log for park admins: who changed which record when, newest first, each changed field
 * before → after with its Chinese label and unit (audit-fields.ts). Filters by record type, action, who and
 * Beijing days; paged. Each entry is one card-like row that stacks at phone width (no horizontal scrolling).
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../plan/use-load';
import type { Session } from '../session/session';
import { LoadStates, useApiErrorText } from '../admin/admin-ui';
import { pageCount } from '../admin/device-form';
import { AuditApi, EMPTY_AUDIT_QUERY, type AuditEntry, type AuditQuery } from './audit-api';
import {
  actionLabel,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  auditChangeLines,
  auditRecordName,
  auditRecordPath,
  auditValueText,
  entityTypeLabel,
} from './audit-fields';
import './audit-page.css';

interface Props {
  readonly session: Session;
  readonly onNavigate: (path: string) => void;
  readonly onUnauthorized: () => void;
}

export function AuditPage({ session, onNavigate, onUnauthorized }: Props) {
  const { t } = useI18n();
  const errorText = useApiErrorText('audit.apiError');
  const api = useMemo(() => new AuditApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const [query, setQuery] = useState<AuditQuery>(EMPTY_AUDIT_QUERY);
  const [draft, setDraft] = useState<AuditQuery>(EMPTY_AUDIT_QUERY);
  const load = useCallback((signal: AbortSignal) => api.list(query, signal), [api, query]);
  const [entries, reload] = useLoad(load);
  const total = entries.state === 'ready' ? entries.data.total : 0;
  const pages = pageCount(total, query.pageSize);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...draft, page: 1, pageSize: query.pageSize });
  };

  return (
    <section className="audit-page" aria-labelledby="audit-heading">
      <h1 id="audit-heading" className="audit-page__title">
        {t('audit.heading')}
      </h1>
      <p className="audit-page__intro">{t('audit.intro')}</p>

      <form className="audit-filters" role="search" onSubmit={submit}>
        <label className="field">
          <span className="field__label">{t('audit.filter.type')}</span>
          <select
            className="input"
            name="entityType"
            value={draft.entityType}
            onChange={(e) => setDraft((d) => ({ ...d, entityType: e.target.value }))}
          >
            <option value="">{t('audit.filter.allTypes')}</option>
            {AUDIT_ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(entityTypeLabel(type))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('audit.filter.action')}</span>
          <select
            className="input"
            name="action"
            value={draft.action}
            onChange={(e) => setDraft((d) => ({ ...d, action: e.target.value }))}
          >
            <option value="">{t('audit.filter.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(actionLabel(a))}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('audit.filter.actor')}</span>
          <input
            className="input"
            name="actor"
            value={draft.actor}
            onChange={(e) => setDraft((d) => ({ ...d, actor: e.target.value }))}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.filter.from')}</span>
          <input
            className="input"
            type="date"
            name="from"
            value={draft.from}
            onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))}
          />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.filter.to')}</span>
          <input
            className="input"
            type="date"
            name="to"
            value={draft.to}
            onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))}
          />
        </label>
        <div className="audit-filters__buttons">
          <button type="submit" className="button">
            {t('audit.filter.apply')}
          </button>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => {
              setDraft(EMPTY_AUDIT_QUERY);
              setQuery(EMPTY_AUDIT_QUERY);
            }}
          >
            {t('audit.filter.reset')}
          </button>
        </div>
      </form>

      <LoadStates
        load={entries}
        loadingText={t('audit.loading')}
        errorText={(error) => t('audit.loadError', { message: errorText(error) })}
        retryLabel={t('audit.retry')}
        onRetry={reload}
      />
      {entries.state === 'ready' && entries.data.items.length === 0 && (
        <p className="state state--empty">{t('audit.empty')}</p>
      )}
      {entries.state === 'ready' && entries.data.items.length > 0 && (
        <>
          <div className="audit-log" role="table" aria-label={t('audit.heading')}>
            <div className="audit-log__head" role="row">
              <span role="columnheader">{t('audit.col.at')}</span>
              <span role="columnheader">{t('audit.col.actor')}</span>
              <span role="columnheader">{t('audit.col.record')}</span>
              <span role="columnheader">{t('audit.col.action')}</span>
              <span role="columnheader">{t('audit.col.changes')}</span>
            </div>
            {entries.data.items.map((entry) => (
              <AuditRow key={entry.seq} entry={entry} onNavigate={onNavigate} />
            ))}
          </div>
          <div className="audit-page__pager">
            <button
              type="button"
              className="button"
              disabled={query.page <= 1}
              onClick={() => setQuery((q) => ({ ...q, page: q.page - 1 }))}
            >
              {t('audit.prev')}
            </button>
            <span className="audit-page__page">{t('audit.page', { page: query.page, pages, total })}</span>
            <button
              type="button"
              className="button"
              disabled={query.page >= pages}
              onClick={() => setQuery((q) => ({ ...q, page: q.page + 1 }))}
            >
              {t('audit.next')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function AuditRow({ entry, onNavigate }: { entry: AuditEntry; onNavigate: (path: string) => void }) {
  const { t, language } = useI18n();
  const path = auditRecordPath(entry);
  const name = auditRecordName(entry, t);
  const lines = auditChangeLines(entry.changes, entry.entityType);
  return (
    <div className="audit-log__row" role="row" data-entity={entry.entityType} data-action={entry.action}>
      <span role="cell" className="audit-log__at">
        {formatDateTime(Date.parse(entry.at))}
      </span>
      <span role="cell" className="audit-log__actor">
        {entry.actor}
      </span>
      <span role="cell" className="audit-log__record">
        <span className="audit-log__type">{t(entityTypeLabel(entry.entityType))}</span>{' '}
        {path ? (
          <a
            href={path}
            onClick={(e) => {
              e.preventDefault();
              onNavigate(path);
            }}
          >
            {name}
          </a>
        ) : (
          <span>{name}</span>
        )}
      </span>
      <span role="cell" className={`audit-log__action audit-log__action--${entry.action}`}>
        {t(actionLabel(entry.action))}
      </span>
      <span role="cell" className="audit-log__changes">
        {lines.length === 0 ? (
          <span className="audit-log__none">{t('audit.noChanges')}</span>
        ) : (
          <ul>
            {lines.map((line) => (
              <li key={line.name} data-field={line.name}>
                <span className="audit-log__field">{t(line.field)}</span>
                {'：'}
                <span className="audit-log__from">{auditValueText(line.from, line, t, language)}</span>
                {' → '}
                <span className="audit-log__to">{auditValueText(line.to, line, t, language)}</span>
              </li>
            ))}
          </ul>
        )}
      </span>
    </div>
  );
}
