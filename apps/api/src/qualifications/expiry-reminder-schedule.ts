import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock, PeriodicTask } from '@park/clock';
import { parkDate } from '@park/contracts';
import { PARK_UTC_OFFSET_MS } from '@park/reports';
import { EXPIRY_REMINDER_SETTINGS, type ExpiryReminderSettings } from './expiry-reminder.config';
import { ExpiryReminders } from './expiry-reminders';

/** How often the schedule looks at the clock. */
const CHECK_EVERY_MS = 60_000;

/**
 * The park day whose reminders are due at `now`: today from the set hour (Beijing time) to midnight — an API that
 * was down at 08:00 still sends when it comes up later that day — and null before the hour.
 */
export function reminderDay(now: number, settings: ExpiryReminderSettings): string | null {
  return new Date(now + PARK_UTC_OFFSET_MS).getUTCHours() < settings.hour ? null : parkDate(now);
}

/**
 * Sends the certificates' expiry reminders once a day (expiry-reminders.ts). Several API instances may run it at the
 * same minute: each certificate's step is claimed by inserting its row first, so each reminder is sent by exactly
 * one of them. Never two runs at once in one process (PeriodicTask).
 */
@Injectable()
export class ExpiryReminderSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ExpiryReminderSchedule');
  private readonly task = new PeriodicTask(
    () => this.tick(),
    (error) =>
      this.logger.error(`expiry reminders: ${error instanceof Error ? error.message : String(error)}`),
  );
  /** The last park day this process has sent the reminders for. */
  private done: string | null = null;
  /** Fired at shutdown: ends the waits between retries. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly reminders: ExpiryReminders,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EXPIRY_REMINDER_SETTINGS) private readonly settings: ExpiryReminderSettings,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.enabled) this.task.start(CHECK_EVERY_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.task.stop();
  }

  /** One look at the clock: the day's reminders, the first time its hour has come. Returns how many were sent. */
  async tick(): Promise<number> {
    const day = reminderDay(this.clock.now(), this.settings);
    if (!day || this.done === day) return 0;
    const outcomes = await this.reminders.send(day, this.stopping.signal);
    const sent = outcomes.filter((o) => o.status === 'delivered' || o.status === 'failed');
    if (sent.length > 0)
      this.logger.log(
        `expiry reminders for ${day}: ${sent.length} certificates, ${sent.filter((o) => o.status === 'delivered').length} reached`,
      );
    // Nothing claimed (no channel receives `expiry`, or no certificate is due): looked at again next minute, so a
    // channel added later in the day still gets the day's reminders. Two small indexed reads a minute.
    if (outcomes.length > 0) this.done = day;
    return sent.length;
  }
}
