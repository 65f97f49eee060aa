/**
 * 产业载体的入驻与迁出 (admin — the one role the tenant routes allow): a new tenant (enterprise picked by name in
 * pinyin order, leased m², start date, the admission note a 限制类 industry needs) and the end of a tenancy. The
 * admission list is the API's to enforce; its refusals are put on their field (tenant-form.ts). A move is an end
 * here and a new tenancy in the other carrier.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { Note, useFieldHelpers, useSave } from '../records/enterprise-edit';
import { beijingToday } from '../records/enterprise-form';
import type { LandApi, Tenancy } from './land-api';
import { enterpriseOptions } from './parcel-form';
import {
  checkEndForm,
  checkTenantForm,
  EMPTY_TENANT_FORM,
  tenantApiErrors,
  type TenantForm,
} from './tenant-form';

const NO_FIELDS: readonly string[] = [];
const END_FIELDS: readonly string[] = ['endDate'];

export function TenantEditor(props: {
  api: LandApi;
  carrierId: string;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<TenantForm>(EMPTY_TENANT_FORM);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const save = useSave(NO_FIELDS, tenantApiErrors);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);
  const change = (changes: Partial<TenantForm>) => setForm((f) => ({ ...f, ...changes }));

  useEffect(() => {
    const controller = new AbortController();
    props.api.enterpriseNames(controller.signal).then(
      (n) => {
        if (!controller.signal.aborted) setNames(n);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [props.api]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTenantForm(form);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      await props.api.addTenant(props.carrierId, checked.body);
      props.onSaved();
      return 'carriers.tenant.added';
    });
  };

  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {t('carriers.tenant.addHeading')}
      </h2>
      <div className="records-edit__grid">
        <label className="field">
          <span className="field__label">{t('records.col.name')}</span>
          <select
            className="input"
            name="enterpriseId"
            value={form.enterpriseId}
            onChange={(e) => change({ enterpriseId: e.target.value })}
            {...invalid('enterpriseId')}
          >
            <option value="">{t('records.events.chooseType')}</option>
            {enterpriseOptions(names).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {error('enterpriseId')}
        </label>
        <label className="field">
          <span className="field__label">{t('carriers.tenant.areaLabel')}</span>
          <input
            className="input"
            name="areaM2"
            inputMode="decimal"
            value={form.areaM2}
            onChange={(e) => change({ areaM2: e.target.value })}
            {...invalid('areaM2')}
          />
          {error('areaM2')}
        </label>
        <label className="field">
          <span className="field__label">{t('carriers.tenant.since')}</span>
          <input
            className="input"
            type="date"
            name="startDate"
            value={form.startDate}
            onChange={(e) => change({ startDate: e.target.value })}
            {...invalid('startDate')}
          />
          {error('startDate')}
        </label>
        <label className="field records-edit__wide">
          <span className="field__label">{t('carriers.tenant.noteLabel')}</span>
          <textarea
            className="input input--area"
            name="overrideNote"
            rows={2}
            value={form.overrideNote}
            onChange={(e) => change({ overrideNote: e.target.value })}
            {...invalid('overrideNote')}
          />
          {error('overrideNote')}
        </label>
      </div>
      <p className="records__muted">{t('carriers.tenant.moveHint')}</p>
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

export function EndTenancyForm(props: {
  api: LandApi;
  tenancy: Tenancy;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const prefix = useId();
  const [endDate, setEndDate] = useState(() => beijingToday(Date.now()));
  const save = useSave(END_FIELDS);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkEndForm(endDate, props.tenancy.startDate);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      return;
    }
    void save.run(async () => {
      await props.api.endTenancy(props.tenancy.carrierId, props.tenancy.id, checked.body);
      props.onSaved();
      return 'carriers.tenant.ended';
    });
  };

  return (
    <form className="records-edit records-edit--inline" onSubmit={submit} noValidate>
      <label className="field">
        <span className="field__label">{t('carriers.tenant.endLabel')}</span>
        <input
          className="input"
          type="date"
          name="endDate"
          value={endDate}
          onChange={(e) => setEndDate(e.target.value)}
          {...invalid('endDate')}
        />
        {error('endDate')}
      </label>
      <Note note={save.note} />
      <div className="records-edit__actions">
        <button type="button" className="button" onClick={props.onClose}>
          {t('records.edit.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {t('carriers.tenant.end')}
        </button>
      </div>
    </form>
  );
}
