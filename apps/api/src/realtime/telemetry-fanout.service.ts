import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage } from '@park/bus';
import { CLOCK, type Clock } from '@park/clock';
import { decodeTelemetryRecord, type TelemetryUpdate } from '@park/contracts';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { AlertsGateway } from './alerts.gateway';
import { eachDecoded } from './each-decoded';
import { foldTelemetryUpdates, telemetryUpdateOf } from './telemetry-update';
import { TrailingThrottle } from './trailing-throttle';

/**
 * `park.telemetry.v1` → socket.io `telemetry`, throttled per device (TELEMETRY_THROTTLE_MS, trailing-throttle.ts):
 * a device's first reading goes out at once, the newest values of a busy device at the end of each window. Fed by
 * RealtimeConsumer: like the alert fan-out, each API instance is its own consumer group starting at the end of the
 * topic, live values only, nothing is replayed. One timer, armed for the earliest window end, drives the trailing edge.
 */
@Injectable()
export class TelemetryFanoutService implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TelemetryFanoutService.name);
  private readonly throttle: TrailingThrottle<TelemetryUpdate>;
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt = Number.POSITIVE_INFINITY;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly gateway: AlertsGateway,
  ) {
    this.throttle = new TrailingThrottle({
      windowMs: config.TELEMETRY_THROTTLE_MS,
      fold: foldTelemetryUpdates,
    });
  }

  /** After the bus server stopped the consumers (onModuleDestroy): no batch arrives to re-arm the timer. */
  beforeApplicationShutdown(): void {
    this.disarm();
  }

  deliver(messages: readonly IncomingMessage[]): Promise<void> {
    const now = this.clock.now();
    eachDecoded(
      messages,
      (value) => telemetryUpdateOf(decodeTelemetryRecord(value)),
      this.logger,
      'telemetry',
      (update) => {
        const immediate = this.throttle.offer(update.deviceId, update, now);
        if (immediate) this.gateway.broadcastTelemetry(immediate);
      },
    );
    this.arm();
    return Promise.resolve();
  }

  private flush(): void {
    this.timer = null;
    this.timerDueAt = Number.POSITIVE_INFINITY;
    for (const [, update] of this.throttle.collect(this.clock.now())) this.gateway.broadcastTelemetry(update);
    this.arm();
  }

  /** One timer for the earliest window end; re-armed only when that moved earlier (or it fired). */
  private arm(): void {
    const dueAt = this.throttle.nextDueAt();
    if (dueAt === null || dueAt >= this.timerDueAt) return;
    this.disarm();
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => this.flush(), Math.max(0, dueAt - this.clock.now()));
    this.timer.unref();
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = Number.POSITIVE_INFINITY;
  }
}
