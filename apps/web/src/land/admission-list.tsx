/**
 * 产业载体准入清单 — the admission list the API enforces when a tenant moves into a carrier: each line a GB/T 4754
 * code (2–4 digits, shown with its name), its level (禁止 / 限制 / 鼓励) and the reason shown to whoever is warned or
 * refused. Every park role reads it (GET /api/admission-list); the admin (and 招商 staff) add, change and delete lines
 * (PUT / DELETE /api/admission-list/<code>, audited). The form shows what a code falls under today, so an officer
 * sees what a new, longer code would override.
 */
import { useCallback, useId, useState, type FormEvent } from 'react';
import { ADMISSION_LEVELS, type AdmissionLevel } from '@park/contracts';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { Note, useFieldHelpers, useSave } from '../records/enterprise-edit';
import { industryLabel, industryName } from '../records/industry-names';
import { LoadError, Loading } from '../records/records-ui';
import {
  admissionOrder,
  checkAdmissionForm,
  EMPTY_ADMISSION_FORM,
  governingEntry,
  type AdmissionForm,
} from './admission-form';
import type { AdmissionEntry, LandApi } from './land-api';

export const ADMISSION_LEVEL_LABELS: Readonly<Record<AdmissionLevel, MessageKey>> = {
  encouraged: 'admission.level.encouraged',
  restricted: 'admission.level.restricted',
  prohibited: 'admission.level.prohibited',
};

const FIELDS: readonly string[] = ['industryCode', 'level', 'reason'];
const LOAD_ERRORS = { notFound: 'admission.loadError', failed: 'admission.loadError' } as const;

export function AdmissionList({ api, canEdit }: { api: LandApi; canEdit: boolean }) {
  const { t, language } = useI18n();
  const load = useCallback((signal: AbortSignal) => api.admissionList(signal), [api]);
  const [list, retry] = useLoad(load);
  /** The code being edited, '' for a new line, null with the form closed. */
  const [editing, setEditing] = useState<string | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  const remove = async (entry: AdmissionEntry) => {
    const industry = industryName(entry.industryCode, language) ?? entry.industryCode;
    if (!window.confirm(t('admission.removeConfirm', { code: entry.industryCode, industry }))) return;
    setRemoveError(null);
    try {
      await api.removeAdmission(entry.industryCode);
      setRemoved(entry.industryCode);
      retry();
    } catch (error) {
      setRemoveError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="records land admission">
      <div className="records__header">
        <h1 className="records__title">{t('admission.heading')}</h1>
        {canEdit && editing === null && (
          <button type="button" className="button button--primary" onClick={() => setEditing('')}>
            {t('admission.add')}
          </button>
        )}
      </div>
      <p className="records__muted">{t('admission.intro')}</p>
      {list.state === 'loading' && <Loading text={t('admission.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} {...LOAD_ERRORS} onRetry={retry} />}
      {list.state === 'ready' && editing !== null && (
        <AdmissionEditor
          api={api}
          entries={list.data}
          code={editing}
          onSaved={() => {
            setEditing(null);
            retry();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {removed && (
        <p className="records-edit__note records-edit__note--ok" role="status">
          {t('admission.removed')}（{removed}）
        </p>
      )}
      {removeError && (
        <p className="records-edit__note records-edit__note--error" role="alert">
          {removeError}
        </p>
      )}
      {list.state === 'ready' && list.data.length === 0 && (
        <p className="state state--empty">{t('admission.empty')}</p>
      )}
      {list.state === 'ready' && list.data.length > 0 && (
        <>
          <p className="records__muted">
            {t('admission.count', {
              total: list.data.length,
              prohibited: list.data.filter((e) => e.level === 'prohibited').length,
              restricted: list.data.filter((e) => e.level === 'restricted').length,
              encouraged: list.data.filter((e) => e.level === 'encouraged').length,
            })}
          </p>
          <div className="table-wrap">
            <table className="evaluation records-table admission-table">
              <thead>
                <tr>
                  <th scope="col">{t('admission.col.industry')}</th>
                  <th scope="col">{t('admission.col.level')}</th>
                  <th scope="col">{t('admission.col.reason')}</th>
                  <th scope="col">{t('admission.col.updated')}</th>
                  {canEdit && <th scope="col">{t('admission.col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {admissionOrder(list.data).map((entry) => (
                  <tr key={entry.industryCode} data-code={entry.industryCode}>
                    <td>{industryLabel(entry.industryCode, language)}</td>
                    <td>
                      <span className={`admission-level admission-level--${entry.level}`}>
                        {t(ADMISSION_LEVEL_LABELS[entry.level])}
                      </span>
                    </td>
                    <td className="admission-table__reason">{entry.reason}</td>
                    <td>{formatDateTime(Date.parse(entry.updatedAt))}</td>
                    {canEdit && (
                      <td className="admission-table__actions">
                        <button
                          type="button"
                          className="button"
                          onClick={() => setEditing(entry.industryCode)}
                        >
                          {t('admission.edit')}
                        </button>
                        <button type="button" className="button" onClick={() => void remove(entry)}>
                          {t('admission.remove')}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function AdmissionEditor(props: {
  api: LandApi;
  entries: readonly AdmissionEntry[];
  /** '' for a new line. */
  code: string;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const prefix = useId();
  const existing = props.entries.find((e) => e.industryCode === props.code) ?? null;
  const [form, setForm] = useState<AdmissionForm>(
    existing
      ? { industryCode: existing.industryCode, level: existing.level, reason: existing.reason }
      : EMPTY_ADMISSION_FORM,
  );
  const save = useSave(FIELDS);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);
  const change = (changes: Partial<AdmissionForm>) => setForm((f) => ({ ...f, ...changes }));
  const code = form.industryCode.trim();
  const codeValid = /^\d{2,4}$/.test(code);
  const governing = codeValid ? governingEntry(props.entries, code) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkAdmissionForm(form);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    if (!existing && props.entries.some((e) => e.industryCode === checked.body.industryCode)) {
      save.setErrors({ industryCode: { key: 'admission.error.exists' } });
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      const { industryCode, level, reason } = checked.body;
      await props.api.putAdmission(industryCode, { level, reason });
      props.onSaved();
      return 'admission.saved';
    });
  };

  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {existing
          ? t('admission.formHeading.edit', { code: existing.industryCode })
          : t('admission.formHeading.add')}
      </h2>
      <div className="records-edit__grid">
        <label className="field">
          <span className="field__label">{t('admission.codeLabel')}</span>
          <input
            className="input"
            name="industryCode"
            inputMode="numeric"
            maxLength={4}
            readOnly={existing !== null}
            value={form.industryCode}
            onChange={(e) => change({ industryCode: e.target.value })}
            {...invalid('industryCode')}
          />
          {error('industryCode')}
          {codeValid && (
            <span className="records__muted">
              {t('admission.codeHint', { industry: industryName(code, language) ?? code })}
            </span>
          )}
        </label>
        <label className="field">
          <span className="field__label">{t('admission.col.level')}</span>
          <select
            className="input"
            name="level"
            value={form.level}
            onChange={(e) => change({ level: e.target.value as AdmissionLevel | '' })}
            {...invalid('level')}
          >
            <option value="">{t('admission.level.choose')}</option>
            {ADMISSION_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(ADMISSION_LEVEL_LABELS[level])}
              </option>
            ))}
          </select>
          {error('level')}
        </label>
        <label className="field records-edit__wide">
          <span className="field__label">{t('admission.reasonLabel')}</span>
          <textarea
            className="input input--area"
            name="reason"
            rows={3}
            value={form.reason}
            onChange={(e) => change({ reason: e.target.value })}
            {...invalid('reason')}
          />
          {error('reason')}
        </label>
      </div>
      {codeValid && (
        <p className="records__muted" data-governed-by={governing?.industryCode ?? ''}>
          {governing
            ? t('admission.governedBy', {
                code: governing.industryCode,
                level: t(ADMISSION_LEVEL_LABELS[governing.level]),
                reason: governing.reason,
              })
            : t('admission.governedByNone')}
        </p>
      )}
      <Note note={save.note} />
      <div className="records-edit__actions">
        <button type="button" className="button" onClick={props.onClose}>
          {t('records.edit.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {save.busy ? t('records.edit.saving') : t('records.edit.save')}
        </button>
      </div>
    </form>
  );
}
