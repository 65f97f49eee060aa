import type { AdmissionLevel } from './records-views';

export interface AdmissionRule {
  readonly industryCode: string;
  readonly level: AdmissionLevel;
  readonly reason: string;
}

export type AdmissionVerdict =
  | { readonly level: 'unlisted'; readonly rule: null }
  | { readonly level: AdmissionLevel; readonly rule: AdmissionRule };

/**
 * Which line of the admission list applies to an industry: the longest code that is a prefix of it (a class
 * listed on its own overrides its division). An enterprise without an industry code is "unlisted".
 */
export function admissionFor(industryCode: string | null, rules: readonly AdmissionRule[]): AdmissionVerdict {
  if (!industryCode) return { level: 'unlisted', rule: null };
  let best: AdmissionRule | null = null;
  for (const rule of rules) {
    if (
      industryCode.startsWith(rule.industryCode) &&
      (!best || rule.industryCode.length > best.industryCode.length)
    )
      best = rule;
  }
  return best ? { level: best.level, rule: best } : { level: 'unlisted', rule: null };
}
