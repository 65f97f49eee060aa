import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type {
  DutyShiftView,
  EnterpriseSafetyContactView,
  EscalationStepView,
  OnDutyView,
} from '@park/contracts';
import { DutyRosterRepository, RecordsError } from '@park/records';
import type { DutyShiftDto, EscalationStepDto, SafetyContactDto } from './duty.dto';

/** The longest span the roster is read for at once: two months of shifts. */
export const MAX_ROSTER_SPAN_MS = 62 * 86_400_000;

/**
 * The duty roster (值班表), the escalation chain (升级链) and the enterprises' safety contacts on behalf of a
 * principal: admins write, officers and operators read (the controller's roles); every write is audited as its
 * author by the records.
 */
@Injectable()
export class DutyService {
  constructor(
    private readonly roster: DutyRosterRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  shifts(from: number, to: number): Promise<DutyShiftView[]> {
    if (!(to > from) || to - from > MAX_ROSTER_SPAN_MS)
      throw new RecordsError('INVALID_RECORD', 'to: after from, at most 62 days later', { field: 'to' });
    return this.roster.shifts(from, to);
  }

  onDuty(): Promise<OnDutyView> {
    return this.roster.onDuty(this.clock.now());
  }

  createShift(principal: Principal, body: DutyShiftDto): Promise<DutyShiftView> {
    return this.roster.createShift(principal.username, shiftInput(body));
  }

  updateShift(principal: Principal, id: string, body: DutyShiftDto): Promise<DutyShiftView> {
    return this.roster.updateShift(principal.username, id, shiftInput(body));
  }

  removeShift(principal: Principal, id: string): Promise<void> {
    return this.roster.removeShift(principal.username, id);
  }

  steps(): Promise<EscalationStepView[]> {
    return this.roster.steps();
  }

  createStep(principal: Principal, body: EscalationStepDto): Promise<EscalationStepView> {
    return this.roster.createStep(principal.username, stepInput(body));
  }

  updateStep(principal: Principal, id: string, body: EscalationStepDto): Promise<EscalationStepView> {
    return this.roster.updateStep(principal.username, id, stepInput(body));
  }

  removeStep(principal: Principal, id: string): Promise<void> {
    return this.roster.removeStep(principal.username, id);
  }

  safetyContacts(): Promise<EnterpriseSafetyContactView[]> {
    return this.roster.safetyContacts();
  }

  setSafetyContact(
    principal: Principal,
    enterpriseId: string,
    body: SafetyContactDto,
  ): Promise<EnterpriseSafetyContactView> {
    return this.roster.setSafetyContact(principal.username, enterpriseId, {
      name: body.name ?? null,
      phone: body.phone ?? null,
      email: body.email ?? null,
    });
  }
}

function shiftInput(body: DutyShiftDto) {
  return {
    duty: body.duty,
    personName: body.name,
    phone: body.phone ?? null,
    email: body.email ?? null,
    userId: body.userId ?? null,
    startsAt: body.startsAt,
    endsAt: body.endsAt,
    note: body.note ?? null,
  };
}

function stepInput(body: EscalationStepDto) {
  return {
    position: body.position,
    afterMinutes: body.afterMinutes,
    target: body.target,
    people: (body.people ?? []).map((p) => ({
      name: p.name,
      phone: p.phone ?? null,
      email: p.email ?? null,
    })),
    channelIds: body.channelIds,
    severities: body.severities ?? [],
    ruleKinds: body.ruleKinds ?? [],
    enterpriseIds: body.enterpriseIds ?? [],
    carrierIds: body.carrierIds ?? [],
    enabled: body.enabled ?? true,
  };
}
