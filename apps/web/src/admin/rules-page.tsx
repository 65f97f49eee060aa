/**
 * 管理 · 规则 — alert rules for park admins: the rule table (name, kind, device kind, metric with its unit, every
 * parameter with its unit, state), editing a rule's parameters with the API's own checks (rules-form.ts runs the
 * engine's parser) and a dry-run of the edited parameters over recent data before saving, enabling and disabling,
 * and creating a rule. The API checks everything again; its refusal is shown on the field it names.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { describeError } from '../api/error-text';
import { ApiError } from '../api/http';
import type { Session } from '../session/session';
import { LoadStates, apiErrorText } from './admin-ui';
import { DEVICE_KIND_NAMES, kindLabel, metricLabel } from './device-form';
import {
  checkDraft,
  draftFromRule,
  dryRunSummary,
  fieldOfMessage,
  isRuleKind,
  metricUnit,
  NEW_RULE_DRAFT,
  paramKeys,
  checkLabels,
  PERIOD_LABELS,
  STUCK_STATE_LABELS,
  kindText,
  metricText,
  paramLabel,
  paramSpec,
  paramSummary,
  DURATION_UNIT_LABELS,
  DURATION_UNITS,
  draftDurationUnit,
  durationUnitKey,
  isDuration,
  paramUnitText,
  RULE_KINDS,
  type FieldErrors,
  type RuleDraft,
} from './rules-form';
import { RulesApi, type DryRunResult, type RuleView } from './rules-api';
import { DEVICE_KINDS, isDeviceKind } from '@park/contracts';
import './admin-devices.css';
import './rules.css';

const DRY_RUN_HOURS = [6, 24, 72, 168] as const;

export function RulesPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t, language } = useI18n();
  const api = useMemo(() => new RulesApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const loadRules = useCallback((signal: AbortSignal) => api.list(signal), [api]);
  const [rules, reloadRules] = useLoad(loadRules);
  const [editing, setEditing] = useState<RuleView | 'new' | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function toggle(rule: RuleView) {
    const { kind } = rule;
    // A kind this version of the engine does not know cannot be saved back (the API checks it the same way).
    if (!isRuleKind(kind)) {
      setNotice({ kind: 'error', text: t('rules.error.invalid', { message: kind }) });
      return;
    }
    setBusyId(rule.id);
    setNotice(null);
    try {
      await api.update(rule.id, {
        kind,
        name: rule.name,
        deviceKind: rule.deviceKind,
        metric: rule.metric,
        params: { ...rule.params },
        autoResolve: rule.autoResolve,
        enabled: !rule.enabled,
        ...(rule.source ? { source: rule.source } : {}),
      });
      reloadRules();
    } catch (error) {
      setNotice({ kind: 'error', text: t('rules.actionFailed', { message: apiText(error, t) }) });
    } finally {
      setBusyId(null);
    }
  }

  const name = (rule: RuleView) => (language === 'en' ? rule.name.en : rule.name.zh);

  return (
    <div className="devices rules">
      <div className="devices__header">
        <div>
          <h1 className="devices__title">{t('rules.heading')}</h1>
          <p className="devices__subtitle">{t('rules.subtitle')}</p>
        </div>
        <button
          type="button"
          className="button button--primary"
          aria-expanded={editing === 'new'}
          onClick={() => setEditing((e) => (e === 'new' ? null : 'new'))}
        >
          {t('rules.new')}
        </button>
      </div>

      {notice && (
        <p
          className={`notice ${notice.kind === 'ok' ? 'notice--info rules__saved' : 'notice--error'}`}
          role={notice.kind === 'ok' ? 'status' : 'alert'}
        >
          {notice.text}
        </p>
      )}

      {editing && (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          api={api}
          rule={editing === 'new' ? null : editing}
          onSaved={(saved) => {
            setEditing(null);
            setNotice({ kind: 'ok', text: t('rules.saved', { name: name(saved) }) });
            reloadRules();
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      <LoadStates
        load={rules}
        loadingText={t('rules.loading')}
        errorText={(error) => t('rules.loadError', { message: describeError(error, t) })}
        retryLabel={t('rules.retry')}
        onRetry={reloadRules}
      />
      {rules.state === 'ready' && rules.data.length === 0 && (
        <p className="state state--empty">{t('rules.empty')}</p>
      )}
      {rules.state === 'ready' && rules.data.length > 0 && (
        <table className="devices-table rules-table">
          <thead>
            <tr>
              <th>{t('rules.col.name')}</th>
              <th>{t('rules.col.kind')}</th>
              <th>{t('rules.col.deviceKind')}</th>
              <th>{t('rules.col.metric')}</th>
              <th>{t('rules.col.params')}</th>
              <th>{t('rules.col.enabled')}</th>
              <th>{t('rules.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((rule) => (
              <tr key={rule.id} data-rule={rule.code ?? rule.id}>
                <td className="rules-table__name">
                  {name(rule)}
                  {rule.source && <span className="rules-table__source">{rule.source}</span>}
                </td>
                <td>{kindText(rule.kind, t)}</td>
                <td>
                  {rule.deviceKind === '*' ? t('rules.allKinds') : kindLabel(rule.deviceKind, language)}
                </td>
                <td>{metricText(rule, language, t)}</td>
                <td className="rules-table__params">
                  <ul>
                    {paramSummary(rule, language, t).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </td>
                <td className="devices-table__enabled">
                  <span className={`device-state ${rule.enabled ? 'device-state--on' : 'device-state--off'}`}>
                    {t(rule.enabled ? 'rules.enabled' : 'rules.disabled')}
                  </span>
                </td>
                <td className="devices-table__actions">
                  <div>
                    <button
                      type="button"
                      className="button button--quiet rules-table__edit"
                      onClick={() => setEditing(rule)}
                    >
                      {t('rules.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet rules-table__toggle"
                      disabled={busyId === rule.id}
                      onClick={() => void toggle(rule)}
                    >
                      {t(rule.enabled ? 'rules.disable' : 'rules.enable')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

type Translate = ReturnType<typeof useI18n>['t'];

/** The API's own words for a refused change (they name the field); the interface's for the rest. */
function apiText(error: unknown, t: Translate): string {
  return apiErrorText(error, t, 'rules.apiError');
}

function RuleEditor(props: {
  api: RulesApi;
  rule: RuleView | null;
  onSaved: (rule: RuleView) => void;
  onCancel: () => void;
}) {
  const { api, rule, onSaved } = props;
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftFromRule(rule) : NEW_RULE_DRAFT));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'save' | 'dry-run' | null>(null);
  const [hours, setHours] = useState<number>(24);
  const [dryRun, setDryRun] = useState<{ result: DryRunResult } | { error: string } | null>(null);
  const unit = metricUnit(draft.deviceKind, draft.metric);
  const creating = rule === null;

  const set = (changes: Partial<RuleDraft>) => {
    setDraft((d) => ({ ...d, ...changes }));
    setDryRun(null);
  };
  const setParam = (key: string, value: string | boolean) =>
    set({ params: { ...draft.params, [key]: value } });

  /** A refusal from the API, on the field it names when it names one. */
  function refused(error: unknown) {
    const text = apiText(error, t);
    const field =
      error instanceof ApiError && error.status === 400 ? fieldOfMessage(error.message, draft.kind) : null;
    setErrors({ [field ?? 'form']: text });
  }

  async function runDryRun() {
    if (!rule) return;
    const check = checkDraft(draft, t);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setBusy('dry-run');
    try {
      setDryRun({ result: await api.dryRun(rule.id, hours, check.body.params) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 400) refused(error);
      else setDryRun({ error: describeError(error, t) });
    } finally {
      setBusy(null);
    }
  }

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkDraft(draft, t);
    if (!check.ok) {
      setErrors(check.errors);
      return;
    }
    setErrors({});
    setBusy('save');
    try {
      const body = rule?.source ? { ...check.body, source: rule.source } : check.body;
      onSaved(rule ? await api.update(rule.id, body) : await api.create(body));
    } catch (error) {
      refused(error);
      setBusy(null);
    }
  }

  const errorId = (name: string) => `rule-${name.replace(/\./g, '-')}-error`;
  const fieldError = (name: string) =>
    errors[name] ? (
      <span className="field__error" id={errorId(name)}>
        {errors[name]}
      </span>
    ) : null;
  const invalid = (name: string) => ({
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? errorId(name) : undefined,
  });
  const metrics = isDeviceKind(draft.deviceKind) ? Object.keys(DEVICE_KINDS[draft.deviceKind].metrics) : [];

  return (
    <section className="devices__provision rules-editor" aria-labelledby="rule-editor-heading">
      <h2 id="rule-editor-heading" className="devices__section-title">
        {creating
          ? t('rules.form.newHeading')
          : t('rules.form.heading', { name: language === 'en' ? rule.name.en : rule.name.zh })}
      </h2>
      <form className="form devices-form rules-form" onSubmit={(e) => void save(e)} noValidate>
        <label className="field">
          <span className="field__label">{t('rules.form.nameZh')}</span>
          <input
            className="input"
            name="nameZh"
            value={draft.nameZh}
            onChange={(e) => set({ nameZh: e.target.value })}
            {...invalid('nameZh')}
          />
          {fieldError('nameZh')}
        </label>
        <label className="field">
          <span className="field__label">{t('rules.form.nameEn')}</span>
          <input
            className="input"
            name="nameEn"
            value={draft.nameEn}
            onChange={(e) => set({ nameEn: e.target.value })}
            {...invalid('nameEn')}
          />
          {fieldError('nameEn')}
        </label>
        <label className="field">
          <span className="field__label">{t('rules.form.kind')}</span>
          <select
            className="input"
            name="kind"
            value={draft.kind}
            disabled={!creating}
            onChange={(e) =>
              set({
                kind: e.target.value,
                params:
                  e.target.value === 'device-offline' ||
                  e.target.value === 'state-signal' ||
                  e.target.value === 'process-limit'
                    ? {}
                    : { direction: 'above' },
              })
            }
            {...invalid('kind')}
          >
            {RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindText(k, t)}
              </option>
            ))}
          </select>
          {fieldError('kind')}
        </label>
        <label className="field">
          <span className="field__label">{t('rules.form.deviceKind')}</span>
          <select
            className="input"
            name="deviceKind"
            value={draft.deviceKind}
            disabled={!creating}
            onChange={(e) => set({ deviceKind: e.target.value, metric: '' })}
            {...invalid('deviceKind')}
          >
            <option value="">{t('rules.form.choose')}</option>
            <option value="*">{t('rules.allKinds')}</option>
            {DEVICE_KIND_NAMES.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k, language)}
              </option>
            ))}
          </select>
          {fieldError('deviceKind')}
        </label>
        <label className="field">
          <span className="field__label">{t('rules.form.metric')}</span>
          {creating && metrics.length > 0 ? (
            <select
              className="input"
              name="metric"
              value={draft.metric}
              onChange={(e) => set({ metric: e.target.value })}
              {...invalid('metric')}
            >
              <option value="">{t('rules.form.choose')}</option>
              {metrics.map((m) => (
                <option key={m} value={m}>
                  {metricLabel(draft.deviceKind, m, language)}
                </option>
              ))}
            </select>
          ) : (
            <input
              className="input"
              name="metric"
              value={creating ? draft.metric : metricLabel(draft.deviceKind, draft.metric, language)}
              disabled={!creating}
              onChange={(e) => set({ metric: e.target.value })}
              {...invalid('metric')}
            />
          )}
          {fieldError('metric')}
        </label>

        <fieldset className="devices-form__limits rules-form__params">
          <legend className="field__label">{t('rules.form.params')}</legend>
          {paramKeys(draft.kind).map((key) => {
            const spec = paramSpec(key) ?? { type: 'text' as const };
            const name = `params.${key}`;
            const unitText = paramUnitText(key, unit, t);
            const value = draft.params[key];
            const label = (
              <span className="field__label">
                {paramLabel(key, t)}
                {unitText && !isDuration(key) && <span className="rules-form__unit">（{unitText}）</span>}
              </span>
            );
            if (spec.type === 'boolean')
              return (
                <label key={key} className="field field--check">
                  <input
                    type="checkbox"
                    name={name}
                    checked={value === true}
                    onChange={(e) => setParam(key, e.target.checked)}
                  />
                  {label}
                  {fieldError(name)}
                </label>
              );
            const options: [string, MessageKey][] | null =
              spec.type === 'direction'
                ? [
                    ['above', 'rules.direction.above'],
                    ['below', 'rules.direction.below'],
                  ]
                : spec.type === 'level'
                  ? [
                      ['1', 'rules.level.1'],
                      ['2', 'rules.level.2'],
                    ]
                  : spec.type === 'check'
                    ? Object.entries(checkLabels(draft.kind))
                    : spec.type === 'stuckState'
                      ? Object.entries(STUCK_STATE_LABELS)
                      : spec.type === 'period'
                        ? Object.entries(PERIOD_LABELS)
                        : null;
            return (
              <label key={key} className="field">
                {label}
                {options ? (
                  <select
                    className="input"
                    name={name}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(e) => setParam(key, e.target.value)}
                    {...invalid(name)}
                  >
                    <option value="">{t('rules.param.default')}</option>
                    {options.map(([v, k]) => (
                      <option key={v} value={v}>
                        {t(k)}
                      </option>
                    ))}
                  </select>
                ) : isDuration(key) ? (
                  // A time in seconds, minutes or hours, as the admin thinks of it; milliseconds only in the body.
                  <span className="rules-form__duration">
                    <input
                      className="input"
                      name={name}
                      inputMode="decimal"
                      placeholder={t('rules.param.default')}
                      value={typeof value === 'string' ? value : ''}
                      onChange={(e) => setParam(key, e.target.value)}
                      {...invalid(name)}
                    />
                    <select
                      className="input"
                      name={`${name}@unit`}
                      aria-label={t('rules.unit.durationLabel', { param: paramLabel(key, t) })}
                      value={draftDurationUnit(draft, key)}
                      onChange={(e) => setParam(durationUnitKey(key), e.target.value)}
                    >
                      {DURATION_UNITS.map((u) => (
                        <option key={u} value={u}>
                          {t(DURATION_UNIT_LABELS[u])}
                        </option>
                      ))}
                    </select>
                  </span>
                ) : (
                  <input
                    className="input"
                    name={name}
                    inputMode={spec.type === 'number' ? 'decimal' : undefined}
                    placeholder={t('rules.param.default')}
                    value={typeof value === 'string' ? value : ''}
                    onChange={(e) => setParam(key, e.target.value)}
                    {...invalid(name)}
                  />
                )}
                {fieldError(name)}
              </label>
            );
          })}
        </fieldset>

        <label className="field field--check">
          <input
            type="checkbox"
            name="enabled"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          <span className="field__label">{t('rules.form.enabled')}</span>
        </label>
        <label className="field field--check">
          <input
            type="checkbox"
            name="autoResolve"
            checked={draft.autoResolve}
            onChange={(e) => set({ autoResolve: e.target.checked })}
          />
          <span className="field__label">{t('rules.form.autoResolve')}</span>
        </label>

        {errors.form && (
          <p className="notice notice--error devices-form__error rules-form__error" role="alert">
            {errors.form}
          </p>
        )}

        <div className="rules-form__dry-run">
          {creating ? (
            <p className="rules-form__hint">{t('rules.dryRun.afterSave')}</p>
          ) : (
            <>
              <label className="field field--inline">
                <span className="field__label">{t('rules.dryRun.window')}</span>
                <select
                  className="input"
                  name="hours"
                  value={hours}
                  onChange={(e) => {
                    setHours(Number(e.target.value));
                    setDryRun(null);
                  }}
                >
                  {DRY_RUN_HOURS.map((h) => (
                    <option key={h} value={h}>
                      {t('rules.dryRun.hours', { hours: h })}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button rules-form__dry-run-button"
                disabled={busy !== null}
                onClick={() => void runDryRun()}
              >
                {t(busy === 'dry-run' ? 'rules.dryRun.running' : 'rules.dryRun.run')}
              </button>
            </>
          )}
        </div>

        {dryRun && 'error' in dryRun && (
          <p className="notice notice--error devices-form__error" role="alert">
            {t('rules.dryRun.failed', { message: dryRun.error })}
          </p>
        )}
        {dryRun && 'result' in dryRun && <DryRunView result={dryRun.result} />}

        <div className="devices-form__actions">
          <button type="button" className="button" onClick={props.onCancel} disabled={busy === 'save'}>
            {t('rules.form.cancel')}
          </button>
          <button type="submit" className="button button--primary rules-form__save" disabled={busy !== null}>
            {t(busy === 'save' ? 'rules.form.saving' : 'rules.form.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

function DryRunView({ result }: { result: DryRunResult }) {
  const { t, language } = useI18n();
  const summary = dryRunSummary(result, language, t);
  return (
    <section className="rules-dry-run" aria-labelledby="rule-dry-run-heading">
      <h3 id="rule-dry-run-heading" className="rules-dry-run__heading">
        {t('rules.dryRun.heading')}
      </h3>
      <p className="rules-dry-run__summary" role="status">
        {t('rules.dryRun.summary', {
          hours: summary.hours,
          subjects: summary.subjects,
          inputs: summary.inputs,
          opened: summary.opened,
          firings: summary.firings,
          confirmations: summary.confirmations,
        })}
      </p>
      {summary.rows.length === 0 ? (
        <p className="state state--empty rules-dry-run__empty">{t('rules.dryRun.none')}</p>
      ) : (
        <table className="devices-table rules-dry-run__table">
          <thead>
            <tr>
              <th>{t('rules.dryRun.col.time')}</th>
              <th>{t('rules.dryRun.col.subject')}</th>
              <th>{t('rules.dryRun.col.change')}</th>
              <th>{t('rules.dryRun.col.level')}</th>
              <th>{t('rules.dryRun.col.value')}</th>
              <th>{t('rules.dryRun.col.limit')}</th>
              <th>{t('rules.dryRun.col.explanation')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.rows.map((row) => (
              <tr key={row.key}>
                <td>{row.time}</td>
                <td>{row.subject}</td>
                <td>{row.change}</td>
                <td>{row.level}</td>
                <td>{row.value}</td>
                <td>{row.limit}</td>
                <td>{row.explanation}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.more > 0 && (
        <p className="rules-dry-run__more">{t('rules.dryRun.more', { count: summary.more })}</p>
      )}
    </section>
  );
}
