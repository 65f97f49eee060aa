import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock, PeriodicTask } from '@park/clock';
import { AlertRepository } from '@park/records';
import { AlertPublisher } from './alert-publisher';
import { RULES_CONFIG, type RulesConfig } from './rules.config';

/**
 * Escalation by time: an alert nobody acknowledged within its severity's time becomes `overdue`, then gets a
 * `reminder` every REMIND_EVERY_MS until acknowledged. Both are audited and published like any transition.
 */
@Injectable()
export class EscalationService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EscalationService.name);
  private readonly task = new PeriodicTask(
    () => this.check(),
    (error) => this.logger.warn(`escalation check failed: ${String(error)}`),
  );

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly alerts: AlertRepository,
    private readonly publisher: AlertPublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.ESCALATION_CHECK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Escalates what is overdue and reminds what is still unacknowledged; returns how many events were written. */
  async check(): Promise<number> {
    const events = await this.alerts.escalateOverdue(
      this.clock.now(),
      {
        critical: this.config.ESCALATE_CRITICAL_AFTER_MS,
        warning: this.config.ESCALATE_WARNING_AFTER_MS,
        info: this.config.ESCALATE_INFO_AFTER_MS,
      },
      this.config.REMIND_EVERY_MS,
    );
    if (events.length > 0) await this.publisher.flush();
    return events.length;
  }
}
