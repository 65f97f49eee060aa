/**
 * 园区指标目标的调整 (admin — the one role PUT /api/analytics/targets/{indicator}/{year} allows): one indicator's
 * target for one year, with its unit and comparator; checked before it is sent (target-form.ts), a refusal said in
 * words. The API keeps the change; the dashboard reloads its figures after it.
 */
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { Note, useFieldHelpers, useSave } from '../records/enterprise-edit';
import type { Comparator, PlanApi } from './plan-api';
import type { TargetRow } from './plan-dashboard';
import { checkTargetForm, targetFormFor, type TargetForm } from './target-form';
import '../records/records.css';

const FIELDS: readonly string[] = ['target'];

export function TargetEditor(props: {
  api: PlanApi;
  row: TargetRow;
  year: number;
  /** The unit as the page shows it (亿元 for an amount the API keeps in 万元). */
  unit: string;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<TargetForm>(() => targetFormFor(props.row, props.year, props.row.unit));
  const save = useSave(FIELDS);
  const { error, invalid } = useFieldHelpers(prefix, save.errors);
  const change = (changes: Partial<TargetForm>) => setForm((f) => ({ ...f, ...changes }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTargetForm(form, props.row.unit);
    if (!checked.ok) {
      save.setErrors(checked.errors);
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      await props.api.putTarget(props.row.indicator, checked.body.year, checked.body.body);
      props.onSaved();
      return 'plan.target.saved';
    });
  };

  return (
    <form
      className="records-edit target-edit"
      onSubmit={submit}
      noValidate
      aria-label={t('plan.target.edit')}
    >
      <div className="records-edit__grid">
        <label className="field">
          <span className="field__label">{t('records.indicators.yearLabel')}</span>
          <input
            className="input"
            name="year"
            inputMode="numeric"
            value={form.year}
            onChange={(e) => change({ year: e.target.value })}
            {...invalid('year')}
          />
          {error('year')}
        </label>
        <label className="field">
          <span className="field__label">{t('plan.target.comparatorLabel')}</span>
          <select
            className="input"
            name="comparator"
            value={form.comparator}
            onChange={(e) => change({ comparator: e.target.value as Comparator })}
          >
            <option value="gte">{t('plan.comparator.gte')}</option>
            <option value="gt">{t('plan.comparator.gt')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('plan.target.valueLabel', { unit: props.unit })}</span>
          <input
            className="input"
            name="target"
            inputMode="decimal"
            value={form.target}
            onChange={(e) => change({ target: e.target.value })}
            {...invalid('target')}
          />
          {error('target')}
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
