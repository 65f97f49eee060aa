import { Inject, Injectable } from '@nestjs/common';
import { enterpriseScope, type Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type { AlertEvent, AlertView } from '@park/contracts';
import { AlertRepository, type AlertListFilter } from '@park/records';

/**
 * Who changes an alert: the name its audit trail records, and the one enterprise they are confined to (null:
 * park-wide). A signed-in user is their username and their role's scope; the holder of a signed alert link
 * (apps/api/src/alert-links) is the person it was sent to, marked with the channel (`officer（短信链接）`).
 */
export interface AlertActor {
  readonly name: string;
  readonly scope: string | null;
}

export function actorOf(principal: Principal): AlertActor {
  return { name: principal.username, scope: enterpriseScope(principal) };
}

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
    return this.getAs(actorOf(principal), id);
  }

  getAs(actor: AlertActor, id: string): Promise<AlertView> {
    return this.alerts.view(id, actor.scope);
  }

  trail(principal: Principal, id: string): Promise<AlertEvent[]> {
    return this.alerts.trail(id, enterpriseScope(principal));
  }

  acknowledge(principal: Principal, id: string): Promise<AlertEvent> {
    return this.acknowledgeAs(actorOf(principal), id);
  }

  resolve(principal: Principal, id: string, note: string): Promise<AlertEvent> {
    return this.resolveAs(actorOf(principal), id, note);
  }

  /** The one path of an acknowledgement, from the console or a link: its event reaches every socket.io client. */
  async acknowledgeAs(actor: AlertActor, id: string): Promise<AlertEvent> {
    await this.getAs(actor, id);
    return this.alerts.acknowledge(id, actor.name, this.clock.now());
  }

  async resolveAs(actor: AlertActor, id: string, note: string): Promise<AlertEvent> {
    await this.getAs(actor, id);
    return this.alerts.resolve(id, actor.name, note, this.clock.now());
  }

  async assign(principal: Principal, id: string, assignee: string): Promise<AlertEvent> {
    await this.get(principal, id);
    return this.alerts.assign(id, principal.username, assignee, this.clock.now());
  }

  eventsAfter(principal: Principal, seq: number, limit: number): Promise<AlertEvent[]> {
    return this.alerts.eventsAfter(seq, enterpriseScope(principal), limit);
  }
}
