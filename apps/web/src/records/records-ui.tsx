/** Pieces the records pages (enterprises, parcels, carriers) share: states, links, search, pager, grade, timeline. */
import { useState, type FormEvent, type MouseEvent, type ReactNode } from 'react';
import { describeError } from '../api/error-text';
import { ApiError } from '../api/http';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { Grade } from '../plan/plan-api';
import type { Load } from '../plan/use-load';
import { EVENT_LABELS, pageCount, timeline } from './enterprise-records';
import { EventDocuments, type EventDocumentAccess } from './event-documents';
import type { RecordEvent } from './records-api';

export function Loading({ text }: { text: string }) {
  return (
    <p className="state state--loading" role="status">
      {text}
    </p>
  );
}

/** A failed load in words: a 404 as "does not exist or is not yours to see", anything else with the reason. */
export function LoadError(props: {
  error: unknown;
  /** What a 404 says; default: the enterprise records' wording. */
  notFound?: MessageKey;
  /** What any other failure says, with `{message}`. */
  failed?: MessageKey;
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="state state--error" role="alert">
      <p>
        {props.error instanceof ApiError && props.error.status === 404
          ? t(props.notFound ?? 'records.notFound')
          : t(props.failed ?? 'records.loadError', { message: describeError(props.error, t) })}
      </p>
      {props.onRetry && (
        <button type="button" className="button" onClick={props.onRetry}>
          {t('records.retry')}
        </button>
      )}
    </div>
  );
}

export function SearchForm(props: {
  label: MessageKey;
  placeholder: MessageKey;
  onSearch: (q: string) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSearch(draft.trim());
  };
  return (
    <form className="records__search" role="search" onSubmit={submit}>
      <input
        type="search"
        name="q"
        value={draft}
        placeholder={t(props.placeholder)}
        aria-label={t(props.label)}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className="button">
        {t('records.search.submit')}
      </button>
    </form>
  );
}

export function Pager(props: {
  page: number;
  pageSize: number;
  total: number;
  label: MessageKey;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const pages = pageCount(props.total, props.pageSize);
  return (
    <nav className="records__pager" aria-label={t('records.pager')}>
      <button
        type="button"
        className="button"
        disabled={props.page <= 1}
        onClick={() => props.onPage(props.page - 1)}
      >
        {t('records.previous')}
      </button>
      <span className="records__page">{t(props.label, { page: props.page, pages, total: props.total })}</span>
      <button
        type="button"
        className="button"
        disabled={props.page >= pages}
        onClick={() => props.onPage(props.page + 1)}
      >
        {t('records.next')}
      </button>
    </nav>
  );
}

export function GradeBadge({ grade }: { grade: Grade | null }) {
  const { t } = useI18n();
  return grade ? (
    <span className={`grade-badge grade-badge--${grade}`}>{grade}</span>
  ) : (
    <span className="records__muted">{t('records.grade.none')}</span>
  );
}

/** An in-app link: a real href (open in a new tab works), navigation without reload on a plain click. */
export function AppLink(props: { path: string; onNavigate: (path: string) => void; children: ReactNode }) {
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    props.onNavigate(props.path);
  };
  return (
    <a href={props.path} onClick={click}>
      {props.children}
    </a>
  );
}

/** The dynamic events of a record (动态信息), newest first, under a heading with `headingId`. */
export function EventTimeline({
  events,
  headingId,
  documents,
}: {
  events: readonly RecordEvent[];
  headingId: string;
  /** Shows each event's documents (download; attach and delete for an editor). */
  documents?: EventDocumentAccess;
}) {
  const { t } = useI18n();
  const entries = timeline(events);
  return (
    <section className="records__section" aria-labelledby={headingId}>
      <h2 id={headingId} className="records__section-title">
        {t('records.events.heading')}
      </h2>
      {entries.length === 0 ? (
        <p className="state state--empty">{t('records.events.empty')}</p>
      ) : (
        <ol className="records-timeline">
          {entries.map((ev) => (
            <li key={ev.id} className="records-timeline__item" data-type={ev.type}>
              <time className="records-timeline__date" dateTime={ev.occurredOn}>
                {ev.occurredOn}
              </time>
              <span className="records__tag">{t(EVENT_LABELS[ev.type])}</span>
              <span className="records-timeline__summary">{ev.summary}</span>
              {documents && <EventDocuments event={ev} access={documents} />}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The way back from a profile to its list. */
export function BackLink(props: { path: string; label: string; onNavigate: (path: string) => void }) {
  return (
    <p className="records__back">
      <AppLink path={props.path} onNavigate={props.onNavigate}>
        {props.label}
      </AppLink>
    </p>
  );
}

/** A profile page whose record is still loading or failed to load: the way back, and the state. */
export function ProfileNotReady(props: {
  back: ReactNode;
  load: Exclude<Load<unknown>, { state: 'ready' }>;
  loadingText: string;
  notFound?: MessageKey;
  failed?: MessageKey;
  onRetry: () => void;
}) {
  return (
    <div className="records">
      {props.back}
      {props.load.state === 'loading' ? (
        <Loading text={props.loadingText} />
      ) : (
        <LoadError
          error={props.load.error}
          notFound={props.notFound}
          failed={props.failed}
          onRetry={props.onRetry}
        />
      )}
    </div>
  );
}
