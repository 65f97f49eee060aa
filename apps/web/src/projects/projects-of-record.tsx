import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../plan/use-load';
import { AppLink, LoadError, Loading } from '../records/records-ui';
import { projectPath, StageBadge } from './project-ui';
import type { ProjectsApi } from './projects-api';
import './projects.css';

const ERRORS = { notFound: 'projects.notFound', failed: 'projects.loadError' } as const;

/**
 * The 重点项目 section of an enterprise's or a parcel's profile: its projects with their stage and overdue count,
 * each linked to its page — the other half of the project's link to its enterprise and parcel.
 */
export function ProjectsOfRecord(props: {
  api: ProjectsApi;
  link: { enterpriseId: string } | { parcelId: string };
  onNavigate: (path: string) => void;
}) {
  const { api, onNavigate } = props;
  const { t } = useI18n();
  const key = JSON.stringify(props.link);
  const load = useCallback(
    (signal: AbortSignal) => api.of(JSON.parse(key) as { enterpriseId?: string; parcelId?: string }, signal),
    [api, key],
  );
  const [list, retry] = useLoad(load);
  return (
    <section className="records__section projects-of-record" aria-labelledby="projects-of-record">
      <h2 id="projects-of-record" className="records__section-title">
        {t('projects.ofRecord.heading')}
      </h2>
      {list.state === 'loading' && <Loading text={t('projects.loading')} />}
      {list.state === 'error' && <LoadError error={list.error} {...ERRORS} onRetry={retry} />}
      {list.state === 'ready' && list.data.items.length === 0 && (
        <p className="state state--empty">{t('projects.ofRecord.empty')}</p>
      )}
      {list.state === 'ready' && list.data.items.length > 0 && (
        <ul className="projects-of-record__list">
          {list.data.items.map((p) => (
            <li key={p.id} className="projects-of-record__item">
              <AppLink path={projectPath(p.id)} onNavigate={onNavigate}>
                {p.name}
              </AppLink>
              <StageBadge stage={p.stage} />
              {p.overdueMilestones > 0 && (
                <span className="projects__overdue">
                  {t('projects.overdueCount', { count: p.overdueMilestones })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
