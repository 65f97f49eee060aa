import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock, PeriodicTask } from '@park/clock';
import { EscalationRepository, type FiredStep } from '@park/records';
import { RULES_CONFIG, type RulesConfig } from '../rules.config';

/**
 * The escalation chain (升级链) on the escalation timers: every ESCALATION_CHECK_MS it fires the chain steps that
 * fell due — "未确认 N 分钟后 → 通知 谁 经 哪个渠道" — for each open (unacknowledged) warning or critical alert, queuing
 * the notifications the dispatcher sends. Acknowledging an alert stops its chain: an alert no longer `open` has
 * no step due. Steps at 0 minutes go out with the alert itself (queued in its opening transaction, see
 * EscalationRepository.routeIn); this tick does the later ones. Runs beside EscalationService's overdue/reminder
 * events on the same cadence; several rules instances never fire a step twice (escalation-repository.ts).
 */
@Injectable()
export class EscalationChainService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EscalationChainService.name);
  private readonly task = new PeriodicTask(
    () => this.check(),
    (error) => this.logger.warn(`escalation chain check failed: ${String(error)}`),
  );

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly escalations: EscalationRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.ESCALATION_CHECK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Fires the chain steps due now; returns them (alert, position, deliveries queued). */
  async check(): Promise<FiredStep[]> {
    const fired = await this.escalations.fireDue(this.clock.now());
    for (const step of fired)
      this.logger.log(
        `alert ${step.alertId}: chain step ${step.position} fired, ${step.deliveries} notifications`,
      );
    return fired;
  }
}
