/**
 * A task run every few milliseconds or minutes (the rules service's escalation checks, maintenance releases, webhook
 * deliveries; the API's report and reminder schedules, the exchange's drop folder). Never two runs at once: a tick that comes while a run is still going is skipped, so a slow database
 * cannot pile up overlapping runs that would act twice on the same rows. A failed run is reported and the next
 * tick tries again, so one error does not stop the task.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly run: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.run()
        .then(() => undefined)
        .catch(this.onError)
        .finally(() => {
          this.running = null;
        });
    }, everyMs);
  }

  /** No tick after this; resolves once the run under way, if any, has finished (shutdown waits for it). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
