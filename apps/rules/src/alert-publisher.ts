import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@park/bus';
import { CLOCK, type Clock } from '@park/clock';
import { topicName, type AlertEvent } from '@park/contracts';
import { AlertOutbox } from '@park/records';
import { RULES_CONFIG, type RulesConfig } from './rules.config';
import { RulesMetrics } from './rules-metrics';

/**
 * Publishes alert events from the outbox to `park.alerts.v1`: right after each change (`flush`) and on a timer
 * for anything a crash left behind. Several relays may run; row locks keep each event to one publisher.
 */
@Injectable()
export class AlertPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AlertPublisher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly topic: string;

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly outbox: AlertOutbox,
    private readonly metrics: RulesMetrics,
  ) {
    this.topic = topicName('alerts', config.PARK_NAMESPACE);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.logger.warn(`outbox sweep failed: ${String(error)}`));
    }, this.config.OUTBOX_POLL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Publishes everything pending; concurrent calls share one run and then run once more. */
  async flush(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.drain().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async drain(): Promise<void> {
    const batch = 100;
    const publish = (events: AlertEvent[]) =>
      this.bus.publish(
        this.topic,
        events.map((e) => ({ key: e.alert.id, value: JSON.stringify(e) })),
      );
    for (;;) {
      const published = await this.outbox.relay(batch, this.clock.now(), publish);
      this.metrics.outboxPublished.inc(published);
      if (published < batch) return; // else more may be pending
    }
  }
}
