import type { DataSource } from 'typeorm';
import { RuleEntity } from './entities/rule.entity';

export interface RuleSeed {
  readonly code: string;
  readonly kind: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly deviceKind: string;
  readonly metric: string;
  readonly params: object;
  readonly autoResolve: boolean;
  readonly source: string;
}

export class RuleRepository {
  constructor(private readonly dataSource: DataSource) {}

  enabled(): Promise<RuleEntity[]> {
    return this.dataSource
      .getRepository(RuleEntity)
      .find({ where: { enabled: true }, order: { createdAt: 'ASC' } });
  }

  /** Inserts each built-in rule whose code is not there yet; never overwrites what an admin changed. */
  async ensureBuiltIns(seeds: readonly RuleSeed[]): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(RuleEntity)
      .values(
        seeds.map((s) => ({
          code: s.code,
          kind: s.kind,
          nameZh: s.name.zh,
          nameEn: s.name.en,
          deviceKind: s.deviceKind,
          metric: s.metric,
          params: { ...s.params },
          autoResolve: s.autoResolve,
          enabled: true,
          source: s.source,
        })),
      )
      .orIgnore()
      .execute();
  }
}
