import { Inject, Injectable } from '@nestjs/common';
import { enterpriseScope, type Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type { AlertEvent, AlertView } from '@park/contracts';
import { AlertRepository, type AlertListFilter } from '@park/records';

/**
 * Alert queries and transitions on behalf of a principal. An energy manager's scope is applied here, in one
 * place, for every read. Transition events land in the outbox; the rules service relays them to Kafka.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** An energy manager's scope overrides any enterprise filter they send. */
  async list(principal: Principal, filter: AlertListFilter): Promise<AlertView[]> {
    if (principal.role === 'energy-manager' && !principal.enterpriseId) return [];
    return this.alerts.list({ ...filter, enterpriseId: enterpriseScope(principal) ?? filter.enterpriseId });
  }

  get(principal: Principal, id: string): Promise<AlertView> {
    return this.alerts.view(id, enterpriseScope(principal));
  }

  trail(principal: Principal, id: string): Promise<AlertEvent[]> {
    return this.alerts.trail(id, enterpriseScope(principal));
  }

  async acknowledge(principal: Principal, id: string): Promise<AlertEvent> {
    await this.get(principal, id);
    return this.alerts.acknowledge(id, principal.username, this.clock.now());
  }

  async resolve(principal: Principal, id: string, note: string): Promise<AlertEvent> {
    await this.get(principal, id);
    return this.alerts.resolve(id, principal.username, note, this.clock.now());
  }

  async assign(principal: Principal, id: string, assignee: string): Promise<AlertEvent> {
    await this.get(principal, id);
    return this.alerts.assign(id, principal.username, assignee, this.clock.now());
  }

  eventsAfter(principal: Principal, seq: number, limit: number): Promise<AlertEvent[]> {
    return this.alerts.eventsAfter(seq, enterpriseScope(principal), limit);
  }
}
