import type { DataSource } from 'typeorm';
import { ParkSettingEntity } from '../entities/park-setting.entity';
import { PlanTargetEntity, type PlanIndicator } from '../entities/plan-target.entity';
import { recordAudit } from './audit-trail';
import type { Actor } from './audited-store';

/** The plan's targets per year and park-wide settings (such as the 亩均 evaluation scheme). */
export class PlanRecords {
  constructor(private readonly dataSource: DataSource) {}

  targets(): Promise<PlanTargetEntity[]> {
    return this.dataSource.getRepository(PlanTargetEntity).find({ order: { indicator: 'ASC', year: 'ASC' } });
  }

  async putTarget(
    actor: Actor,
    target: { indicator: PlanIndicator; year: number; target: number; comparator: 'gt' | 'gte' },
  ): Promise<PlanTargetEntity> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(PlanTargetEntity);
      const where = { indicator: target.indicator, year: target.year };
      const before = await repo.findOne({ where });
      await repo.upsert({ ...target, updatedBy: actor.username }, ['indicator', 'year']);
      const after = await repo.findOneOrFail({ where });
      await recordAudit(tx, {
        actor: actor.username,
        action: before ? 'update' : 'create',
        entityType: 'plan-target',
        entityId: `${target.indicator}/${target.year}`,
        enterpriseId: null,
        before,
        after,
      });
      return after;
    });
  }

  async setting(key: string): Promise<unknown> {
    const row = await this.dataSource.getRepository(ParkSettingEntity).findOne({ where: { key } });
    return row ? row.value : undefined;
  }

  async putSetting(actor: Actor, key: string, value: unknown): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(ParkSettingEntity);
      const before = await repo.findOne({ where: { key } });
      await repo.upsert({ key, value: value as object, updatedBy: actor.username }, ['key']);
      await recordAudit(tx, {
        actor: actor.username,
        action: before ? 'update' : 'create',
        entityType: 'setting',
        entityId: key,
        enterpriseId: null,
        before: before ? { value: before.value } : null,
        after: { value },
      });
    });
  }
}
