import type { DataSource } from 'typeorm';
import { PolicyEntity } from '../entities/policy.entity';
import { AuditedStore } from './audited-store';

/** 惠企政策: the park's policy library; every write audited (entity type `policy`, no enterprise of its own). */
export class PolicyRecords {
  readonly store: AuditedStore<PolicyEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.store = new AuditedStore(dataSource, PolicyEntity, 'policy', () => null);
  }

  /** The live policies, those open longest (latest valid-to) first, then by name. */
  async list(): Promise<PolicyEntity[]> {
    const rows = await this.dataSource.getRepository(PolicyEntity).find();
    return rows.sort(
      (a, b) =>
        (b.validTo ?? '9999-12-31').localeCompare(a.validTo ?? '9999-12-31') ||
        a.name.localeCompare(b.name, 'zh-Hans-CN') ||
        a.id.localeCompare(b.id),
    );
  }

  get(id: string): Promise<PolicyEntity> {
    return this.store.get(id);
  }
}
