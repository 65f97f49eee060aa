/** Pieces the parcels and carriers pages share: states, search, pager, grade badge, occupancy bar. */
import { useState, type FormEvent } from 'react';
import { describeError } from '../api/error-text';
import { ApiError } from '../api/http';
import { formatQuantity } from '../i18n/format';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { Grade } from '../plan/plan-api';
import { pageCount } from '../records/enterprise-records';
import { barWidth } from './carrier-occupancy';

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
  notFound: MessageKey;
  failed: MessageKey;
  onRetry?: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="state state--error" role="alert">
      <p>
        {props.error instanceof ApiError && props.error.status === 404
          ? t(props.notFound)
          : t(props.failed, { message: describeError(props.error, t) })}
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

/** Occupancy as a bar and a figure: the bar clamped at 100 %, the figure not. */
export function OccupancyBar({ percent }: { percent: number }) {
  const { t, language } = useI18n();
  const text = formatQuantity(percent, '%', language);
  return (
    <span className="occupancy">
      <span
        className="bar occupancy__bar"
        role="meter"
        aria-label={t('carriers.occupancy')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={barWidth(percent)}
        aria-valuetext={text}
      >
        <span className="bar__fill" style={{ width: `${barWidth(percent)}%` }} />
      </span>
      <span className="occupancy__value">{text}</span>
    </span>
  );
}
