import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Cooperative time slicing for long work on the request path (an import of thousands of rows). Node runs one
 * request's synchronous work to the end before it looks at any other socket, so a loop over a 9 MB file would
 * stall every other request — /health included — for as long as it runs (docs/records.md, "Imports"). The work
 * asks `pause()` between items; after `budgetMs` of uninterrupted running it waits one turn of the event loop
 * (setImmediate: after pending I/O), so other requests are served every `budgetMs` at most.
 */
export class TimeSlice {
  private startedAt = performance.now();

  constructor(private readonly budgetMs = 20) {}

  /** Whether this slice has used its budget. */
  get spent(): boolean {
    return performance.now() - this.startedAt >= this.budgetMs;
  }

  /** Yields to the event loop if the budget is used up, and starts a new slice. */
  async pause(): Promise<void> {
    if (!this.spent) return;
    await nextTurn();
    this.startedAt = performance.now();
  }

  /** Yields to the event loop now, and starts a new slice. */
  async yield(): Promise<void> {
    await nextTurn();
    this.startedAt = performance.now();
  }
}
