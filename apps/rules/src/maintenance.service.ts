import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock, PeriodicTask } from '@park/clock';
import {
  AlertRepository,
  MaintenanceRepository,
  type MaintenanceWindowView,
  type SuppressedAlert,
} from '@park/records';
import type { EntityManager } from 'typeorm';
import { AlertPublisher } from './alert-publisher';
import { coveringSubjects, holdingWindow, type HeldSubject } from './maintenance-hold';
import { RULES_CONFIG, type RulesConfig } from './rules.config';

/**
 * Maintenance windows (检修) in the rules service. The engine knows nothing of them: it judges a device in
 * maintenance like any other, and its trigger verdicts arrive here unchanged. Two decisions are made here, each in
 * the transaction that acts on it so the window read and the alert written agree:
 * - when a verdict would open a new alert, whether an active window holds it back (`holdBack`): the alert is then
 *   stored `suppressed`, recorded and visible, not lost;
 * - every RULES_TICK_MS, which suppressed alerts no window holds any more (`release`): they go live as `open`.
 *   A suppressed alert whose condition cleared meanwhile was already resolved by the rule's clear verdict, so what
 *   is still suppressed when its window ends is a condition that still holds.
 */
@Injectable()
export class MaintenanceService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MaintenanceService.name);
  private readonly task = new PeriodicTask(
    () => this.release(),
    (error) => this.logger.warn(`maintenance release failed: ${String(error)}`),
  );

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly windows: MaintenanceRepository,
    private readonly alerts: AlertRepository,
    private readonly publisher: AlertPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.RULES_TICK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** For `TriggerInput.holdBack`: the window holding back an alert about `subject` raised at `readingTs`. */
  holdBack(subject: HeldSubject, readingTs: number): (em: EntityManager) => Promise<string | null> {
    return async (em) => {
      const windows = await this.windows.notEndedForIn(em, coveringSubjects(subject), readingTs);
      return holdingWindow(windows, subject, readingTs)?.id ?? null;
    };
  }

  /** Puts live the suppressed alerts no window holds any more; returns how many went live. */
  async release(): Promise<number> {
    const now = this.clock.now();
    const events = await this.alerts.releaseSuppressed(now, (em, alerts) => this.stillHeld(em, alerts, now));
    if (events.length > 0) await this.publisher.flush();
    return events.length;
  }

  private async stillHeld(
    em: EntityManager,
    alerts: readonly SuppressedAlert[],
    now: number,
  ): Promise<ReadonlyMap<string, string>> {
    const lines = await this.windows.linesOfIn(
      em,
      alerts.filter((a) => a.subjectType === 'device').map((a) => a.subjectId),
    );
    const subjects: HeldSubject[] = alerts.map((a) => ({ ...a, line: lines.get(a.subjectId) ?? null }));
    const windows: MaintenanceWindowView[] = await this.windows.notEndedForIn(
      em,
      subjects.flatMap(coveringSubjects),
      now,
    );
    const held = new Map<string, string>();
    alerts.forEach((alert, i) => {
      const window = holdingWindow(windows, subjects[i], now);
      if (window) held.set(alert.id, window.id);
    });
    return held;
  }
}
