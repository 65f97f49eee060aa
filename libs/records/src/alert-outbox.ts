import type { AlertEvent } from '@park/contracts';
import type { DataSource } from 'typeorm';
import { AlertEventEntity } from './entities/alert-event.entity';
import { toAlertEvent } from './alert-repository';
import { lockForUpdate } from './dialect';

/**
 * The transactional outbox of alert events. `relay` locks the oldest unpublished events (SKIP LOCKED, so several
 * relays never take the same rows), hands them to `publish`, and marks them published in the same transaction:
 * if publishing fails nothing is marked, and the next sweep tries again. Delivery is at-least-once; consumers
 * de-duplicate by `seq`.
 */
export class AlertOutbox {
  constructor(private readonly dataSource: DataSource) {}

  /** Publishes up to `limit` events; returns how many. */
  async relay(limit: number, at: number, publish: (events: AlertEvent[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const rows = await lockForUpdate(
        em
          .getRepository(AlertEventEntity)
          .createQueryBuilder('e')
          .where('e.published_at IS NULL')
          .orderBy('e.seq', 'ASC')
          .limit(limit),
        'skip-locked',
      ).getMany();
      if (rows.length === 0) return 0;
      await publish(rows.map(toAlertEvent));
      await em
        .getRepository(AlertEventEntity)
        .createQueryBuilder()
        .update()
        .set({ publishedAt: new Date(at) })
        .whereInIds(rows.map((r) => r.seq))
        .execute();
      return rows.length;
    });
  }
}
