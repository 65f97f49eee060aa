/**
 * 一地一档的编辑 (admin — the one role PATCH /api/parcels/{id} allows): the parcel's name, area, land use, holder,
 * the enterprise using it (picked by name, in pinyin order), the 低效用地 / 盘活 flags, and the dossier: 不动产权证号,
 * 出让日期 and 出让年限 (the end date shown as it will be computed), 容积率, 投资强度 and the 出让合同. Checked before it is sent
 * (parcel-form.ts), a refusal from the API put on its field, success said in words; the API audits the change.
 */
import { transferEndDate } from '@park/contracts';
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { Note, useFieldHelpers, useSave } from '../records/enterprise-edit';
import type { LandApi, Parcel } from './land-api';
import { checkParcelForm, enterpriseOptions, LAND_USES, parcelFormOf, type ParcelForm } from './parcel-form';

const FIELDS = [
  'name',
  'areaMu',
  'landUse',
  'owner',
  'enterpriseId',
  'revitalizedYear',
  'certificateNo',
  'transferDate',
  'transferTermYears',
  'plotRatio',
  'investmentIntensity',
  'contractNo',
  'contractTerms',
];

type TextField = Exclude<keyof ParcelForm, 'enterpriseId' | 'inefficient' | 'contractTerms'>;

export function ParcelEditor(props: {
  api: LandApi;
  parcel: Parcel;
  enterprises: ReadonlyMap<string, string>;
  onSaved: (p: Parcel) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<ParcelForm>(() => parcelFormOf(props.parcel));
  const save = useSave(FIELDS);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);
  const change = (changes: Partial<ParcelForm>) => setForm((f) => ({ ...f, ...changes }));
  const options = enterpriseOptions(props.enterprises);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkParcelForm(props.parcel, form);
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
      props.onSaved(await props.api.updateParcel(props.parcel.id, checked.body));
      return 'parcels.edit.saved';
    });
  };

  const text = (
    name: TextField,
    label: string,
    inputMode?: 'decimal' | 'numeric',
    list?: string,
    type?: 'date',
  ) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="input"
        name={name}
        type={type}
        value={form[name]}
        inputMode={inputMode}
        list={list}
        onChange={(e) => change({ [name]: e.target.value })}
        {...invalid(name)}
      />
      {error(name)}
    </label>
  );
  // The end of the term as the API will compute it (the same function), shown while it is typed.
  const term = /^\d+$/.test(form.transferTermYears.trim()) ? Number(form.transferTermYears.trim()) : null;
  const endDate = transferEndDate(form.transferDate.trim() || null, term);
  const label = (key: MessageKey) => t(key);

  return (
    <form className="records-edit" aria-labelledby={`${prefix}-heading`} onSubmit={submit} noValidate>
      <h2 id={`${prefix}-heading`} className="records__section-title">
        {t('parcels.edit.heading')}
      </h2>
      <div className="records-edit__grid">
        {text('name', label('parcels.col.name'))}
        {text('areaMu', `${t('parcels.col.area')}（${t('unit.mu')}）`, 'decimal')}
        {text('landUse', label('parcels.col.landUse'), undefined, `${prefix}-land-uses`)}
        <datalist id={`${prefix}-land-uses`}>
          {LAND_USES.map((use) => (
            <option key={use} value={use} />
          ))}
        </datalist>
        {text('owner', label('parcels.col.owner'))}
        <label className="field">
          <span className="field__label">{t('parcels.col.enterprise')}</span>
          <select
            className="input"
            name="enterpriseId"
            value={form.enterpriseId}
            onChange={(e) => change({ enterpriseId: e.target.value })}
            {...invalid('enterpriseId')}
          >
            <option value="">{t('parcels.edit.noEnterprise')}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {error('enterpriseId')}
        </label>
        {text('revitalizedYear', t('parcels.edit.revitalizedYear'), 'numeric')}
      </div>
      <label className="records-edit__check">
        <input
          type="checkbox"
          name="inefficient"
          checked={form.inefficient}
          onChange={(e) => change({ inefficient: e.target.checked })}
        />
        {t('parcels.edit.inefficient')}
      </label>
      <h3 className="land-edit__subheading">{t('parcels.dossier.heading')}</h3>
      <div className="records-edit__grid">
        {text('certificateNo', t('parcels.field.certificateNo'))}
        {text('transferDate', t('parcels.field.transferDate'), undefined, undefined, 'date')}
        {text('transferTermYears', t('parcels.field.transferTermYears'), 'numeric')}
        {text('plotRatio', t('parcels.field.plotRatio'), 'decimal')}
        {text('investmentIntensity', t('parcels.field.investmentIntensity'), 'decimal')}
        {text('contractNo', t('parcels.field.contractNo'))}
        <p className="records__muted records-edit__wide" data-field="transferEndDate">
          {endDate ? t('parcels.edit.endDatePreview', { date: endDate }) : t('parcels.endDate.needs')}
        </p>
        <label className="field records-edit__wide">
          <span className="field__label">{t('parcels.field.contractTerms')}</span>
          <textarea
            className="input input--area"
            name="contractTerms"
            rows={3}
            placeholder={t('parcels.field.contractTermsHint')}
            value={form.contractTerms}
            onChange={(e) => change({ contractTerms: e.target.value })}
            {...invalid('contractTerms')}
          />
          {error('contractTerms')}
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
