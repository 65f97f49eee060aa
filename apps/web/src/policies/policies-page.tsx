/**
 * 惠企政策 — the park's policy library: at /policies the list (searchable, with how many enterprises qualify and
 * nearly do), at /policies/new the form, and at /policies/<id> one policy: who issued it, what it gives, its
 * criteria in words, the enterprises that qualify (each condition with their figure) and those that nearly do (with
 * what they lack), and 推送通知 to the qualifying enterprises' contacts. The committee reads the matching lists; the
 * admin and the staff whose department edits `policies` write and send; an energy manager reads the library and
 * sees their own enterprise's policies on its page (enterprise-policies.tsx).
 */
import { useCallback, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import {
  CULTIVATION_LIBRARIES,
  GRADES,
  isNumericField,
  POLICY_FIELDS,
  policyCodeName,
  QUALIFICATION_TYPES,
  type ConditionOutcome,
  type Grade,
  type PolicyComparator,
  type PolicyField,
} from '@park/contracts';
import { describeError } from '../api/error-text';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../plan/use-load';
import { Note, useFieldHelpers, useSave } from '../records/enterprise-edit';
import { AppLink, BackLink, LoadError, Loading, SearchForm } from '../records/records-ui';
import { mayEdit } from '../session/access';
import type { Session } from '../session/session';
import {
  PoliciesApi,
  type Policy,
  type PolicyListItem,
  type PolicyMatch,
  type PolicyMatches,
  type PolicyNoticeResult,
} from './policies-api';
import {
  checkPolicyForm,
  EMPTY_CONDITION,
  EMPTY_POLICY_FORM,
  FIELD_LABELS,
  formOf,
  type ConditionRow,
  type PolicyForm,
} from './policy-form';
import '../records/records.css';
import './policies.css';
import { policyPath, usePolicyWords } from './policy-ui';

interface Props {
  readonly session: Session;
  /** The path segment after /policies: null (the list), `new`, or a policy's id. */
  readonly view: string | null;
  readonly onNavigate: (path: string) => void;
  readonly onUnauthorized: () => void;
}

const ERRORS = { notFound: 'policies.notFound', failed: 'policies.loadError' } as const;
const SEARCH = { label: 'policies.search.label', placeholder: 'policies.search.placeholder' } as const;
const FORM_FIELDS = [
  'name',
  'issuer',
  'documentNo',
  'validFrom',
  'validTo',
  'benefit',
  'summary',
  'url',
  'nearMarginPercent',
  'criteria',
];

const enterprisePath = (id: string) => `/enterprises/${encodeURIComponent(id)}`;

export function PoliciesPage({ session, view, onNavigate, onUnauthorized }: Props) {
  const api = useMemo(() => new PoliciesApi(session.token, onUnauthorized), [session.token, onUnauthorized]);
  const canWrite = mayEdit(session.user, 'policies');
  const seesMatches = session.user.role !== 'energy-manager';
  if (view === 'new' && canWrite) return <NewPolicy api={api} onNavigate={onNavigate} />;
  if (view && view !== 'new')
    return (
      <PolicyPage
        key={view}
        api={api}
        id={view}
        canWrite={canWrite}
        seesMatches={seesMatches}
        onNavigate={onNavigate}
      />
    );
  return <PolicyList api={api} canWrite={canWrite} onNavigate={onNavigate} />;
}

function NewPolicy(props: { api: PoliciesApi; onNavigate: (path: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="records policies">
      <BackLink path="/policies" label={t('policies.back')} onNavigate={props.onNavigate} />
      <PolicyEditor
        api={props.api}
        policy={null}
        onSaved={(p) => props.onNavigate(policyPath(p.id))}
        onCancel={() => props.onNavigate('/policies')}
      />
    </div>
  );
}

function StateBadge({ state }: { state: Policy['state'] }) {
  const { t } = useI18n();
  return <span className={`policy-state policy-state--${state}`}>{t(`policies.state.${state}`)}</span>;
}

function DemoBadge() {
  const { t } = useI18n();
  return <span className="policy-demo">{t('policies.demo')}</span>;
}

function PolicyList(props: { api: PoliciesApi; canWrite: boolean; onNavigate: (path: string) => void }) {
  const { api, canWrite, onNavigate } = props;
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const load = useCallback((signal: AbortSignal) => api.list(query, signal), [api, query]);
  const [list, retry] = useLoad(load);
  const count = (n: number | null) => (n === null ? t('policies.none') : t('policies.count', { count: n }));
  const showCounts = list.state === 'ready' && list.data.some((p) => p.qualifiedCount !== null);
  return (
    <div className="records policies">
      <div className="records__header">
        <h1 className="records__title">{t('policies.heading')}</h1>
        {canWrite && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => onNavigate('/policies/new')}
          >
            {t('policies.new')}
          </button>
        )}
      </div>
      <p className="records__muted policies__intro">{t('policies.intro')}</p>
      <SearchForm {...SEARCH} onSearch={setQuery} />
      {list.state === 'loading' && <Loading text={t('policies.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} {...ERRORS} onRetry={retry} />}
      {list.state === 'ready' && list.data.length === 0 && (
        <p className="state state--empty">{t(query ? 'policies.emptyFiltered' : 'policies.empty')}</p>
      )}
      {list.state === 'ready' && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="evaluation records-table policies-table">
            <thead>
              <tr>
                <th scope="col">{t('policies.col.name')}</th>
                <th scope="col">{t('policies.col.issuer')}</th>
                <th scope="col">{t('policies.col.documentNo')}</th>
                <th scope="col">{t('policies.col.validTo')}</th>
                <th scope="col">{t('policies.col.state')}</th>
                {showCounts && (
                  <>
                    <th scope="col" className="num">
                      {t('policies.col.qualified')}
                    </th>
                    <th scope="col" className="num">
                      {t('policies.col.nearly')}
                    </th>
                  </>
                )}
              </tr>
            </thead>
            <tbody>
              {list.data.map((p: PolicyListItem) => (
                <tr key={p.id} className="records-table__row" data-id={p.id}>
                  <td className="policies-table__name">
                    <AppLink path={policyPath(p.id)} onNavigate={onNavigate}>
                      {p.name}
                    </AppLink>
                    {p.demo && <DemoBadge />}
                  </td>
                  <td>{p.issuer}</td>
                  <td>{p.documentNo ?? t('policies.none')}</td>
                  <td>{p.validTo ?? t('policies.openEnded')}</td>
                  <td>
                    <StateBadge state={p.state} />
                  </td>
                  {showCounts && (
                    <>
                      <td className="num">{count(p.qualifiedCount)}</td>
                      <td className="num">{count(p.nearlyCount)}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function PolicyPage(props: {
  api: PoliciesApi;
  id: string;
  canWrite: boolean;
  seesMatches: boolean;
  onNavigate: (path: string) => void;
}) {
  const { api, id, canWrite, seesMatches, onNavigate } = props;
  const { t } = useI18n();
  const words = usePolicyWords();
  const [editing, setEditing] = useState(false);
  // What the last notice did: kept here, as the lists below reload (and remount) after it.
  const [notice, setNotice] = useState<PolicyNoticeResult | null>(null);
  const loadPolicy = useCallback(
    (signal: AbortSignal) => (seesMatches ? api.get(id, signal) : api.fromList(id, signal)),
    [api, id, seesMatches],
  );
  const [policy, retryPolicy] = useLoad(loadPolicy);
  const [version, setVersion] = useState(0);
  const loadMatches = useCallback(
    (signal: AbortSignal) =>
      seesMatches ? api.matches(id, signal) : Promise.resolve<PolicyMatches | null>(null),
    // `version` reloads the lists after a notice or an edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, id, seesMatches, version],
  );
  const [matches, retryMatches] = useLoad(loadMatches);

  if (policy.state === 'loading') return <Loading text={t('policies.loading')} />;
  if (policy.state === 'error')
    return (
      <div className="records policies">
        <BackLink path="/policies" label={t('policies.back')} onNavigate={onNavigate} />
        <LoadError error={policy.error} {...ERRORS} onRetry={retryPolicy} />
      </div>
    );
  const p = policy.data;
  if (editing)
    return (
      <div className="records policies">
        <PolicyEditor
          api={api}
          policy={p}
          onSaved={() => {
            setEditing(false);
            retryPolicy();
            setVersion((v) => v + 1);
          }}
          onCancel={() => setEditing(false)}
        />
      </div>
    );
  const remove = async () => {
    if (!window.confirm(t('policies.deleteConfirm', { name: p.name }))) return;
    await api.remove(p.id);
    onNavigate('/policies');
  };
  const fact = (label: MessageKey, value: ReactNode) => (
    <div className="records__fact">
      <dt>{t(label)}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <div className="records policies">
      <BackLink path="/policies" label={t('policies.back')} onNavigate={onNavigate} />
      <div className="records__header">
        <h1 className="records__title">{p.name}</h1>
        <StateBadge state={p.state} />
        {p.demo && <DemoBadge />}
        {canWrite && (
          <span className="policies__actions">
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('policies.edit')}
            </button>
            <button type="button" className="button" onClick={() => void remove()}>
              {t('policies.delete')}
            </button>
          </span>
        )}
      </div>
      <section className="records__section" aria-label={p.name}>
        <dl className="records__facts">
          {fact('policies.detail.issuer', p.issuer)}
          {fact('policies.detail.documentNo', p.documentNo ?? t('policies.none'))}
          {fact(
            'policies.detail.valid',
            p.validFrom || p.validTo
              ? t('policies.detail.validRange', {
                  from: p.validFrom ?? t('policies.none'),
                  to: p.validTo ?? t('policies.openEnded'),
                })
              : t('policies.openEnded'),
          )}
          {p.benefit && fact('policies.detail.benefit', p.benefit)}
          {p.url &&
            fact(
              'policies.detail.link',
              <a href={p.url} target="_blank" rel="noreferrer">
                {p.url}
              </a>,
            )}
        </dl>
        {p.summary && <p className="policies__summary">{p.summary}</p>}
      </section>
      <section className="records__section" aria-labelledby="policy-criteria">
        <h2 id="policy-criteria" className="records__section-title">
          {t('policies.detail.criteria')}
        </h2>
        <ol className="policies__criteria">
          {p.criteria.map((c, i) => (
            <li key={i}>{words.condition(c)}</li>
          ))}
        </ol>
        <p className="records__muted">{t('policies.detail.margin', { margin: p.nearMarginPercent })}</p>
      </section>
      {seesMatches && matches.state === 'loading' && <Loading text={t('policies.loading')} />}
      {seesMatches && matches.state === 'error' && (
        <LoadError error={matches.error} {...ERRORS} onRetry={retryMatches} />
      )}
      {matches.state === 'ready' && matches.data && (
        <Matches
          api={api}
          policy={p}
          matches={matches.data}
          canWrite={canWrite}
          notice={notice}
          onNotified={(result) => {
            setNotice(result);
            setVersion((v) => v + 1);
          }}
          onNavigate={onNavigate}
        />
      )}
    </div>
  );
}

function Matches(props: {
  api: PoliciesApi;
  policy: Policy;
  matches: PolicyMatches;
  canWrite: boolean;
  notice: PolicyNoticeResult | null;
  onNotified: (result: PolicyNoticeResult) => void;
  onNavigate: (path: string) => void;
}) {
  const { matches: m, onNavigate } = props;
  const { t } = useI18n();
  const words = usePolicyWords();
  // The park's calendar day (UTC+8) of the notice.
  const date = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  const notified = (row: PolicyMatch) =>
    row.notifiedAt !== null ? (
      <span className="policy-notified">{t('policies.notified', { date: date(row.notifiedAt) })}</span>
    ) : (
      <span className="records__muted">{t('policies.notNotified')}</span>
    );
  const outcomes = (list: readonly ConditionOutcome[]) => (
    <ul className="policies__why">
      {list.map((o, i) => (
        <li key={i} className={`policies__outcome policies__outcome--${o.status}`}>
          {words.outcome(o)}
        </li>
      ))}
    </ul>
  );
  return (
    <>
      <p className="records__muted">
        {m.latestYear === null
          ? t('policies.detail.noYear')
          : t('policies.detail.latestYear', { year: m.latestYear, date: m.asOf })}
      </p>
      {props.canWrite && m.counts.qualified > 0 && (
        <NoticePanel
          api={props.api}
          policy={props.policy}
          matches={m}
          result={props.notice}
          onNotified={props.onNotified}
        />
      )}
      <MatchTable
        list="qualified"
        heading={t('policies.qualified.heading', { count: m.counts.qualified })}
        empty={t('policies.qualified.empty')}
        rows={m.qualified}
        columns={[t('policies.col.why'), t('policies.col.notified')]}
        cells={(row) => [outcomes(row.outcomes), notified(row)]}
        onNavigate={onNavigate}
      />
      <MatchTable
        list="nearly"
        heading={t('policies.nearly.heading', { count: m.counts.nearly })}
        empty={t('policies.nearly.empty')}
        rows={m.nearly}
        columns={[t('policies.col.lack')]}
        cells={(row) => [outcomes(row.outcomes.filter((o) => o.status !== 'met'))]}
        onNavigate={onNavigate}
      />
    </>
  );
}

/** One matching list: each enterprise (linked) and its cells, or the empty state. */
function MatchTable(props: {
  list: 'qualified' | 'nearly';
  heading: string;
  empty: string;
  rows: readonly PolicyMatch[];
  columns: readonly string[];
  cells: (row: PolicyMatch) => ReactNode[];
  onNavigate: (path: string) => void;
}) {
  const { t } = useI18n();
  const headingId = `policy-${props.list}`;
  return (
    <section className="records__section" aria-labelledby={headingId}>
      <h2 id={headingId} className="records__section-title">
        {props.heading}
      </h2>
      {props.rows.length === 0 ? (
        <p className="state state--empty">{props.empty}</p>
      ) : (
        <div className="table-wrap">
          <table className="evaluation records-table policy-matches" data-list={props.list}>
            <thead>
              <tr>
                <th scope="col">{t('policies.col.enterprise')}</th>
                {props.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr key={row.enterpriseId} className="records-table__row" data-id={row.enterpriseId}>
                  <td className="policy-matches__name">
                    <AppLink path={enterprisePath(row.enterpriseId)} onNavigate={props.onNavigate}>
                      {row.name}
                    </AppLink>
                  </td>
                  {props.cells(row).map((cell, i) => (
                    <td key={i}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** 推送通知: what it will do, the button, and what it did — or that no channel carries notices. */
function NoticePanel(props: {
  api: PoliciesApi;
  policy: Policy;
  matches: PolicyMatches;
  result: PolicyNoticeResult | null;
  onNotified: (result: PolicyNoticeResult) => void;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const result = props.result;
  const [error, setError] = useState<string | null>(null);
  const allNotified = props.matches.qualified.every((q) => q.notifiedAt !== null);
  const send = async (force: boolean) => {
    setBusy(true);
    setError(null);
    try {
      props.onNotified(await props.api.notify(props.policy.id, force));
    } catch (e) {
      setError(t('policies.notify.error', { message: describeError(e, t) }));
    } finally {
      setBusy(false);
    }
  };
  const failed = result?.notified.filter((n) => n.status === 'failed') ?? [];
  return (
    <section className="policies__notice" aria-label={t('policies.notify')}>
      <p className="records__muted">
        {props.matches.noticeChannels === 0
          ? t('policies.notify.noChannel')
          : t('policies.notify.channels', { count: props.matches.noticeChannels })}
      </p>
      <div className="policies__notice-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy}
          onClick={() => void send(false)}
        >
          {busy ? t('policies.notifying') : t('policies.notify')}
        </button>
        {allNotified && (
          <button type="button" className="button" disabled={busy} onClick={() => void send(true)}>
            {t('policies.notifyAgain')}
          </button>
        )}
      </div>
      {result && (
        <p className="policies__notice-result" role="status">
          {result.channels === 0
            ? t('policies.notify.noChannel')
            : t('policies.notify.result', {
                sent: result.notified.length,
                sends: result.notified.reduce((a, n) => a + n.sends, 0),
                already: result.alreadyNotified,
              })}
        </p>
      )}
      {failed.length > 0 && (
        <p className="policies__notice-error" role="alert">
          {t('policies.notify.failed', { count: failed.length, names: failed.map((f) => f.name).join('、') })}
        </p>
      )}
      {error && (
        <p className="policies__notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

type Change = (c: Partial<PolicyForm>) => void;

function PolicyEditor(props: {
  api: PoliciesApi;
  policy: Policy | null;
  onSaved: (p: Policy) => void;
  onCancel: () => void;
}) {
  const { api, policy, onSaved } = props;
  const { t } = useI18n();
  const prefix = useId();
  const [form, setForm] = useState<PolicyForm>(policy ? formOf(policy) : EMPTY_POLICY_FORM);
  const save = useSave(FORM_FIELDS);
  const helpers = useFieldHelpers(prefix, save.errors);
  const change: Change = (c) => setForm((f) => ({ ...f, ...c }));
  const setRow = (i: number, c: Partial<ConditionRow>) =>
    setForm((f) => ({ ...f, conditions: f.conditions.map((r, j) => (j === i ? { ...r, ...c } : r)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkPolicyForm(form);
    if (!checked.ok) {
      save.setErrors(Object.fromEntries(Object.entries(checked.errors).map(([k, key]) => [k, { key }])));
      save.setNote({ kind: 'error', text: t('records.edit.fixFields') });
      return;
    }
    void save.run(async () => {
      const saved = policy ? await api.update(policy.id, checked.body) : await api.create(checked.body);
      onSaved(saved);
      return 'policies.form.saved';
    });
  };
  const input = (
    name: Exclude<keyof PolicyForm, 'conditions'>,
    label: MessageKey,
    extra: { type?: string; wide?: boolean } = {},
  ) => (
    <label className={`field${extra.wide ? ' records-edit__wide' : ''}`}>
      <span className="field__label">{t(label)}</span>
      <input
        className="input"
        name={name}
        type={extra.type ?? 'text'}
        value={form[name]}
        onChange={(e) => change({ [name]: e.target.value })}
        {...helpers.invalid(name)}
      />
      {helpers.error(name)}
    </label>
  );
  return (
    <form
      className="records-edit policy-form"
      aria-labelledby={`${prefix}-heading`}
      onSubmit={submit}
      noValidate
    >
      <h1 id={`${prefix}-heading`} className="records__title">
        {t(policy ? 'policies.form.heading.edit' : 'policies.form.heading.new')}
      </h1>
      <div className="records-edit__grid">
        {input('name', 'policies.form.name', { wide: true })}
        {input('issuer', 'policies.form.issuer')}
        {input('documentNo', 'policies.form.documentNo')}
        {input('validFrom', 'policies.form.validFrom', { type: 'date' })}
        {input('validTo', 'policies.form.validTo', { type: 'date' })}
        {input('benefit', 'policies.form.benefit', { wide: true })}
        <label className="field records-edit__wide">
          <span className="field__label">{t('policies.form.summary')}</span>
          <textarea
            className="input"
            name="summary"
            rows={3}
            value={form.summary}
            onChange={(e) => change({ summary: e.target.value })}
          />
        </label>
        {input('url', 'policies.form.url', { wide: true })}
        {input('nearMarginPercent', 'policies.form.margin')}
      </div>
      <fieldset className="policy-form__criteria">
        <legend>{t('policies.form.criteria')}</legend>
        {helpers.error('conditions')}
        {form.conditions.map((row, i) => (
          <ConditionEditor
            key={i}
            index={i}
            row={row}
            helpers={helpers}
            onChange={(c) => setRow(i, c)}
            onRemove={() => change({ conditions: form.conditions.filter((_, j) => j !== i) })}
          />
        ))}
        <button
          type="button"
          className="button"
          onClick={() => change({ conditions: [...form.conditions, EMPTY_CONDITION] })}
        >
          {t('policies.form.addCondition')}
        </button>
      </fieldset>
      <div className="records-edit__actions">
        <button type="submit" className="button button--primary" disabled={save.busy}>
          {t('policies.form.save')}
        </button>
        <button type="button" className="button" onClick={props.onCancel}>
          {t('policies.form.cancel')}
        </button>
      </div>
      <Note note={save.note} />
    </form>
  );
}

function ConditionEditor(props: {
  index: number;
  row: ConditionRow;
  helpers: ReturnType<typeof useFieldHelpers>;
  onChange: (c: Partial<ConditionRow>) => void;
  onRemove: () => void;
}) {
  const { index: i, row, helpers, onChange } = props;
  const { t, language } = useI18n();
  const lang = language === 'en' ? 'en' : 'zh';
  const name = (k: string) => `conditions.${i}.${k}`;
  const choices: readonly string[] =
    row.field === 'qualification'
      ? QUALIFICATION_TYPES
      : row.field === 'library'
        ? CULTIVATION_LIBRARIES
        : [];
  const yearInput = (
    <label className="field policy-form__year">
      <span className="field__label">{t('policies.form.year')}</span>
      <input
        className="input"
        name={name('year')}
        inputMode="numeric"
        placeholder={t('policies.form.yearLatest')}
        value={row.year}
        onChange={(e) => onChange({ year: e.target.value })}
        {...helpers.invalid(name('year'))}
      />
      {helpers.error(name('year'))}
    </label>
  );
  return (
    <div className="policy-form__row" data-row={i}>
      <label className="field">
        <span className="field__label">{t('policies.form.field')}</span>
        <select
          className="input"
          name={name('field')}
          value={row.field}
          onChange={(e) => onChange({ field: e.target.value as PolicyField, codes: [] })}
        >
          {POLICY_FIELDS.map((f) => (
            <option key={f} value={f}>
              {t(FIELD_LABELS[f])}
            </option>
          ))}
        </select>
      </label>
      {isNumericField(row.field) && (
        <>
          <label className="field policy-form__comparator">
            <span className="field__label">{t('policies.form.comparator')}</span>
            <select
              className="input"
              name={name('comparator')}
              value={row.comparator}
              onChange={(e) => onChange({ comparator: e.target.value as PolicyComparator })}
            >
              <option value="gte">{t('policies.form.gte')}</option>
              <option value="lte">{t('policies.form.lte')}</option>
            </select>
          </label>
          <label className="field">
            <span className="field__label">{t('policies.form.value')}</span>
            <input
              className="input"
              name={name('value')}
              inputMode="decimal"
              value={row.value}
              onChange={(e) => onChange({ value: e.target.value })}
              {...helpers.invalid(name('value'))}
            />
            {helpers.error(name('value'))}
          </label>
          {yearInput}
        </>
      )}
      {row.field === 'grade' && (
        <>
          <label className="field policy-form__comparator">
            <span className="field__label">{t('policies.form.grade')}</span>
            <select
              className="input"
              name={name('grade')}
              value={row.grade}
              onChange={(e) => onChange({ grade: e.target.value as Grade })}
            >
              {GRADES.map((g) => (
                <option key={g} value={g}>
                  {t('policies.form.gradeValue', { grade: g })}
                </option>
              ))}
            </select>
          </label>
          {yearInput}
        </>
      )}
      {row.field === 'industry' && (
        <label className="field policy-form__codes">
          <span className="field__label">{t('policies.form.codes')}</span>
          <input
            className="input"
            name={name('codes')}
            value={row.industry}
            placeholder="34, 39"
            title={t('policies.form.codesHint')}
            onChange={(e) => onChange({ industry: e.target.value })}
            {...helpers.invalid(name('codes'))}
          />
          {helpers.error(name('codes'))}
        </label>
      )}
      {choices.length > 0 && (
        <div className="policy-form__choices" role="group" aria-label={t(FIELD_LABELS[row.field])}>
          {choices.map((code) => (
            <label key={code} className="policy-form__choice">
              <input
                type="checkbox"
                checked={row.codes.includes(code)}
                onChange={(e) =>
                  onChange({
                    codes: e.target.checked ? [...row.codes, code] : row.codes.filter((c) => c !== code),
                  })
                }
              />
              {policyCodeName(row.field, code, lang)}
            </label>
          ))}
          {helpers.error(name('codes'))}
        </div>
      )}
      <button type="button" className="button policy-form__remove" onClick={props.onRemove}>
        {t('policies.form.removeCondition')}
      </button>
    </div>
  );
}
