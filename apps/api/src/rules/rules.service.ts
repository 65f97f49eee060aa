import { Inject, Injectable } from '@nestjs/common';
import { DEVICE_KINDS, isDeviceKind, metricSpec, type DryRunResult, type RuleView } from '@park/contracts';
import { CLOCK, type Clock } from '@park/clock';
import { RuleRepository, type RuleEntity } from '@park/records';
import { compileRule, parseRuleDefinition, RULE_KIND_INFO, RuleParamsError } from '@park/rules-engine';
import { TELEMETRY_STORE_READER, type TelemetryReader } from './telemetry-reader';
import { dryRunRule } from './rule-dry-run';
import type { RuleDto } from './rules.dto';

/**
 * Rules CRUD and dry-run. Params are validated by the engine before anything is stored, with its message naming
 * the kind, the parameter and what was expected. A dry-run replays recent raw data from InfluxDB through the live
 * rule pipeline (router, overrides, engine) and lists what would have fired, without touching alerts.
 */
@Injectable()
export class RulesAdminService {
  constructor(
    private readonly rules: RuleRepository,
    @Inject(TELEMETRY_STORE_READER) private readonly telemetry: TelemetryReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<RuleView[]> {
    return (await this.rules.all()).map(toView);
  }

  async get(id: string): Promise<RuleView> {
    return toView(await this.rules.get(id));
  }

  async create(dto: RuleDto): Promise<RuleView> {
    return toView(await this.rules.create(validated(dto)));
  }

  async update(id: string, dto: RuleDto): Promise<RuleView> {
    return toView(await this.rules.update(id, validated(dto)));
  }

  remove(id: string): Promise<'deleted' | 'disabled'> {
    return this.rules.remove(id);
  }

  /**
   * `draftParams`: try params not yet saved (validated as an update would be) instead of the stored ones. The rule
   * is compiled and replayed by the live pipeline itself (`dryRunRule`), on the series of every device its subjects
   * read, so the dry-run reports what the rules service would have done on the same readings.
   */
  async dryRun(id: string, hours: number, draftParams?: Record<string, unknown>): Promise<DryRunResult> {
    const row = await this.rules.get(id);
    const rule = compileRule({ ...row, params: draftParams ?? row.params });
    const to = this.clock.now();
    const from = to - hours * 3_600_000;
    const devices = await this.telemetry.devices();
    const subjects = await dryRunRule(
      rule,
      devices,
      (kind, metric, deviceId, a, b) => this.telemetry.raw(kind, metric, deviceId, a, b),
      from,
      to,
    );
    return { ruleId: id, from, to, subjects };
  }
}

function validated(dto: RuleDto) {
  if (dto.deviceKind !== '*' && !isDeviceKind(dto.deviceKind)) {
    throw new RuleParamsError(
      `deviceKind must be a device kind (${Object.keys(DEVICE_KINDS).join(', ')}) or *`,
      { type: 'one-of', values: [...Object.keys(DEVICE_KINDS), '*'] },
      'deviceKind',
    );
  }
  const definition = parseRuleDefinition(dto.kind, dto.params);
  const info = RULE_KIND_INFO[definition.kind];
  if (
    info.subject === 'device' &&
    definition.kind !== 'device-offline' &&
    isDeviceKind(dto.deviceKind) &&
    !metricSpec(dto.deviceKind, dto.metric)
  ) {
    throw new RuleParamsError(
      `metric "${dto.metric}" is not a metric of ${dto.deviceKind}`,
      { type: 'metric' },
      'metric',
    );
  }
  return {
    kind: dto.kind,
    name: dto.name,
    deviceKind: dto.deviceKind,
    metric: dto.metric,
    params: dto.params,
    autoResolve: dto.autoResolve ?? true,
    enabled: dto.enabled ?? true,
    source: dto.source ?? null,
  };
}

function toView(row: RuleEntity): RuleView {
  const kind = row.kind;
  return {
    id: row.id,
    code: row.code,
    kind,
    name: { zh: row.nameZh, en: row.nameEn },
    deviceKind: row.deviceKind,
    metric: row.metric,
    params: row.params,
    autoResolve: row.autoResolve,
    enabled: row.enabled,
    source: row.source,
    subject: kind in RULE_KIND_INFO ? RULE_KIND_INFO[kind as keyof typeof RULE_KIND_INFO].subject : null,
  };
}
