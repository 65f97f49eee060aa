/**
 * 资质认定 on the enterprise's profile — its certificates with their expiry state (到期提醒 within 90 days), what
 * each does for the cultivation libraries, their documents; admins add, edit and delete certificates and attach
 * documents (the API allows writes to admins only, as for the rest of the record) — and the park-wide list with
 * its filter (即将到期 / 已过期 / type) on the enterprises page. An energy manager sees their own enterprise's only.
 */
import { QUALIFICATION_DOCUMENT_KINDS } from '@park/contracts';
import { useCallback, useId, useState, type FormEvent } from 'react';
import { apiErrorText } from '../admin/admin-ui';
import { formatNumber } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { documentAccept, documentSize, documentTooLarge } from './document-files';
import { Note, useFieldHelpers, useSave } from './enterprise-edit';
import {
  checkQualificationForm,
  EMPTY_QUALIFICATION_FORM,
  expires,
  formatCalendarDate,
  LEVEL_LABELS,
  levelsOf,
  libraryEffect,
  NOTE_MAX,
  QUALIFICATION_FIELDS,
  QUALIFICATION_TYPE_LIST,
  qualificationFormOf,
  STATE_LABELS,
  TYPE_LABELS,
  type QualificationForm,
} from './qualification-form';
import type {
  Qualification,
  QualificationDocument,
  QualificationsApi,
  QualificationStateFilter,
  QualificationType,
} from './qualifications-api';
import { AppLink, LoadError, Loading } from './records-ui';

const DOCUMENT_ACCEPT = documentAccept(QUALIFICATION_DOCUMENT_KINDS);

function ExpiryCell({ q }: { q: Qualification }) {
  const { t, language } = useI18n();
  if (q.expiresOn === null) return <span className="records__muted">{t('qualifications.noExpiry')}</span>;
  return (
    <span>
      {formatCalendarDate(q.expiresOn, language)}
      <span className={`qualification-state qualification-state--${q.state}`}>
        {t(STATE_LABELS[q.state])}
        {q.daysToExpiry !== null &&
          q.state === 'expiring' &&
          ` · ${t('qualifications.daysLeft', { days: formatNumber(q.daysToExpiry, language) })}`}
      </span>
    </span>
  );
}

function TypeCell({ q }: { q: Qualification }) {
  const { t } = useI18n();
  return (
    <span>
      {t(TYPE_LABELS[q.type])}
      {q.level && <span className="records__muted"> · {t(LEVEL_LABELS[q.level])}</span>}
    </span>
  );
}

/** The certificates of one enterprise, on its profile. */
export function QualificationsSection(props: {
  api: QualificationsApi;
  enterpriseId: string;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t, language } = useI18n();
  const { api, enterpriseId } = props;
  const load = useCallback(
    (signal: AbortSignal) => api.ofEnterprise(enterpriseId, signal),
    [api, enterpriseId],
  );
  const [list, retry] = useLoad(load);
  const [editing, setEditing] = useState<Qualification | 'new' | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const reload = () => {
    retry();
    props.onChanged();
  };

  const upload = async (q: Qualification, file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (documentTooLarge(file)) {
      setFileError(t('qualifications.document.tooLarge'));
      return;
    }
    try {
      await api.upload(q, file);
      reload();
    } catch (error) {
      setFileError(apiErrorText(error, t, 'qualifications.document.failed'));
    }
  };
  const download = async (q: Qualification, d: QualificationDocument) => {
    setFileError(null);
    try {
      await api.save(q, d);
    } catch (error) {
      setFileError(apiErrorText(error, t, 'qualifications.document.failed'));
    }
  };
  const remove = async (q: Qualification) => {
    if (!window.confirm(t('qualifications.confirmDelete', { number: q.certificateNo }))) return;
    try {
      await api.remove(enterpriseId, q.id);
      reload();
    } catch (error) {
      setFileError(apiErrorText(error, t, 'records.edit.failed'));
    }
  };

  return (
    <section className="records__section" aria-labelledby="records-qualifications-heading">
      <h2 id="records-qualifications-heading" className="records__section-title">
        {t('qualifications.heading')}
      </h2>
      {props.canEdit && editing === null && (
        <div className="records-edit__bar">
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {t('qualifications.add')}
          </button>
        </div>
      )}
      {editing !== null && (
        <QualificationEditor
          api={api}
          enterpriseId={enterpriseId}
          qualification={editing === 'new' ? null : editing}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {fileError && (
        <p className="records-edit__note records-edit__note--error" role="alert">
          {fileError}
        </p>
      )}
      {list.state === 'loading' && <Loading text={t('qualifications.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} onRetry={retry} />}
      {list.state === 'ready' && list.data.length === 0 && (
        <p className="state state--empty">{t('qualifications.empty')}</p>
      )}
      {list.state === 'ready' && list.data.length > 0 && (
        <ul className="qualifications">
          {list.data.map((q) => {
            const effect = libraryEffect(q);
            return (
              <li key={q.id} className="qualification" data-qualification={q.id} data-state={q.state}>
                <div className="qualification__head">
                  <strong>
                    <TypeCell q={q} />
                  </strong>
                  <span className="qualification__number">
                    {t('qualifications.number')}：{q.certificateNo}
                  </span>
                </div>
                <p className="qualification__dates">
                  {t('qualifications.issuedOn')}：{formatCalendarDate(q.issuedOn, language)}
                  {' · '}
                  {t('qualifications.expiresOn')}：<ExpiryCell q={q} />
                </p>
                <p className="qualification__effect">
                  {t(effect.key, { library: t(effect.params.library as MessageKey) })}
                </p>
                {q.note && <p className="records__muted">{q.note}</p>}
                <div className="qualification__documents">
                  {q.documents.length === 0 ? (
                    <span className="records__muted">{t('qualifications.document.none')}</span>
                  ) : (
                    q.documents.map((d) => (
                      <button
                        key={d.id}
                        type="button"
                        className="button button--link"
                        onClick={() => void download(q, d)}
                      >
                        {d.filename}（{documentSize(d.size, language)}）
                      </button>
                    ))
                  )}
                </div>
                {props.canEdit && (
                  <div className="qualification__actions">
                    <button type="button" className="button" onClick={() => setEditing(q)}>
                      {t('qualifications.edit')}
                    </button>
                    <label className="button">
                      {t('qualifications.document.attach')}
                      <input
                        className="visually-hidden"
                        type="file"
                        accept={DOCUMENT_ACCEPT}
                        onChange={(e) => {
                          void upload(q, e.target.files?.[0]);
                          e.target.value = '';
                        }}
                      />
                    </label>
                    <button type="button" className="button" onClick={() => void remove(q)}>
                      {t('qualifications.delete')}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p className="hint">{t('qualifications.documentHint')}</p>
    </section>
  );
}

function QualificationEditor(props: {
  api: QualificationsApi;
  enterpriseId: string;
  qualification: Qualification | null;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<QualificationForm>(
    props.qualification ? qualificationFormOf(props.qualification) : EMPTY_QUALIFICATION_FORM,
  );
  const save = useSave(QUALIFICATION_FIELDS);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);
  const change = (changes: Partial<QualificationForm>) => setForm((f) => ({ ...f, ...changes }));
  const levels = levelsOf(form.type);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkQualificationForm(form);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      if (props.qualification)
        await props.api.update(props.enterpriseId, props.qualification.id, checked.body);
      else await props.api.create(props.enterpriseId, checked.body);
      props.onSaved();
      return 'qualifications.saved';
    });
  };

  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h3 id={`${prefix}-heading`} className="records__section-title">
        {t(props.qualification ? 'qualifications.editHeading' : 'qualifications.addHeading')}
      </h3>
      <div className="records-edit__grid">
        <label className="field">
          <span className="field__label">{t('qualifications.type')}</span>
          <select
            className="input"
            name="type"
            value={form.type}
            onChange={(e) => {
              const type = e.target.value as QualificationType | '';
              const allowed = levelsOf(type);
              change({
                type,
                level:
                  allowed.length === 1 ? allowed[0] : allowed.includes(form.level as never) ? form.level : '',
                expiresOn: expires(type) ? form.expiresOn : '',
              });
            }}
            {...invalid('type')}
          >
            <option value="">{t('qualifications.chooseType')}</option>
            {QUALIFICATION_TYPE_LIST.map((type) => (
              <option key={type} value={type}>
                {t(TYPE_LABELS[type])}
              </option>
            ))}
          </select>
          {error('type')}
        </label>
        <label className="field">
          <span className="field__label">{t('qualifications.level')}</span>
          <select
            className="input"
            name="level"
            value={form.level}
            disabled={levels.length === 0}
            onChange={(e) => change({ level: e.target.value as QualificationForm['level'] })}
            {...invalid('level')}
          >
            <option value="">
              {levels.length === 0 ? t('qualifications.noLevel') : t('qualifications.chooseLevel')}
            </option>
            {levels.map((l) => (
              <option key={l} value={l}>
                {t(LEVEL_LABELS[l])}
              </option>
            ))}
          </select>
          {error('level')}
        </label>
        <label className="field">
          <span className="field__label">
            {t(expires(form.type) ? 'qualifications.number' : 'qualifications.stockCode')}
          </span>
          <input
            className="input"
            name="certificateNo"
            value={form.certificateNo}
            maxLength={64}
            onChange={(e) => change({ certificateNo: e.target.value })}
            {...invalid('certificateNo')}
          />
          {error('certificateNo')}
        </label>
        <label className="field">
          <span className="field__label">{t('qualifications.issuedOn')}</span>
          <input
            className="input"
            type="date"
            name="issuedOn"
            value={form.issuedOn}
            onChange={(e) => change({ issuedOn: e.target.value })}
            {...invalid('issuedOn')}
          />
          {error('issuedOn')}
        </label>
        <label className="field">
          <span className="field__label">{t('qualifications.expiresOn')}</span>
          <input
            className="input"
            type="date"
            name="expiresOn"
            value={form.expiresOn}
            disabled={!expires(form.type)}
            onChange={(e) => change({ expiresOn: e.target.value })}
            {...invalid('expiresOn')}
          />
          {error('expiresOn')}
        </label>
        <label className="field records-edit__wide">
          <span className="field__label">{t('qualifications.note')}</span>
          <textarea
            className="input input--area"
            name="note"
            rows={2}
            maxLength={NOTE_MAX}
            value={form.note}
            onChange={(e) => change({ note: e.target.value })}
            {...invalid('note')}
          />
          {error('note')}
        </label>
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

const STATE_FILTERS: readonly (QualificationStateFilter | '')[] = ['', 'expiring', 'expired', 'valid'];
const FILTER_LABELS: Readonly<Record<QualificationStateFilter | '', MessageKey>> = {
  '': 'qualifications.filter.all',
  expiring: 'qualifications.filter.expiring',
  expired: 'qualifications.filter.expired',
  valid: 'qualifications.filter.valid',
};

/**
 * The park-wide list: 资质到期提醒 first (the default filter), or the expired, or every certificate of a type. The
 * expiry comes second, so a phone shows it beside the name without scrolling the table.
 */
export function ParkQualifications(props: {
  api: QualificationsApi;
  onNavigate: (path: string) => void;
  initialState?: QualificationStateFilter | '';
}) {
  const { t, language } = useI18n();
  const prefix = useId();
  const [state, setState] = useState<QualificationStateFilter | ''>(props.initialState ?? 'expiring');
  const [type, setType] = useState<QualificationType | ''>('');
  const load = useCallback(
    (signal: AbortSignal) => props.api.park({ state: state || undefined, type: type || undefined }, signal),
    [props.api, state, type],
  );
  const [list, retry] = useLoad(load);
  return (
    <section className="records__section" aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {t('qualifications.parkHeading')}
      </h2>
      <div className="qualifications__filters">
        <label className="field">
          <span className="field__label">{t('qualifications.filter.state')}</span>
          <select
            className="input"
            name="state"
            value={state}
            onChange={(e) => setState(e.target.value as QualificationStateFilter | '')}
          >
            {STATE_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(FILTER_LABELS[s])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('qualifications.type')}</span>
          <select
            className="input"
            name="type"
            value={type}
            onChange={(e) => setType(e.target.value as QualificationType | '')}
          >
            <option value="">{t('qualifications.filter.allTypes')}</option>
            {QUALIFICATION_TYPE_LIST.map((ty) => (
              <option key={ty} value={ty}>
                {t(TYPE_LABELS[ty])}
              </option>
            ))}
          </select>
        </label>
      </div>
      {state === 'expiring' && <p className="hint">{t('qualifications.reminderHint')}</p>}
      {list.state === 'loading' && <Loading text={t('qualifications.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} onRetry={retry} />}
      {list.state === 'ready' && list.data.length === 0 && (
        <p className="state state--empty">{t('qualifications.parkEmpty')}</p>
      )}
      {list.state === 'ready' && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="evaluation records-table qualifications-table">
            <thead>
              <tr>
                <th scope="col">{t('records.col.name')}</th>
                <th scope="col">{t('qualifications.expiresOn')}</th>
                <th scope="col">{t('qualifications.type')}</th>
                <th scope="col">{t('qualifications.number')}</th>
                <th scope="col">{t('qualifications.issuedOn')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((q) => (
                <tr key={q.id} data-qualification={q.id} data-state={q.state}>
                  <td className="records-table__name">
                    <AppLink
                      path={`/enterprises/${encodeURIComponent(q.enterpriseId)}`}
                      onNavigate={props.onNavigate}
                    >
                      {q.enterpriseName}
                    </AppLink>
                  </td>
                  <td>
                    <ExpiryCell q={q} />
                  </td>
                  <td>
                    <TypeCell q={q} />
                  </td>
                  <td className="records-table__code">{q.certificateNo}</td>
                  <td>{formatCalendarDate(q.issuedOn, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
