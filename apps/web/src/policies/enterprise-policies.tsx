import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../plan/use-load';
import { AppLink, LoadError, Loading } from '../records/records-ui';
import type { PoliciesApi } from './policies-api';
import { policyPath, usePolicyWords } from './policy-ui';
import './policies.css';

const ERRORS = { notFound: 'policies.notFound', failed: 'policies.loadError' } as const;

/**
 * 可申报政策 on an enterprise's page: the policies (not closed) it qualifies or nearly qualifies for, qualifying
 * first, each with what it still lacks — what its energy manager may read of the policy matching.
 */
export function EnterprisePolicies(props: {
  api: PoliciesApi;
  enterpriseId: string;
  onNavigate: (path: string) => void;
}) {
  const { api, enterpriseId, onNavigate } = props;
  const { t } = useI18n();
  const words = usePolicyWords();
  const load = useCallback(
    (signal: AbortSignal) => api.ofEnterprise(enterpriseId, signal),
    [api, enterpriseId],
  );
  const [view, retry] = useLoad(load);
  return (
    <section className="records__section enterprise-policies" aria-labelledby="enterprise-policies">
      <h2 id="enterprise-policies" className="records__section-title">
        {t('policies.ofEnterprise.heading')}
      </h2>
      {view.state === 'loading' && <Loading text={t('policies.loading')} />}
      {view.state === 'error' && <LoadError error={view.error} {...ERRORS} onRetry={retry} />}
      {view.state === 'ready' && view.data.policies.length === 0 && (
        <p className="state state--empty">{t('policies.ofEnterprise.empty')}</p>
      )}
      {view.state === 'ready' && view.data.policies.length > 0 && (
        <ul className="enterprise-policies__list">
          {view.data.policies.map((row) => (
            <li key={row.policy.id} className="enterprise-policies__item">
              <span className={`policy-verdict policy-verdict--${row.verdict}`}>
                {t(`policies.ofEnterprise.${row.verdict}`)}
              </span>
              <AppLink path={policyPath(row.policy.id)} onNavigate={onNavigate}>
                {row.policy.name}
              </AppLink>
              {row.policy.benefit && <span className="records__muted"> · {row.policy.benefit}</span>}
              {row.verdict === 'nearly' && (
                <ul className="policies__why">
                  {row.outcomes
                    .filter((o) => o.status !== 'met')
                    .map((o, i) => (
                      <li key={i} className={`policies__outcome policies__outcome--${o.status}`}>
                        {words.outcome(o)}
                      </li>
                    ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
