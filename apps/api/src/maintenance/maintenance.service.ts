import { Inject, Injectable } from '@nestjs/common';
import { enterpriseScope, type Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  MaintenanceRepository,
  notFound,
  RecordsError,
  type MaintenanceListFilter,
  type MaintenanceWindowView,
} from '@park/records';
import type { CreateMaintenanceWindowDto } from './maintenance.dto';

const DAY_MS = 86_400_000;
/** The longest window an officer may plan: a week covers a planned shutdown (大修 beyond that is an admin's call). */
export const MAX_WINDOW_MS = 7 * DAY_MS;
/** The longest window at all (an admin's), so nothing is silenced for good by a typo in the year. */
export const MAX_ADMIN_WINDOW_MS = 90 * DAY_MS;
/**
 * A start this far before now still counts as "now": the form's clock and the server's differ by a few seconds,
 * and a window that starts in the past would hold back nothing already raised anyway.
 */
export const START_SLACK_MS = 60_000;

/**
 * Maintenance windows on behalf of a principal: validation (not in the past, not too long, a subject that exists
 * in the caller's scope) and the energy manager's enterprise scope, in one place.
 */
@Injectable()
export class MaintenanceService {
  constructor(
    private readonly windows: MaintenanceRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `current`: only windows that have not ended yet (active or planned). */
  async list(
    principal: Principal,
    filter: Omit<MaintenanceListFilter, 'notEndedAt'> & { readonly current: boolean },
  ): Promise<MaintenanceWindowView[]> {
    if (principal.role === 'energy-manager' && !principal.enterpriseId) return [];
    const { current, ...rest } = filter;
    return this.windows.list({
      ...rest,
      enterpriseId: enterpriseScope(principal) ?? filter.enterpriseId,
      notEndedAt: current ? this.clock.now() : undefined,
    });
  }

  get(principal: Principal, id: string): Promise<MaintenanceWindowView> {
    return this.windows.find(id, enterpriseScope(principal));
  }

  async create(principal: Principal, dto: CreateMaintenanceWindowDto): Promise<MaintenanceWindowView> {
    const now = this.clock.now();
    const startsAt = dto.startsAt ?? now;
    if (startsAt < now - START_SLACK_MS)
      throw invalid('startsAt', 'a maintenance window cannot start in the past');
    if (dto.endsAt <= startsAt) throw invalid('endsAt', 'a maintenance window must end after it starts');
    const max = principal.role === 'admin' ? MAX_ADMIN_WINDOW_MS : MAX_WINDOW_MS;
    if (dto.endsAt - startsAt > max)
      throw invalid(
        'endsAt',
        `a maintenance window may last at most ${max / DAY_MS} days${principal.role === 'admin' ? '' : ' (longer: an admin)'}`,
      );
    const enterpriseId = await this.subjectEnterprise(principal, dto);
    return this.windows.create(
      principal.username,
      {
        subjectType: dto.subjectType,
        subjectId: dto.subjectId,
        enterpriseId,
        startsAt: Math.max(startsAt, now),
        endsAt: dto.endsAt,
        reason: dto.reason,
      },
      now,
    );
  }

  end(principal: Principal, id: string): Promise<MaintenanceWindowView> {
    return this.windows.end(principal.username, id, this.clock.now(), enterpriseScope(principal));
  }

  /** The enterprise the subject belongs to; a subject outside the caller's scope is answered as not found. */
  private async subjectEnterprise(principal: Principal, dto: CreateMaintenanceWindowDto): Promise<string> {
    const scope = enterpriseScope(principal);
    if (dto.subjectType === 'device') {
      const enterpriseId = await this.windows.enterpriseOfDevice(dto.subjectId);
      if (!enterpriseId || (scope !== null && enterpriseId !== scope))
        throw notFound('device', dto.subjectId);
      if (dto.enterpriseId && dto.enterpriseId !== enterpriseId)
        throw invalid('enterpriseId', `device ${dto.subjectId} is not of enterprise ${dto.enterpriseId}`);
      return enterpriseId;
    }
    if (!dto.enterpriseId)
      throw invalid('enterpriseId', 'a line is named within its enterprise: enterpriseId');
    if (
      (scope !== null && dto.enterpriseId !== scope) ||
      !(await this.windows.lineExists(dto.enterpriseId, dto.subjectId))
    )
      throw notFound('line', dto.subjectId);
    return dto.enterpriseId;
  }
}

function invalid(field: string, message: string): RecordsError {
  return new RecordsError('INVALID_RECORD', message, { fields: [field] });
}
