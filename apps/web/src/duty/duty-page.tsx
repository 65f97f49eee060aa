/**
 * 值班与升级 — who is on duty and who is told when nobody acknowledges an alert: who is on duty now, the week's
 * roster (值班表) as a table by day (值班员 and 带班领导 apart), the escalation chain (升级链) as ordered steps
 * "未确认 N 分钟后 → 通知 谁 经 哪个渠道", and each enterprise's safety contact (安全负责人). Admins add, edit and delete;
 * officers and operators read. The API is apps/api/src/duty/*; the rules are docs/notifications.md.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { RULE_KINDS } from '@park/rules-engine';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import type { Session } from '../session/session';
import { LoadStates, useApiErrorText } from '../admin/admin-ui';
import {
  DutyApi,
  type ChannelView,
  type DutyShiftView,
  type EscalationStepView,
  type SafetyContactView,
} from './duty-api';
import {
  checkShift,
  checkStep,
  clockOf,
  nextPosition,
  parkDay,
  shiftsOnDay,
  toParkInput,
  weekDays,
  weekStart,
  type ShiftForm,
  type StepForm,
} from './duty-model';
import '../admin/admin-devices.css';
import './duty-page.css';

const HOUR = 3_600_000;
const TARGETS = ['duty-officer', 'duty-leader', 'enterprise-contact', 'people'] as const;
const TARGET_LABELS: Readonly<Record<(typeof TARGETS)[number], MessageKey>> = {
  'duty-officer': 'duty.target.duty-officer',
  'duty-leader': 'duty.target.duty-leader',
  'enterprise-contact': 'duty.target.enterprise-contact',
  people: 'duty.target.people',
};
/** Monday first, as the roster's week. */
const WEEKDAY_LABELS: readonly MessageKey[] = [
  'duty.weekday.0',
  'duty.weekday.1',
  'duty.weekday.2',
  'duty.weekday.3',
  'duty.weekday.4',
  'duty.weekday.5',
  'duty.weekday.6',
];
const SEVERITIES = ['warning', 'critical'] as const;

type Errors = Partial<Record<string, MessageKey>>;

export function DutyPage(props: { session: Session; onUnauthorized: () => void }) {
  const { session, onUnauthorized } = props;
  const { t } = useI18n();
  const isAdmin = session.user.role === 'admin';
  const errorText = useApiErrorText('duty.apiError');
  const api = useMemo(() => new DutyApi(session.token, onUnauthorized), [session.token, onUnauthorized]);

  const [week, setWeek] = useState(0);
  const start = useMemo(() => weekStart(Date.now(), week), [week]);
  const days = useMemo(() => weekDays(start), [start]);

  const loadNow = useCallback((signal: AbortSignal) => api.onDuty(signal), [api]);
  const loadShifts = useCallback(
    (signal: AbortSignal) => api.shifts(start, start + 7 * 24 * HOUR, signal),
    [api, start],
  );
  const loadSteps = useCallback((signal: AbortSignal) => api.steps(signal), [api]);
  const loadContacts = useCallback((signal: AbortSignal) => api.safetyContacts(signal), [api]);
  const loadChannels = useCallback(
    (signal: AbortSignal) => (isAdmin ? api.channels(signal) : Promise.resolve([] as ChannelView[])),
    [api, isAdmin],
  );
  const [onDuty, reloadNow] = useLoad(loadNow);
  const [shifts, reloadShifts] = useLoad(loadShifts);
  const [steps, reloadSteps] = useLoad(loadSteps);
  const [contacts, reloadContacts] = useLoad(loadContacts);
  const [channels] = useLoad(loadChannels);

  const [actionError, setActionError] = useState<string | null>(null);

  // The shift form: empty for a new shift (today 08:00–20:00), or the shift being edited.
  const blankShift = (): ShiftForm => {
    const today = parkDay(Date.now());
    return {
      duty: 'officer',
      name: '',
      phone: '',
      email: '',
      startsAt: `${today}T08:00`,
      endsAt: `${today}T20:00`,
      note: '',
    };
  };
  const [shiftForm, setShiftForm] = useState<ShiftForm>(blankShift);
  const [editingShift, setEditingShift] = useState<string | null>(null);
  const [shiftErrors, setShiftErrors] = useState<Errors>({});
  const [shiftBusy, setShiftBusy] = useState(false);

  async function saveShift(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const check = checkShift(shiftForm);
    setActionError(null);
    if (!check.ok) {
      setShiftErrors(check.errors);
      return;
    }
    setShiftErrors({});
    setShiftBusy(true);
    try {
      if (editingShift) await api.updateShift(editingShift, check.value);
      else await api.createShift(check.value);
      setEditingShift(null);
      setShiftForm(blankShift());
      reloadShifts();
      reloadNow();
    } catch (error) {
      setActionError(errorText(error));
    } finally {
      setShiftBusy(false);
    }
  }

  function editShift(shift: DutyShiftView) {
    setEditingShift(shift.id);
    setShiftErrors({});
    setShiftForm({
      duty: shift.duty,
      name: shift.name,
      phone: shift.phone ?? '',
      email: shift.email ?? '',
      startsAt: toParkInput(shift.startsAt),
      endsAt: toParkInput(shift.endsAt),
      note: shift.note ?? '',
    });
  }

  async function removeShift(shift: DutyShiftView) {
    if (!window.confirm(t('duty.shift.removeConfirm', { name: shift.name }))) return;
    setActionError(null);
    try {
      await api.removeShift(shift.id);
      reloadShifts();
      reloadNow();
    } catch (error) {
      setActionError(errorText(error));
    }
  }

  const blankStep = (position: number): StepForm => ({
    position: String(position),
    afterMinutes: '0',
    target: 'duty-officer',
    peopleName: '',
    peoplePhone: '',
    peopleEmail: '',
    channelIds: [],
    severities: [],
    ruleKinds: [],
    enterpriseIds: [],
    carrierIds: [],
    enabled: true,
  });
  const [stepForm, setStepForm] = useState<StepForm | null>(null);
  const [editingStep, setEditingStep] = useState<string | null>(null);
  const [stepErrors, setStepErrors] = useState<Errors>({});
  const [stepBusy, setStepBusy] = useState(false);

  async function saveStep(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stepForm) return;
    const check = checkStep(stepForm);
    setActionError(null);
    if (!check.ok) {
      setStepErrors(check.errors);
      return;
    }
    setStepErrors({});
    setStepBusy(true);
    try {
      if (editingStep) await api.updateStep(editingStep, check.value);
      else await api.createStep(check.value);
      setEditingStep(null);
      setStepForm(null);
      reloadSteps();
    } catch (error) {
      setActionError(errorText(error));
    } finally {
      setStepBusy(false);
    }
  }

  function editStep(step: EscalationStepView) {
    const person = step.people[0];
    setEditingStep(step.id);
    setStepErrors({});
    setStepForm({
      position: String(step.position),
      afterMinutes: String(step.afterMinutes),
      target: step.target,
      peopleName: person?.name ?? '',
      peoplePhone: person?.phone ?? '',
      peopleEmail: person?.email ?? '',
      channelIds: [...step.channelIds],
      severities: [...step.severities],
      // Kept as they are: the carriers (areas) are set over the API, and an edit must not drop them.
      ruleKinds: [...step.ruleKinds],
      enterpriseIds: [...step.enterpriseIds],
      carrierIds: [...step.carrierIds],
      enabled: step.enabled,
    });
  }

  async function removeStep(step: EscalationStepView) {
    if (!window.confirm(t('duty.step.removeConfirm', { position: step.position }))) return;
    setActionError(null);
    try {
      await api.removeStep(step.id);
      reloadSteps();
    } catch (error) {
      setActionError(errorText(error));
    }
  }

  const [contactEditing, setContactEditing] = useState<SafetyContactView | null>(null);
  const [contactBusy, setContactBusy] = useState(false);

  async function saveContact(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!contactEditing) return;
    setContactBusy(true);
    setActionError(null);
    try {
      await api.setSafetyContact(contactEditing.enterpriseId, {
        name: contactEditing.name ?? null,
        phone: contactEditing.phone ?? null,
        email: contactEditing.email ?? null,
      });
      setContactEditing(null);
      reloadContacts();
    } catch (error) {
      setActionError(errorText(error));
    } finally {
      setContactBusy(false);
    }
  }

  const targetText = (step: EscalationStepView) =>
    step.target === 'people' ? step.people.map((p) => p.name).join('、') : t(TARGET_LABELS[step.target]);
  const channelText = (step: EscalationStepView) =>
    step.channels.length === 0
      ? t('duty.step.noChannel')
      : step.channels.map((c) => `${c.name}（${t(`notify.kind.${c.kind}` as MessageKey)}）`).join('、');
  const severityText = (step: EscalationStepView) =>
    step.severities.length === 0
      ? t('duty.step.allSeverities')
      : step.severities.map((s) => t(`severity.${s}` as MessageKey)).join('、');
  const enterpriseName = (id: string) =>
    (contacts.state === 'ready' ? contacts.data.find((c) => c.enterpriseId === id)?.enterpriseName : null) ??
    t('duty.step.unknownEnterprise');
  /** The routing filters beyond severity, in words: rule kinds, enterprises, and how many carriers. */
  const routingText = (step: EscalationStepView) =>
    [
      step.ruleKinds.length > 0 &&
        t('duty.step.onlyKinds', {
          kinds: step.ruleKinds.map((k) => t(`rules.kind.${k}` as MessageKey)).join('、'),
        }),
      step.enterpriseIds.length > 0 &&
        t('duty.step.onlyEnterprises', { names: step.enterpriseIds.map(enterpriseName).join('、') }),
      step.carrierIds.length > 0 && t('duty.step.onlyCarriers', { count: step.carrierIds.length }),
    ]
      .filter(Boolean)
      .map((text) => ` · ${String(text)}`)
      .join('');

  const fieldError = (errors: Errors, key: string, id: string) => {
    const message = errors[key];
    return message ? (
      <span className="field__error" id={id}>
        {t(message)}
      </span>
    ) : null;
  };

  return (
    <div className="devices duty">
      <div className="devices__header">
        <div>
          <h1 className="devices__title">{t('duty.heading')}</h1>
          <p className="devices__subtitle">{t('duty.subtitle')}</p>
        </div>
      </div>

      {actionError && (
        <p className="notice notice--error" role="alert">
          {actionError}
        </p>
      )}

      <section className="devices__provision duty__now" aria-labelledby="duty-now-heading">
        <h2 id="duty-now-heading" className="devices__section-title">
          {t('duty.now.heading')}
        </h2>
        <LoadStates
          load={onDuty}
          loadingText={t('duty.loading')}
          errorText={(error) => t('duty.loadError', { message: errorText(error) })}
          retryLabel={t('duty.retry')}
          onRetry={reloadNow}
        />
        {onDuty.state === 'ready' && (
          <dl className="duty__now-list">
            <dt>{t('duty.role.officer')}</dt>
            <dd className="duty__now-officers">
              {onDuty.data.officers.length === 0
                ? t('duty.now.nobody')
                : onDuty.data.officers.map((s) => `${s.name} ${s.phone ?? ''}`.trim()).join('；')}
            </dd>
            <dt>{t('duty.role.leader')}</dt>
            <dd className="duty__now-leaders">
              {onDuty.data.leaders.length === 0
                ? t('duty.now.nobody')
                : onDuty.data.leaders.map((s) => `${s.name} ${s.phone ?? ''}`.trim()).join('；')}
            </dd>
          </dl>
        )}
      </section>

      <section className="devices__provision" aria-labelledby="duty-roster-heading">
        <div className="duty__section-head">
          <h2 id="duty-roster-heading" className="devices__section-title">
            {t('duty.roster.heading', { from: days[0].day, to: days[6].day })}
          </h2>
          <div className="duty__week-nav">
            <button type="button" className="button" onClick={() => setWeek((w) => w - 1)}>
              {t('duty.roster.previous')}
            </button>
            <button type="button" className="button" onClick={() => setWeek(0)} disabled={week === 0}>
              {t('duty.roster.thisWeek')}
            </button>
            <button type="button" className="button" onClick={() => setWeek((w) => w + 1)}>
              {t('duty.roster.next')}
            </button>
          </div>
        </div>
        <LoadStates
          load={shifts}
          loadingText={t('duty.loading')}
          errorText={(error) => t('duty.loadError', { message: errorText(error) })}
          retryLabel={t('duty.retry')}
          onRetry={reloadShifts}
        />
        {shifts.state === 'ready' && (
          <table className="devices-table duty-roster">
            <thead>
              <tr>
                <th>{t('duty.roster.day')}</th>
                <th>{t('duty.role.officer')}</th>
                <th>{t('duty.role.leader')}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => {
                const onDay = shiftsOnDay(shifts.data, day);
                const cell = (duty: 'officer' | 'leader') => {
                  const list = onDay.filter((s) => s.duty === duty);
                  if (list.length === 0)
                    return <span className="duty-roster__none">{t('duty.roster.none')}</span>;
                  return (
                    <ul className="duty-roster__shifts">
                      {list.map((s) => (
                        <li key={s.id} data-shift={s.id}>
                          <span className="duty-roster__time">
                            {clockOf(Math.max(s.startsAt, day.from))}–
                            {s.endsAt >= day.to
                              ? t('duty.roster.nextDay', { time: clockOf(s.endsAt) })
                              : clockOf(s.endsAt)}
                          </span>{' '}
                          <span className="duty-roster__name">{s.name}</span>
                          {s.phone && <span className="duty-roster__phone"> {s.phone}</span>}
                          {isAdmin && (
                            <span className="duty-roster__actions">
                              <button
                                type="button"
                                className="button button--quiet"
                                onClick={() => editShift(s)}
                              >
                                {t('duty.edit')}
                              </button>
                              <button
                                type="button"
                                className="button button--quiet"
                                onClick={() => void removeShift(s)}
                              >
                                {t('duty.remove')}
                              </button>
                            </span>
                          )}
                        </li>
                      ))}
                    </ul>
                  );
                };
                return (
                  <tr key={day.day}>
                    <th scope="row" className="duty-roster__day">
                      {t(WEEKDAY_LABELS[day.weekday])} {day.day.slice(5)}
                    </th>
                    <td data-label={t('duty.role.officer')}>{cell('officer')}</td>
                    <td data-label={t('duty.role.leader')}>{cell('leader')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}

        {isAdmin && (
          <form className="form duty-form" onSubmit={(e) => void saveShift(e)} noValidate>
            <h3 className="duty-form__title">
              {t(editingShift ? 'duty.shift.editHeading' : 'duty.shift.addHeading')}
            </h3>
            <label className="field">
              <span className="field__label">{t('duty.shift.duty')}</span>
              <select
                className="input"
                name="duty"
                value={shiftForm.duty}
                onChange={(e) =>
                  setShiftForm({ ...shiftForm, duty: e.target.value === 'leader' ? 'leader' : 'officer' })
                }
              >
                <option value="officer">{t('duty.role.officer')}</option>
                <option value="leader">{t('duty.role.leader')}</option>
              </select>
            </label>
            <label className="field">
              <span className="field__label">{t('duty.shift.name')}</span>
              <input
                className="input"
                name="name"
                value={shiftForm.name}
                onChange={(e) => setShiftForm({ ...shiftForm, name: e.target.value })}
                aria-invalid={shiftErrors.name ? true : undefined}
              />
              {fieldError(shiftErrors, 'name', 'shift-name-error')}
            </label>
            <label className="field">
              <span className="field__label">{t('duty.shift.phone')}</span>
              <input
                className="input"
                name="phone"
                inputMode="tel"
                value={shiftForm.phone}
                onChange={(e) => setShiftForm({ ...shiftForm, phone: e.target.value })}
                aria-invalid={shiftErrors.phone ? true : undefined}
              />
              {fieldError(shiftErrors, 'phone', 'shift-phone-error')}
            </label>
            <label className="field">
              <span className="field__label">{t('duty.shift.email')}</span>
              <input
                className="input"
                name="email"
                type="email"
                value={shiftForm.email}
                onChange={(e) => setShiftForm({ ...shiftForm, email: e.target.value })}
                aria-invalid={shiftErrors.email ? true : undefined}
              />
              {fieldError(shiftErrors, 'email', 'shift-email-error')}
            </label>
            <label className="field">
              <span className="field__label">{t('duty.shift.startsAt')}</span>
              <input
                className="input"
                name="startsAt"
                type="datetime-local"
                value={shiftForm.startsAt}
                onChange={(e) => setShiftForm({ ...shiftForm, startsAt: e.target.value })}
                aria-invalid={shiftErrors.startsAt ? true : undefined}
              />
              {fieldError(shiftErrors, 'startsAt', 'shift-starts-error')}
            </label>
            <label className="field">
              <span className="field__label">{t('duty.shift.endsAt')}</span>
              <input
                className="input"
                name="endsAt"
                type="datetime-local"
                value={shiftForm.endsAt}
                onChange={(e) => setShiftForm({ ...shiftForm, endsAt: e.target.value })}
                aria-invalid={shiftErrors.endsAt ? true : undefined}
              />
              {fieldError(shiftErrors, 'endsAt', 'shift-ends-error')}
            </label>
            <label className="field duty-form__wide">
              <span className="field__label">{t('duty.shift.note')}</span>
              <input
                className="input"
                name="note"
                value={shiftForm.note}
                onChange={(e) => setShiftForm({ ...shiftForm, note: e.target.value })}
              />
              {fieldError(shiftErrors, 'note', 'shift-note-error')}
            </label>
            <div className="devices-form__actions duty-form__wide">
              {editingShift && (
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setEditingShift(null);
                    setShiftErrors({});
                    setShiftForm(blankShift());
                  }}
                >
                  {t('duty.cancel')}
                </button>
              )}
              <button type="submit" className="button button--primary" disabled={shiftBusy}>
                {t(editingShift ? 'duty.shift.save' : 'duty.shift.add')}
              </button>
            </div>
          </form>
        )}
      </section>

      <section className="devices__provision" aria-labelledby="duty-chain-heading">
        <div className="duty__section-head">
          <h2 id="duty-chain-heading" className="devices__section-title">
            {t('duty.chain.heading')}
          </h2>
          {isAdmin && steps.state === 'ready' && !stepForm && (
            <button
              type="button"
              className="button button--primary"
              onClick={() => {
                setEditingStep(null);
                setStepErrors({});
                setStepForm(blankStep(nextPosition(steps.data)));
              }}
            >
              {t('duty.step.addHeading')}
            </button>
          )}
        </div>
        <p className="duty__hint">{t('duty.chain.hint')}</p>
        <LoadStates
          load={steps}
          loadingText={t('duty.loading')}
          errorText={(error) => t('duty.loadError', { message: errorText(error) })}
          retryLabel={t('duty.retry')}
          onRetry={reloadSteps}
        />
        {steps.state === 'ready' && steps.data.length === 0 && (
          <p className="state state--empty">{t('duty.chain.empty')}</p>
        )}
        {steps.state === 'ready' && steps.data.length > 0 && (
          <ol className="duty-chain">
            {steps.data.map((step) => (
              <li
                key={step.id}
                className={`duty-chain__step${step.enabled ? '' : ' duty-chain__step--off'}`}
                data-step={step.position}
              >
                <span className="duty-chain__position">
                  {t('duty.step.position', { position: step.position })}
                </span>
                <span className="duty-chain__text">
                  {t(step.afterMinutes === 0 ? 'duty.step.sentenceNow' : 'duty.step.sentence', {
                    minutes: step.afterMinutes,
                    target: targetText(step),
                    channels: channelText(step),
                  })}
                </span>
                <span className="duty-chain__filter">
                  {severityText(step)}
                  {routingText(step)}
                  {!step.enabled && ` · ${t('duty.step.disabled')}`}
                </span>
                {isAdmin && (
                  <span className="duty-chain__actions">
                    <button type="button" className="button button--quiet" onClick={() => editStep(step)}>
                      {t('duty.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button--quiet"
                      onClick={() => void removeStep(step)}
                    >
                      {t('duty.remove')}
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}

        {isAdmin && stepForm && (
          <form className="form duty-form" onSubmit={(e) => void saveStep(e)} noValidate>
            <h3 className="duty-form__title">
              {t(editingStep ? 'duty.step.editHeading' : 'duty.step.addHeading')}
            </h3>
            <label className="field">
              <span className="field__label">{t('duty.step.positionLabel')}</span>
              <input
                className="input"
                name="position"
                inputMode="numeric"
                value={stepForm.position}
                onChange={(e) => setStepForm({ ...stepForm, position: e.target.value })}
                aria-invalid={stepErrors.position ? true : undefined}
              />
              {fieldError(stepErrors, 'position', 'step-position-error')}
            </label>
            <label className="field">
              <span className="field__label">{t('duty.step.afterMinutes')}</span>
              <input
                className="input"
                name="afterMinutes"
                inputMode="numeric"
                value={stepForm.afterMinutes}
                onChange={(e) => setStepForm({ ...stepForm, afterMinutes: e.target.value })}
                aria-invalid={stepErrors.afterMinutes ? true : undefined}
              />
              {fieldError(stepErrors, 'afterMinutes', 'step-minutes-error')}
            </label>
            <label className="field">
              <span className="field__label">{t('duty.step.target')}</span>
              <select
                className="input"
                name="target"
                value={stepForm.target}
                onChange={(e) =>
                  setStepForm({
                    ...stepForm,
                    target: TARGETS.find((x) => x === e.target.value) ?? 'duty-officer',
                  })
                }
              >
                {TARGETS.map((target) => (
                  <option key={target} value={target}>
                    {t(TARGET_LABELS[target])}
                  </option>
                ))}
              </select>
            </label>
            {stepForm.target === 'people' && (
              <>
                <label className="field">
                  <span className="field__label">{t('duty.shift.name')}</span>
                  <input
                    className="input"
                    name="peopleName"
                    value={stepForm.peopleName}
                    onChange={(e) => setStepForm({ ...stepForm, peopleName: e.target.value })}
                  />
                  {fieldError(stepErrors, 'peopleName', 'step-name-error')}
                </label>
                <label className="field">
                  <span className="field__label">{t('duty.shift.phone')}</span>
                  <input
                    className="input"
                    name="peoplePhone"
                    inputMode="tel"
                    value={stepForm.peoplePhone}
                    onChange={(e) => setStepForm({ ...stepForm, peoplePhone: e.target.value })}
                  />
                  {fieldError(stepErrors, 'peoplePhone', 'step-phone-error')}
                </label>
                <label className="field">
                  <span className="field__label">{t('duty.shift.email')}</span>
                  <input
                    className="input"
                    name="peopleEmail"
                    type="email"
                    value={stepForm.peopleEmail}
                    onChange={(e) => setStepForm({ ...stepForm, peopleEmail: e.target.value })}
                  />
                  {fieldError(stepErrors, 'peopleEmail', 'step-email-error')}
                </label>
              </>
            )}
            <fieldset className="duty-form__wide duty-form__choices">
              <legend className="field__label">{t('duty.step.channels')}</legend>
              {channels.state === 'ready' && channels.data.length === 0 && (
                <span>{t('duty.step.noChannels')}</span>
              )}
              {channels.state === 'ready' &&
                channels.data.map((c) => (
                  <label key={c.id} className="duty-form__choice">
                    <input
                      type="checkbox"
                      checked={stepForm.channelIds.includes(c.id)}
                      onChange={(e) =>
                        setStepForm({
                          ...stepForm,
                          channelIds: e.target.checked
                            ? [...stepForm.channelIds, c.id]
                            : stepForm.channelIds.filter((id) => id !== c.id),
                        })
                      }
                    />{' '}
                    {c.name}（{t(`notify.kind.${c.kind}` as MessageKey)}）
                  </label>
                ))}
              {fieldError(stepErrors, 'channelIds', 'step-channels-error')}
            </fieldset>
            <fieldset className="duty-form__wide duty-form__choices">
              <legend className="field__label">{t('duty.step.severities')}</legend>
              {SEVERITIES.map((s) => (
                <label key={s} className="duty-form__choice">
                  <input
                    type="checkbox"
                    checked={stepForm.severities.includes(s)}
                    onChange={(e) =>
                      setStepForm({
                        ...stepForm,
                        severities: e.target.checked
                          ? [...stepForm.severities, s]
                          : stepForm.severities.filter((x) => x !== s),
                      })
                    }
                  />{' '}
                  {t(`severity.${s}` as MessageKey)}
                </label>
              ))}
              <span className="duty__hint">{t('duty.step.severitiesHint')}</span>
            </fieldset>
            <fieldset className="duty-form__wide duty-form__choices">
              <legend className="field__label">{t('duty.step.ruleKinds')}</legend>
              {RULE_KINDS.map((k) => (
                <label key={k} className="duty-form__choice">
                  <input
                    type="checkbox"
                    checked={stepForm.ruleKinds.includes(k)}
                    onChange={(e) =>
                      setStepForm({
                        ...stepForm,
                        ruleKinds: e.target.checked
                          ? [...stepForm.ruleKinds, k]
                          : stepForm.ruleKinds.filter((x) => x !== k),
                      })
                    }
                  />{' '}
                  {t(`rules.kind.${k}` as MessageKey)}
                </label>
              ))}
              <span className="duty__hint">{t('duty.step.ruleKindsHint')}</span>
            </fieldset>
            {contacts.state === 'ready' && contacts.data.length > 0 && (
              <label className="field duty-form__wide">
                <span className="field__label">{t('duty.step.enterprises')}</span>
                <select
                  multiple
                  size={Math.min(6, contacts.data.length)}
                  value={[...stepForm.enterpriseIds]}
                  onChange={(e) =>
                    setStepForm({
                      ...stepForm,
                      enterpriseIds: [...e.target.selectedOptions].map((o) => o.value),
                    })
                  }
                >
                  {contacts.data.map((c) => (
                    <option key={c.enterpriseId} value={c.enterpriseId}>
                      {c.enterpriseName}
                    </option>
                  ))}
                </select>
                <span className="duty__hint">
                  {t('duty.step.enterprisesHint')}
                  {stepForm.carrierIds.length > 0 &&
                    ` ${t('duty.step.onlyCarriers', { count: stepForm.carrierIds.length })}`}
                </span>
              </label>
            )}
            <label className="duty-form__choice duty-form__wide">
              <input
                type="checkbox"
                checked={stepForm.enabled}
                onChange={(e) => setStepForm({ ...stepForm, enabled: e.target.checked })}
              />{' '}
              {t('duty.step.enabled')}
            </label>
            <div className="devices-form__actions duty-form__wide">
              <button
                type="button"
                className="button"
                onClick={() => {
                  setStepForm(null);
                  setEditingStep(null);
                }}
              >
                {t('duty.cancel')}
              </button>
              <button type="submit" className="button button--primary" disabled={stepBusy}>
                {t('duty.step.save')}
              </button>
            </div>
          </form>
        )}
      </section>

      <section className="devices__provision" aria-labelledby="duty-contacts-heading">
        <h2 id="duty-contacts-heading" className="devices__section-title">
          {t('duty.contacts.heading')}
        </h2>
        <p className="duty__hint">{t('duty.contacts.hint')}</p>
        <LoadStates
          load={contacts}
          loadingText={t('duty.loading')}
          errorText={(error) => t('duty.loadError', { message: errorText(error) })}
          retryLabel={t('duty.retry')}
          onRetry={reloadContacts}
        />
        {contacts.state === 'ready' && (
          <table className="devices-table duty-contacts">
            <thead>
              <tr>
                <th>{t('duty.contacts.enterprise')}</th>
                <th>{t('duty.shift.name')}</th>
                <th>{t('duty.shift.phone')}</th>
                <th>{t('duty.shift.email')}</th>
                {isAdmin && <th>{t('duty.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {contacts.data.map((c) =>
                contactEditing?.enterpriseId === c.enterpriseId ? (
                  <tr key={c.enterpriseId}>
                    <td>{c.enterpriseName}</td>
                    <td colSpan={isAdmin ? 4 : 3}>
                      <form className="duty-contacts__form" onSubmit={(e) => void saveContact(e)}>
                        {(['name', 'phone', 'email'] as const).map((field) => (
                          <input
                            key={field}
                            className="input"
                            name={`contact-${field}`}
                            aria-label={t(`duty.shift.${field}` as MessageKey)}
                            placeholder={t(`duty.shift.${field}` as MessageKey)}
                            value={contactEditing[field] ?? ''}
                            onChange={(e) =>
                              setContactEditing({ ...contactEditing, [field]: e.target.value })
                            }
                          />
                        ))}
                        <button type="button" className="button" onClick={() => setContactEditing(null)}>
                          {t('duty.cancel')}
                        </button>
                        <button type="submit" className="button button--primary" disabled={contactBusy}>
                          {t('duty.contacts.save')}
                        </button>
                      </form>
                    </td>
                  </tr>
                ) : (
                  <tr key={c.enterpriseId} data-enterprise={c.enterpriseId}>
                    <td>{c.enterpriseName}</td>
                    <td>{c.name ?? '—'}</td>
                    <td>{c.phone ?? '—'}</td>
                    <td className="duty-contacts__email">{c.email ?? '—'}</td>
                    {isAdmin && (
                      <td>
                        <button
                          type="button"
                          className="button button--quiet"
                          onClick={() => setContactEditing(c)}
                        >
                          {t('duty.edit')}
                        </button>
                      </td>
                    )}
                  </tr>
                ),
              )}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
