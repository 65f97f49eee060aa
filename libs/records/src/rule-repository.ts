import type { DataSource } from 'typeorm';
import { jsonValue, perDialect } from './dialect';
import type { ProcessLimitSettings } from './entities/device.entity';
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

export class RuleNotFoundError extends Error {
  constructor(id: string) {
    super(`rule ${id} not found`);
    this.name = 'RuleNotFoundError';
  }
}

export interface RuleInput {
  readonly kind: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly deviceKind: string;
  readonly metric: string;
  readonly params: Record<string, unknown>;
  readonly autoResolve: boolean;
  readonly enabled: boolean;
  readonly source: string | null;
}

/** What the rules service needs to know about every device to route and tune rules. */
export interface RuleDeviceInfo {
  readonly id: string;
  readonly kind: string;
  readonly enterpriseId: string;
  readonly expectedIntervalS: number;
  readonly role: string | null;
  readonly line: string | null;
  /** Normal running load of a production or pollution-control meter, kW. */
  readonly normalKw: number | null;
  /** Discharge-permit limits, metric → limit. */
  readonly permitLimits: Readonly<Record<string, number>> | null;
  /** The permit's reference O₂, %VOL. */
  readonly permitO2Reference: number | null;
  /** The enterprise's permit limits: the fallback for a metric the device states no limit for. */
  readonly enterprisePermitLimits: Readonly<Record<string, number>> | null;
  /** The enterprise's permit reference O₂, %VOL: the fallback when the device states none. */
  readonly enterprisePermitO2Reference: number | null;
  /** Process safety set points per metric (tank and reactor instruments). */
  readonly processLimits: Readonly<Record<string, ProcessLimitSettings>> | null;
}

export class RuleRepository {
  constructor(private readonly dataSource: DataSource) {}

  all(): Promise<RuleEntity[]> {
    return this.dataSource.getRepository(RuleEntity).find({ order: { createdAt: 'ASC' } });
  }

  async get(id: string): Promise<RuleEntity> {
    const row = await this.dataSource.getRepository(RuleEntity).findOneBy({ id });
    if (!row) throw new RuleNotFoundError(id);
    return row;
  }

  async create(input: RuleInput): Promise<RuleEntity> {
    const repo = this.dataSource.getRepository(RuleEntity);
    return repo.save(
      repo.create({
        code: null,
        kind: input.kind,
        nameZh: input.name.zh,
        nameEn: input.name.en,
        deviceKind: input.deviceKind,
        metric: input.metric,
        params: input.params,
        autoResolve: input.autoResolve,
        enabled: input.enabled,
        source: input.source,
      }),
    );
  }

  async update(id: string, input: RuleInput): Promise<RuleEntity> {
    const repo = this.dataSource.getRepository(RuleEntity);
    const row = await this.get(id);
    Object.assign(row, {
      kind: input.kind,
      nameZh: input.name.zh,
      nameEn: input.name.en,
      deviceKind: input.deviceKind,
      metric: input.metric,
      params: input.params,
      autoResolve: input.autoResolve,
      enabled: input.enabled,
      source: input.source,
    });
    return repo.save(row);
  }

  /** Deletes a rule that never raised an alert; one with alerts is disabled instead (its history stays). */
  async remove(id: string): Promise<'deleted' | 'disabled'> {
    const row = await this.get(id);
    const [{ n }] = await this.dataSource.query<{ n: string }[]>(
      perDialect(this.dataSource, {
        postgres: () => 'SELECT count(*) AS n FROM alerts WHERE rule_id = $1',
        sqlite: () => 'SELECT count(*) AS n FROM alerts WHERE rule_id = ?',
      }),
      [id],
    );
    if (Number(n) > 0) {
      await this.dataSource.getRepository(RuleEntity).update(id, { enabled: false });
      return 'disabled';
    }
    await this.dataSource.getRepository(RuleEntity).delete({ id: row.id });
    return 'deleted';
  }

  async devices(): Promise<RuleDeviceInfo[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        kind: string;
        enterprise_id: string;
        expected_interval_s: number;
        role: string | null;
        line: string | null;
        normal_kw: number | null;
        permit_limits: Record<string, number> | null;
        permit_o2_reference: number | null;
        enterprise_permit_limits: Record<string, number> | null;
        enterprise_permit_o2_reference: number | null;
        process_limits: Record<string, ProcessLimitSettings> | null;
      }[]
    >(
      `SELECT d.id, d.kind, d.enterprise_id, d.expected_interval_s, d.role, d.line, d.normal_kw, d.permit_limits,
              d.permit_o2_reference, e.permit_limits AS enterprise_permit_limits,
              e.permit_o2_reference AS enterprise_permit_o2_reference, d.process_limits
         FROM devices d LEFT JOIN enterprises e ON e.id = d.enterprise_id
        WHERE d.enabled`,
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      enterpriseId: r.enterprise_id,
      expectedIntervalS: r.expected_interval_s,
      role: r.role,
      line: r.line,
      normalKw: r.normal_kw,
      permitLimits: jsonValue(this.dataSource, r.permit_limits),
      permitO2Reference: r.permit_o2_reference,
      enterprisePermitLimits: jsonValue(this.dataSource, r.enterprise_permit_limits),
      enterprisePermitO2Reference: r.enterprise_permit_o2_reference,
      processLimits: jsonValue(this.dataSource, r.process_limits),
    }));
  }

  /**
   * The disabled devices: the rules service tells their device-offline rules so, and an open offline alert is
   * cleared (a device taken out of service is no longer expected to report).
   */
  async disabledDevices(): Promise<{ id: string; kind: string; enterpriseId: string }[]> {
    const rows = await this.dataSource.query<{ id: string; kind: string; enterprise_id: string }[]>(
      'SELECT id, kind, enterprise_id FROM devices WHERE NOT enabled',
    );
    return rows.map((r) => ({ id: r.id, kind: r.kind, enterpriseId: r.enterprise_id }));
  }

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
