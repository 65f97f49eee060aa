/**
 * 企业档案的编辑 (admin): the profile form, one year's indicators, a new dynamic event, and the enterprise's audit
 * trail — each form checked before it is sent (enterprise-form.ts), a refusal from the API put on its field,
 * success said in words, and every saved change visible in the audit trail below, which reloads after each save.
 * The API allows these writes to admins only (apps/api/src/enterprises/enterprises.controller.ts), so the page
 * shows them to admins only.
 */
import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { apiErrorText } from '../admin/admin-ui';
import {
  apiFieldErrors,
  beijingToday,
  checkEventForm,
  checkIndicatorForm,
  checkProfileForm,
  EMPTY_EVENT_FORM,
  ENTERPRISE_FLAGS,
  FLAG_LABELS,
  indicatorFormOf,
  profileFormOf,
  type EventForm,
  type FieldErrors,
  type IndicatorForm,
  type ProfileForm,
} from './enterprise-form';
import { auditChangeLines, auditValueText } from '../audit/audit-fields';
import { documentSize, documentTooLarge, type DocumentFiles } from './document-files';
import { EVENT_DOCUMENT_ACCEPT, eventDocumentsPath } from './event-documents';
import { EVENT_LABELS, INDICATOR_ROWS } from './enterprise-records';
import { industryName } from './industry-names';
import type {
  AuditEntry,
  Enterprise,
  EnterpriseIndicators,
  RecordEvent,
  RecordEventType,
  RecordsApi,
} from './records-api';
import { LoadError, Loading } from './records-ui';

const AUDIT_PAGE = 20;
const AUDIT_ACTIONS: Readonly<Record<string, MessageKey>> = {
  create: 'records.audit.action.create',
  update: 'records.audit.action.update',
  delete: 'records.audit.action.delete',
};
const EVENT_TYPES = Object.keys(EVENT_LABELS) as RecordEventType[];

/** What a save said: shown under the form until the next save or close. */
export type SaveNote = { readonly kind: 'ok' | 'error'; readonly text: string } | null;

export function useFieldHelpers(prefix: string, errors: FieldErrors) {
  const { t } = useI18n();
  return {
    error: (name: string): ReactNode =>
      errors[name] ? (
        <span className="field__error" id={`${prefix}-${name}-error`} data-field-error={name}>
          {t(errors[name].key, errors[name].params)}
        </span>
      ) : null,
    invalid: (name: string) => ({
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': errors[name] ? `${prefix}-${name}-error` : undefined,
    }),
  };
}

export function Note({ note }: { note: SaveNote }) {
  if (!note) return null;
  return (
    <p
      className={`records-edit__note records-edit__note--${note.kind}`}
      role={note.kind === 'error' ? 'alert' : 'status'}
    >
      {note.text}
    </p>
  );
}

/** Saves with `save`, placing an API refusal on its field; a refusal naming no field is said in the note. */
export function useSave(
  fields: readonly string[],
  /** Puts a refusal on its field; by default the API's field-naming messages (apiFieldErrors). */
  fieldErrorsOf: (error: unknown) => FieldErrors | null = (error) => apiFieldErrors(error, fields),
) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [note, setNote] = useState<SaveNote>(null);
  const run = useCallback(
    async (save: () => Promise<MessageKey>) => {
      setBusy(true);
      setNote(null);
      try {
        const done = await save();
        setErrors({});
        setNote({ kind: 'ok', text: t(done) });
      } catch (error) {
        const onFields = fieldErrorsOf(error);
        if (onFields) setErrors(onFields);
        setNote({
          kind: 'error',
          text: onFields ? t('records.edit.fixFields') : apiErrorText(error, t, 'records.edit.failed'),
        });
      } finally {
        setBusy(false);
      }
    },
    [fieldErrorsOf, t],
  );
  return { busy, errors, setErrors, note, setNote, run };
}

const PROFILE_FIELDS = ['name', 'creditCode', 'industryCode', 'address', 'contactName', 'contactPhone'];

export function ProfileEditor(props: {
  api: RecordsApi;
  enterprise: Enterprise;
  onSaved: (e: Enterprise) => void;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<ProfileForm>(() => profileFormOf(props.enterprise));
  const save = useSave(PROFILE_FIELDS);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);
  const change = (changes: Partial<ProfileForm>) => setForm((f) => ({ ...f, ...changes }));
  const industry = form.industryCode.trim() ? industryName(form.industryCode.trim(), language) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkProfileForm(props.enterprise, form);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    if (Object.keys(checked.body).length === 0) {
      save.setErrors({});
      save.setNote({ kind: 'ok', text: t('records.edit.unchanged') });
      return;
    }
    void save.run(async () => {
      props.onSaved(await props.api.update(props.enterprise.id, checked.body));
      return 'records.edit.saved';
    });
  };

  const text = (
    name: keyof Omit<ProfileForm, 'flags'>,
    label: MessageKey,
    extra?: ReactNode,
    inputMode?: 'numeric' | 'tel',
  ) => (
    <label className="field">
      <span className="field__label">{t(label)}</span>
      <input
        className="input"
        name={name}
        value={form[name]}
        inputMode={inputMode}
        onChange={(e) => change({ [name]: e.target.value })}
        {...invalid(name)}
      />
      {extra}
      {error(name)}
    </label>
  );

  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {t('records.edit.heading')}
      </h2>
      <div className="records-edit__grid">
        {text('name', 'records.col.name')}
        {text('creditCode', 'records.col.creditCode')}
        {text(
          'industryCode',
          'records.col.industry',
          <span className="field__hint" data-industry-name>
            {industry ? t('records.edit.industryIs', { name: industry }) : t('records.edit.industryHint')}
          </span>,
          'numeric',
        )}
        {text('address', 'records.address')}
        {text('contactName', 'records.contact')}
        {text('contactPhone', 'records.phone', undefined, 'tel')}
      </div>
      <fieldset className="records-edit__flags">
        <legend>{t('records.flags')}</legend>
        {ENTERPRISE_FLAGS.map((flag) => (
          <label key={flag} className="records-edit__check">
            <input
              type="checkbox"
              name={flag}
              checked={form.flags[flag]}
              onChange={(e) => change({ flags: { ...form.flags, [flag]: e.target.checked } })}
            />
            {t(FLAG_LABELS[flag])}
          </label>
        ))}
      </fieldset>
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

const INDICATOR_FIELDS = ['year', ...INDICATOR_ROWS.map((r) => r.field)];

export function IndicatorEditor(props: {
  api: RecordsApi;
  enterpriseId: string;
  indicators: readonly EnterpriseIndicators[];
  /** The year the form opens on. */
  year: number;
  onSaved: (row: EnterpriseIndicators) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<IndicatorForm>(() => indicatorFormOf(props.indicators, props.year));
  const save = useSave(INDICATOR_FIELDS);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);

  const changeYear = (text: string) => {
    const year = Number(text);
    // A year the records hold: its figures fill the form; any other keeps what was typed.
    setForm((f) =>
      props.indicators.some((i) => i.year === year)
        ? indicatorFormOf(props.indicators, year)
        : { ...f, year: text },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkIndicatorForm(props.indicators, form);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    if (Object.keys(checked.body.values).length === 0) {
      save.setErrors({});
      save.setNote({ kind: 'ok', text: t('records.edit.unchanged') });
      return;
    }
    void save.run(async () => {
      props.onSaved(
        await props.api.putIndicators(props.enterpriseId, checked.body.year, checked.body.values),
      );
      return 'records.edit.saved';
    });
  };

  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {t('records.indicators.editHeading')}
      </h2>
      <p className="records__muted">{t('records.indicators.blankHint')}</p>
      <div className="records-edit__grid">
        <label className="field">
          <span className="field__label">{t('records.indicators.yearLabel')}</span>
          <input
            className="input"
            name="year"
            inputMode="numeric"
            value={form.year}
            onChange={(e) => changeYear(e.target.value)}
            {...invalid('year')}
          />
          {error('year')}
        </label>
        {INDICATOR_ROWS.map(({ field, label, unit }) => (
          <label key={field} className="field">
            <span className="field__label">
              {t(label)}（{t(unit)}）
            </span>
            <input
              className="input"
              name={field}
              inputMode="decimal"
              value={form.values[field]}
              onChange={(e) => setForm((f) => ({ ...f, values: { ...f.values, [field]: e.target.value } }))}
              {...invalid(field)}
            />
            {error(field)}
          </label>
        ))}
      </div>
      <p className="records__muted">{t('records.indicators.land')}</p>
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

const EVENT_FIELDS = ['type', 'occurredOn', 'summary'];

export function EventEditor(props: {
  api: RecordsApi;
  files: DocumentFiles;
  enterpriseId: string;
  onSaved: (event: RecordEvent) => void;
  onClose: () => void;
}) {
  const { t, language } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<EventForm>(EMPTY_EVENT_FORM);
  /** The optional attachment, uploaded once the event is created; the input is re-keyed to clear it. */
  const [file, setFile] = useState<File | null>(null);
  const [fileInput, setFileInput] = useState(0);
  const save = useSave(EVENT_FIELDS);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);
  const change = (changes: Partial<EventForm>) => setForm((f) => ({ ...f, ...changes }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkEventForm(form, beijingToday(Date.now()));
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    if (file && documentTooLarge(file)) {
      save.setNote({ kind: 'error', text: t('eventDocuments.tooLarge') });
      return;
    }
    void (async () => {
      // The event is saved first; a failed upload leaves it saved and says so (attach again on the timeline).
      let uploadFailed: string | null = null;
      await save.run(async () => {
        const created = await props.api.addEvent(props.enterpriseId, checked.body);
        let documents = created.documents;
        if (file) {
          try {
            documents = [await props.files.upload(eventDocumentsPath(created), file)];
          } catch (error) {
            uploadFailed = apiErrorText(error, t, 'eventDocuments.failed');
          }
        }
        props.onSaved({ ...created, documents });
        setForm(EMPTY_EVENT_FORM);
        setFile(null);
        setFileInput((n) => n + 1);
        return file ? 'eventDocuments.savedWithFile' : 'records.events.saved';
      });
      if (uploadFailed)
        save.setNote({
          kind: 'error',
          text: t('eventDocuments.savedUploadFailed', { message: uploadFailed }),
        });
    })();
  };

  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {t('records.events.addHeading')}
      </h2>
      <div className="records-edit__grid">
        <label className="field">
          <span className="field__label">{t('records.events.type')}</span>
          <select
            className="input"
            name="type"
            value={form.type}
            onChange={(e) => change({ type: e.target.value as RecordEventType | '' })}
            {...invalid('type')}
          >
            <option value="">{t('records.events.chooseType')}</option>
            {EVENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(EVENT_LABELS[type])}
              </option>
            ))}
          </select>
          {error('type')}
        </label>
        <label className="field">
          <span className="field__label">{t('records.events.date')}</span>
          <input
            className="input"
            type="date"
            name="occurredOn"
            value={form.occurredOn}
            max={beijingToday(Date.now())}
            onChange={(e) => change({ occurredOn: e.target.value })}
            {...invalid('occurredOn')}
          />
          {error('occurredOn')}
        </label>
        <label className="field records-edit__wide">
          <span className="field__label">{t('records.events.summary')}</span>
          <textarea
            className="input input--area"
            name="summary"
            rows={3}
            value={form.summary}
            onChange={(e) => change({ summary: e.target.value })}
            {...invalid('summary')}
          />
          {error('summary')}
        </label>
      </div>
      <div className="field records-edit__wide">
        <span className="field__label" id={`${prefix}-file`}>
          {t('eventDocuments.file')}
        </span>
        <div className="event-documents">
          {/* The browser's own file button speaks the browser's language; this one speaks the page's. */}
          <label className="button event-documents__attach">
            {t('eventDocuments.choose')}
            <input
              key={fileInput}
              className="visually-hidden"
              type="file"
              name="file"
              aria-labelledby={`${prefix}-file`}
              accept={EVENT_DOCUMENT_ACCEPT}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <span className={file ? undefined : 'records__muted'}>
            {file ? `${file.name}（${documentSize(file.size, language)}）` : t('eventDocuments.noFile')}
          </span>
          {file && (
            <button
              type="button"
              className="button button--link"
              onClick={() => {
                setFile(null);
                setFileInput((n) => n + 1);
              }}
            >
              {t('eventDocuments.clear')}
            </button>
          )}
        </div>
        <span className="field__hint">{t('eventDocuments.hint')}</span>
      </div>
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

/** The enterprise's audit trail, newest first; `version` changes after every save so it reloads. */
export function AuditTrail(props: {
  api: RecordsApi;
  enterpriseId: string;
  indicators: readonly EnterpriseIndicators[];
  version: number;
}) {
  const { t, language } = useI18n();
  const { api, enterpriseId, version } = props;
  const load = useCallback(
    (signal: AbortSignal) => {
      void version; // reload after a save
      return api.audit(enterpriseId, AUDIT_PAGE, signal);
    },
    [api, enterpriseId, version],
  );
  const [audit, retry] = useLoad(load);
  const yearOf = (entry: AuditEntry): number | null =>
    props.indicators.find((i) => i.id === entry.entityId)?.year ?? null;

  const what = (entry: AuditEntry): string => {
    if (entry.entityType === 'enterprise') return t('records.audit.entity.enterprise');
    if (entry.entityType === 'event') return t('records.audit.entity.event');
    if (entry.entityType === 'qualification') return t('qualifications.audit.entity');
    if (entry.entityType === 'qualification-document') return t('qualifications.audit.document');
    if (entry.entityType === 'event-document') return t('eventDocuments.audit.entity');
    if (entry.entityType === 'parcel') return t('parcels.audit.entity');
    if (entry.entityType === 'indicator') {
      const year = yearOf(entry) ?? (entry.changes.year?.to as number | undefined);
      return year ? t('records.audit.entity.indicators', { year }) : t('records.indicators.heading');
    }
    return t('records.audit.entity.other');
  };
  const action = (a: string): string => t(AUDIT_ACTIONS[a] ?? 'records.audit.action.other');

  return (
    <section className="records__section" aria-labelledby="records-audit-heading">
      <h2 id="records-audit-heading" className="records__section-title">
        {t('records.audit.heading')}
      </h2>
      {audit.state === 'loading' && <Loading text={t('records.audit.loading')} />}
      {audit.state === 'error' && <LoadError error={audit.error} onRetry={retry} />}
      {audit.state === 'ready' && audit.data.items.length === 0 && (
        <p className="state state--empty">{t('records.audit.empty')}</p>
      )}
      {audit.state === 'ready' && audit.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="evaluation records-audit">
            <thead>
              <tr>
                <th scope="col">{t('records.audit.at')}</th>
                <th scope="col">{t('records.audit.actor')}</th>
                <th scope="col">{t('records.audit.action')}</th>
                <th scope="col">{t('records.audit.changes')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((entry) => (
                <tr key={entry.seq} className="records-audit__row" data-entity={entry.entityType}>
                  <td className="records-audit__at">{formatDateTime(Date.parse(entry.at))}</td>
                  <td>{entry.actor}</td>
                  <td>
                    {what(entry)} · {action(entry.action)}
                  </td>
                  <td>
                    <ul className="records-audit__changes">
                      {auditChangeLines(entry.changes, entry.entityType).map((line, i) => (
                        <li key={i}>
                          {t('records.audit.change', {
                            field: t(line.field),
                            from: auditValueText(line.from, line, t, language),
                            to: auditValueText(line.to, line, t, language),
                          })}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
