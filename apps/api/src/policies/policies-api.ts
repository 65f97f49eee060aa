import type { Provider } from '@nestjs/common';
import { PolicyNoticeRepository, PolicyRecords, repositoryProvider } from '@park/records';
import { EnterprisePoliciesController, PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { PolicyNotices } from './policy-notices';

/** 惠企政策 (/api/policies, /api/enterprises/:id/policies): the library, matching lists and notices. */
export const POLICIES_CONTROLLERS = [PoliciesController, EnterprisePoliciesController];

/**
 * Its providers; the records handle, the clock, the notification adapters and the records stores it reads
 * (EnterpriseRecords, QualificationRecords, AnalyticsService) come from the API module.
 */
export function policiesProviders(): Provider[] {
  return [
    repositoryProvider(PolicyRecords),
    repositoryProvider(PolicyNoticeRepository),
    PoliciesService,
    PolicyNotices,
  ];
}
