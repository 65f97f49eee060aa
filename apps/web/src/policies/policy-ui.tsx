/** What the 惠企政策 screens and the enterprise page's 可申报政策 share: a policy's path, and the criteria's words. */
import {
  describeCondition,
  describeOutcome,
  type ConditionOutcome,
  type PolicyCondition,
} from '@park/contracts';
import { useI18n } from '../i18n/i18n-context';

export const policyPath = (id: string) => `/policies/${encodeURIComponent(id)}`;

/** The contracts' words (describeCondition, describeOutcome — the notices quote them too) in the page's language. */
export function usePolicyWords() {
  const { language } = useI18n();
  const lang = language === 'en' ? 'en' : 'zh';
  return {
    condition: (c: PolicyCondition) => describeCondition(c, lang),
    outcome: (o: ConditionOutcome) => describeOutcome(o, lang),
  };
}
