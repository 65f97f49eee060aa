import type { Provider } from '@nestjs/common';
import { DutyRosterRepository, repositoryProvider } from '@park/records';
import { DutyController } from './duty.controller';
import { DutyService } from './duty.service';

/** 值班与升级 (/api/on-duty, /api/duty-shifts, /api/escalation-steps, /api/safety-contacts): the roster, the escalation chain, the safety contacts. */
export const DUTY_CONTROLLERS = [DutyController];

/** Its providers; the records handle (RECORDS) and the clock come from the API module. */
export function dutyProviders(): Provider[] {
  return [repositoryProvider(DutyRosterRepository), DutyService];
}
