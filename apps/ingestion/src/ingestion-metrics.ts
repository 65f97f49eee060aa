import type { RejectReason } from '@park/contracts';

/** Counters read by /metrics (operations issue) and by tests. */
export class IngestionMetrics {
  accepted = 0;
  readonly rejected = new Map<RejectReason, number>();

  countRejected(reason: RejectReason): void {
    this.rejected.set(reason, (this.rejected.get(reason) ?? 0) + 1);
  }
}
