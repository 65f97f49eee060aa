import { Inject, Injectable } from '@nestjs/common';
import { DEVICE_KINDS, isDeviceKind, metricSpec, type DeviceKind } from '@park/contracts';
import { CLOCK, type Clock } from '@park/clock';
import { RuleRepository, type RuleEntity } from '@park/records';
import {
  deviceLayer,
  enterpriseLayer,
  lineLayer,
  parseRuleDefinition,
  resolveRuleDefinition,
  RULE_KIND_INFO,
  RuleParamsError,
  subjectSettings,
  type EngineRule,
  type RuleInput,
} from '@park/rules-engine';
import { TELEMETRY_STORE_READER, type TelemetryReader } from './telemetry-reader';
import { dryRunSubject, type DryRunSubjectResult } from './rule-dry-run';
import type { RuleDto } from './rules.dto';

export interface RuleView {
  readonly id: string;
  readonly code: string | null;
  readonly kind: string;
  readonly name: { zh: string; en: string };
  readonly deviceKind: string;
  readonly metric: string;
  readonly params: Record<string, unknown>;
  readonly autoResolve: boolean;
  readonly enabled: boolean;
  readonly source: string | null;
  readonly subject: 'device' | 'line' | null;
}

export interface DryRunResult {
  readonly ruleId: string;
  readonly from: number;
  readonly to: number;
  readonly subjects: DryRunSubjectResult[];
}

const MAX_DRY_RUN_DEVICES = 200;

/**
 * Rules CRUD and dry-run. Params are validated by the engine before anything is stored, with its message naming
 * the kind, the parameter and what was expected. A dry-run replays recent raw data from InfluxDB through the engine
 * and lists what would have fired, without touching alerts.
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

  /** `draftParams`: try params not yet saved (validated as an update would be) instead of the stored ones. */
  async dryRun(id: string, hours: number, draftParams?: Record<string, unknown>): Promise<DryRunResult> {
    const row = await this.rules.get(id);
    const params = draftParams ?? row.params;
    const definition = parseRuleDefinition(row.kind, params);
    const spec = isDeviceKind(row.deviceKind) ? metricSpec(row.deviceKind, row.metric) : undefined;
    const rule: EngineRule = {
      id: row.id,
      name: { zh: row.nameZh, en: row.nameEn },
      source: row.source,
      metric: row.metric,
      metricInfo: spec ? { unit: spec.unit, label: spec.label, states: spec.states } : undefined,
      definition,
    };
    const to = this.clock.now();
    const from = to - hours * 3_600_000;
    const info = RULE_KIND_INFO[definition.kind];
    const ticks = info.inputs.includes('tick');
    const devices = await this.telemetry.devices();
    const settings = subjectSettings(devices);
    // Per subject, as the rules service runs it: the rule's params overlaid with the subject's records.
    const forSubject = (
      layer: Record<string, unknown> | undefined,
      enterprise?: Record<string, unknown>,
    ): EngineRule => {
      if (!layer && !enterprise) return rule;
      try {
        return {
          ...rule,
          definition: resolveRuleDefinition(definition.kind, layer, enterprise, params).definition,
        };
      } catch {
        return rule;
      }
    };
    const subjects: DryRunSubjectResult[] = [];
    if (info.subject === 'device') {
      const kinds: DeviceKind[] =
        row.deviceKind === '*'
          ? (Object.keys(DEVICE_KINDS) as DeviceKind[])
          : isDeviceKind(row.deviceKind)
            ? [row.deviceKind]
            : [];
      const targets = devices
        .filter((d) => (kinds as string[]).includes(d.kind))
        .slice(0, MAX_DRY_RUN_DEVICES);
      for (const device of targets) {
        const kind = device.kind as DeviceKind;
        const metric = definition.kind === 'device-offline' ? firstMetric(kind) : row.metric;
        if (!metric || !metricSpec(kind, metric)) continue;
        const points = await this.telemetry.raw(kind, metric, device.id, from, to);
        const extra =
          definition.kind === 'hourly-mean-emission'
            ? await this.telemetry.raw(kind, definition.params.o2Metric, device.id, from, to)
            : [];
        const o2 = new Map(extra.map((p) => [p.ts, p.value]));
        const inputs: Exclude<RuleInput, { kind: 'tick' }>[] = points
          .filter((p) => p.value !== null)
          .map((p) => ({
            kind: 'reading' as const,
            ts: p.ts,
            values: {
              [metric]: p.value as number | boolean,
              ...(o2.has(p.ts) && definition.kind === 'hourly-mean-emission'
                ? { [definition.params.o2Metric]: o2.get(p.ts) as number }
                : {}),
            },
          }));
        if (inputs.length === 0) continue;
        const engine = forSubject(
          deviceLayer(definition.kind, row.metric, device),
          enterpriseLayer(definition.kind, row.metric, device),
        );
        subjects.push(dryRunSubject(engine, device.id, inputs, { ticks, tickEveryMs: 60_000, until: to }));
      }
    } else {
      const lines = new Map<string, typeof devices>();
      for (const d of devices) {
        if (
          d.kind !== 'power-meter' ||
          !d.line ||
          (d.role !== 'production' && d.role !== 'pollution-control')
        )
          continue;
        const key = `${d.enterpriseId}:${d.line}`;
        lines.set(key, [...(lines.get(key) ?? []), d]);
      }
      for (const [key, meters] of lines) {
        const inputs: Exclude<RuleInput, { kind: 'tick' }>[] = [];
        for (const m of meters) {
          for (const p of await this.telemetry.raw('power-meter', 'kw', m.id, from, to)) {
            if (typeof p.value !== 'number') continue;
            inputs.push({
              kind: 'meter',
              ts: p.ts,
              meterId: m.id,
              role: m.role as 'production',
              kw: p.value,
            });
          }
        }
        if (inputs.length === 0) continue;
        const { enterpriseId, line } = meters[0] as { enterpriseId: string; line: string };
        const engine = forSubject(lineLayer(definition.kind, settings, enterpriseId, line));
        subjects.push(
          dryRunSubject(engine, `line:${key}`, inputs, { ticks: false, tickEveryMs: 60_000, until: to }),
        );
      }
    }
    return { ruleId: id, from, to, subjects };
  }
}

function firstMetric(kind: DeviceKind): string | undefined {
  return Object.keys(DEVICE_KINDS[kind].metrics)[0];
}

function validated(dto: RuleDto) {
  if (dto.deviceKind !== '*' && !isDeviceKind(dto.deviceKind)) {
    throw new RuleParamsError(
      `deviceKind must be a device kind (${Object.keys(DEVICE_KINDS).join(', ')}) or *`,
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
    throw new RuleParamsError(`metric "${dto.metric}" is not a metric of ${dto.deviceKind}`);
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
