/**
 * 告警处置 — the page a notification message links to (/m/alert?t=<signed link>): one alert, for the person the
 * message was sent to, on a phone. No login and no app shell: the signed link is the only credential, and it opens
 * this one alert — what, where, the value against its limit with the unit, when, the enterprise's contacts to call
 * with one tap — with acknowledge and resolve-with-note, recorded as that person (docs/notifications.md,
 * "手机处置链接"). An expired, altered or cut link gets a page that says which, in words. Looks again every 30 s, so
 * that someone else's acknowledgement shows. Laid out for 390 px; as readable at 1366 px.
 */
import type { AlertLinkView, AlertView } from '@park/contracts';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { plainApiClient } from '../api/api-client';
import { ApiError } from '../api/http';
import { alertReading, deviceWhere, levelMessage, metricLabel, pick } from '../alerts/alert-text';
import { formatDateTime } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import { LanguageSwitch } from '../shell/language-switch';
import {
  ALERT_LINK_REFRESH_MS,
  linkProblemOf,
  linkTokenFrom,
  telHref,
  type LinkProblem,
} from './alert-link-model';
import { alertLinkText, type AlertLinkMessageKey } from './alert-link-messages';
import './alert-link-page.css';

type PageState =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly view: AlertLinkView }
  | { readonly state: 'refused'; readonly problem: LinkProblem; readonly status: number };

const api = plainApiClient(null);

export function AlertLinkPage() {
  const { language, t } = useI18n();
  const text = useCallback(
    (key: AlertLinkMessageKey, params?: Readonly<Record<string, string | number>>) =>
      alertLinkText(language, key, params),
    [language],
  );
  const token = useMemo(() => linkTokenFrom(window.location.search), []);
  const [page, setPage] = useState<PageState>(() =>
    token ? { state: 'loading' } : { state: 'refused', problem: 'missing', status: 0 },
  );
  const [attempt, setAttempt] = useState(0);

  const refuse = useCallback((error: unknown) => {
    setPage({
      state: 'refused',
      problem: linkProblemOf(error),
      status: error instanceof ApiError ? error.status : 0,
    });
  }, []);

  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    const load = () =>
      api('GET', '/api/alert-links/{token}', { path: { token }, signal: abort.signal }).then(
        (view) => setPage({ state: 'ready', view }),
        (error: unknown) => {
          if (!abort.signal.aborted) refuse(error);
        },
      );
    void load();
    const timer = window.setInterval(() => void load(), ALERT_LINK_REFRESH_MS);
    return () => {
      abort.abort();
      window.clearInterval(timer);
    };
  }, [token, attempt, refuse]);

  return (
    <div className="m-page">
      <header className="m-bar">
        <h1 className="m-bar__title">{text('title')}</h1>
        <LanguageSwitch tone="light" />
      </header>
      <main className="m-main">
        {page.state === 'loading' && (
          <p className="state state--loading" role="status">
            {text('loading')}
          </p>
        )}
        {page.state === 'refused' && (
          <Refusal
            problem={page.problem}
            status={page.status}
            text={text}
            onRetry={
              page.problem === 'network' || page.problem === 'other'
                ? () => {
                    setPage({ state: 'loading' });
                    setAttempt((n) => n + 1);
                  }
                : null
            }
          />
        )}
        {page.state === 'ready' && token && (
          <AlertCard
            token={token}
            view={page.view}
            text={text}
            onChanged={(alert) => setPage({ state: 'ready', view: { ...page.view, alert } })}
            onRefused={refuse}
          />
        )}
      </main>
      <footer className="m-footer">
        {page.state === 'ready' && (
          <>
            <p>{text('footer.recipient', { name: page.view.recipient })}</p>
            <p>{text('footer.audit', { actor: page.view.actor })}</p>
            <p>{text('footer.expires', { time: formatDateTime(page.view.expiresAt) })}</p>
          </>
        )}
        <p>
          <a href="/">{text('footer.login')}</a> · {t('app.title')}
        </p>
      </footer>
    </div>
  );
}

type Text = (key: AlertLinkMessageKey, params?: Readonly<Record<string, string | number>>) => string;

function Refusal(props: { problem: LinkProblem; status: number; text: Text; onRetry: (() => void) | null }) {
  const { problem, status, text, onRetry } = props;
  return (
    <section className="m-refusal" role="alert" data-link-problem={problem}>
      <h2 className="m-refusal__title">{text(`problem.${problem}.title`)}</h2>
      <p className="m-refusal__body">{text(`problem.${problem}.body`, { status })}</p>
      {onRetry && (
        <button type="button" className="button button--primary m-button" onClick={onRetry}>
          {text('retry')}
        </button>
      )}
    </section>
  );
}

function AlertCard(props: {
  token: string;
  view: AlertLinkView;
  text: Text;
  onChanged: (alert: AlertView) => void;
  onRefused: (error: unknown) => void;
}) {
  const { token, view, text, onChanged, onRefused } = props;
  const { alert } = view;
  const { t, language } = useI18n();
  const [busy, setBusy] = useState<'acknowledge' | 'resolve' | null>(null);
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const reading = alertReading(alert, language);
  const [levelKey, levelParams] = levelMessage(alert.level);
  const where = deviceWhere(alert);

  /** An action's answer: the alert as it now is; a refused link replaces the page; a conflict shows the latest. */
  async function act(kind: 'acknowledge' | 'resolve', run: () => Promise<{ alert: AlertView }>) {
    setBusy(kind);
    setFailure(null);
    try {
      onChanged((await run()).alert);
      setNote('');
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setFailure(text('action.conflict'));
        const latest = await api('GET', '/api/alert-links/{token}', { path: { token } }).catch(() => null);
        if (latest) onChanged(latest.alert);
      } else if (error instanceof ApiError && error.code?.startsWith('ALERT_LINK')) {
        onRefused(error);
      } else {
        setFailure(
          text('action.failed', {
            message: alertLinkText(language, `problem.${linkProblemOf(error)}.title`),
          }),
        );
      }
    } finally {
      setBusy(null);
    }
  }

  function resolve(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = note.trim();
    setNoteMissing(!trimmed);
    if (!trimmed) return;
    void act('resolve', () =>
      api('POST', '/api/alert-links/{token}/resolve', { path: { token }, body: { note: trimmed } }),
    );
  }

  return (
    <article className={`m-card m-card--${alert.severity}`} data-alert-status={alert.status}>
      <div className="m-card__badges">
        <span className={`badge badge--${alert.severity}`}>{t(`severity.${alert.severity}`)}</span>
        <span className={`status status--${alert.status}`} data-testid="alert-status">
          {t(`status.${alert.status}`)}
        </span>
      </div>
      <h2 className="m-card__title">{pick(alert.ruleName, language)}</h2>
      <p className="m-card__where">
        {alert.enterpriseName} · {alert.deviceName}
      </p>

      <div className={`m-reading${reading.limit === null ? ' m-reading--state' : ''}`}>
        <div className="m-reading__item m-reading__item--value">
          <span className="m-reading__label">{metricLabel(alert.metric, language)}</span>
          <span className="m-reading__number">{reading.value}</span>
        </div>
        {reading.limit !== null && (
          <div className="m-reading__item">
            <span className="m-reading__label">{text('reading.limit')}</span>
            <span className="m-reading__number m-reading__number--limit">{reading.limit}</span>
          </div>
        )}
        <div className="m-reading__item">
          <span className="m-reading__label">{text('reading.level')}</span>
          <span className="m-reading__level">{t(levelKey, levelParams)}</span>
        </div>
      </div>

      {alert.status === 'suppressed' && <p className="notice notice--info">{text('suppressed')}</p>}
      {alert.acknowledgedAt !== null && (
        <p className="m-outcome">
          {text('acknowledged', {
            who: alert.acknowledgedBy ?? t('trail.system'),
            time: formatDateTime(alert.acknowledgedAt),
          })}
        </p>
      )}
      {alert.resolvedAt !== null && (
        <p className="m-outcome m-outcome--resolved">
          {text('resolved', {
            who: alert.resolvedBy ?? t('trail.system'),
            time: formatDateTime(alert.resolvedAt),
          })}
          {alert.resolutionNote && (
            <>
              <br />
              {text('resolved.note', { note: alert.resolutionNote })}
            </>
          )}
        </p>
      )}

      {alert.status === 'open' && (
        <button
          type="button"
          className="button button--primary m-button"
          disabled={busy !== null}
          onClick={() =>
            void act('acknowledge', () =>
              api('POST', '/api/alert-links/{token}/acknowledge', { path: { token } }),
            )
          }
        >
          {busy === 'acknowledge' ? text('acknowledging') : text('acknowledge')}
        </button>
      )}
      {failure && (
        <p className="notice notice--error" role="alert">
          {failure}
        </p>
      )}

      <dl className="m-facts">
        <dt>{text('fact.enterprise')}</dt>
        <dd>{alert.enterpriseName}</dd>
        <dt>{text('fact.device')}</dt>
        <dd>{alert.deviceName}</dd>
        <dt>{text('fact.location')}</dt>
        <dd>{where ?? <span className="muted">{text('fact.noLocation')}</span>}</dd>
        <dt>{text('fact.openedAt')}</dt>
        <dd>{formatDateTime(alert.openedAt)}</dd>
        <dt>{text('fact.lastSeenAt')}</dt>
        <dd>{formatDateTime(alert.lastSeenAt)}</dd>
        <dt>{text('fact.count')}</dt>
        <dd>{text('fact.countValue', { n: alert.count })}</dd>
      </dl>

      <section className="m-section">
        <h3 className="m-section__title">{text('why')}</h3>
        <p>{pick(alert.explanation, language)}</p>
      </section>

      <section className="m-section">
        <h3 className="m-section__title">{text('contacts')}</h3>
        {(alert.contacts ?? []).length === 0 ? (
          <p className="muted">{text('contacts.none')}</p>
        ) : (
          <ul className="m-contacts">
            {(alert.contacts ?? []).map((contact, i) => {
              const href = telHref(contact.phone);
              const name = contact.name ?? contact.phone ?? '';
              return (
                <li key={i} className="m-contacts__item">
                  <span className="m-contacts__name">{contact.name}</span>
                  {href ? (
                    <a
                      className="button m-button m-contacts__call"
                      href={href}
                      aria-label={text('contacts.call', { name })}
                    >
                      {contact.phone}
                    </a>
                  ) : (
                    <span>{contact.phone}</span>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>

      {alert.status !== 'resolved' && alert.status !== 'suppressed' && (
        <form className="m-section m-resolve" onSubmit={resolve} noValidate>
          <h3 className="m-section__title">{text('resolve.heading')}</h3>
          <label className="field">
            <span className="field__label">{text('resolve.note')}</span>
            <textarea
              className="input input--area"
              name="note"
              rows={3}
              maxLength={2000}
              placeholder={text('resolve.placeholder')}
              value={note}
              aria-invalid={noteMissing}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          {noteMissing && (
            <p className="notice notice--error" role="alert">
              {text('resolve.required')}
            </p>
          )}
          <button type="submit" className="button m-button" disabled={busy !== null}>
            {busy === 'resolve' ? text('resolve.submitting') : text('resolve.submit')}
          </button>
        </form>
      )}
    </article>
  );
}
