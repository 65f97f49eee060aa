import {
  DEVICE_KINDS,
  isDeviceKind,
  metricSpec,
  type DeviceStatusEvent,
  type TelemetryRecord,
} from '@park/contracts';
import { parseRuleDefinition, RULE_KIND_INFO, type EngineRule, type RuleKind } from './engine';
import type { Enrolment, RuleInput } from './inputs';
import { resolveRuleDefinition } from './resolve-thresholds';
import {
  deviceLayer,
  enterpriseLayer,
  lineLayer,
  type DeviceSettings,
  type SubjectSettings,
} from './subject-settings';
import { parseSubjectKey, subjectKey, type SubjectKey } from './subject-key';

/**
 * The one rule pipeline: a rule row compiled for the engine, the subject's overrides laid over it, and the router
 * that decides which inputs go to which (rule, subject). The live rules service and the rule dry-run both run it,
 * so a dry-run cannot drift from what the service does (docs/rules.md, "One pipeline"). Pure: problems are handed to
 * the caller's `report`, never logged here.
 */

/** The columns of a rule row the pipeline reads (records' `rules` table; the dry-run's draft params). */
export interface RuleRow {
  readonly id: string;
  readonly code?: string | null;
  readonly kind: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly deviceKind: string;
  readonly metric: string;
  readonly params: Record<string, unknown>;
  readonly autoResolve: boolean;
  readonly source: string | null;
}

/** A rule row compiled for the engine, with what the router and the lifecycle need. */
export interface CompiledRule {
  readonly engine: EngineRule;
  readonly kind: RuleKind;
  readonly subject: 'device' | 'line';
  /** The device kind whose readings it reads; '*' for every kind. */
  readonly deviceKind: string;
  readonly metric: string;
  readonly autoResolve: boolean;
  readonly params: Readonly<Record<string, unknown>>;
  readonly takesTicks: boolean;
  readonly takesStatus: boolean;
}

/** Where the pipeline tells its caller about a row or an override it could not use (the service logs it). */
export type PipelineReport = (message: string) => void;

/** Turns a rule row into an engine rule; throws RuleParamsError (naming kind and parameter) if it cannot. */
export function compileRule(row: RuleRow): CompiledRule {
  const definition = parseRuleDefinition(row.kind, row.params);
  const kind = definition.kind;
  const spec = isDeviceKind(row.deviceKind) ? metricSpec(row.deviceKind, row.metric) : undefined;
  const info = RULE_KIND_INFO[kind];
  return {
    engine: {
      id: row.id,
      name: { zh: row.nameZh, en: row.nameEn },
      source: row.source,
      metric: row.metric,
      metricInfo: spec ? { unit: spec.unit, label: spec.label, states: spec.states } : undefined,
      definition,
    },
    kind,
    subject: info.subject,
    deviceKind: row.deviceKind,
    metric: row.metric,
    autoResolve: row.autoResolve,
    params: row.params,
    takesTicks: info.inputs.includes('tick'),
    takesStatus: info.inputs.includes('status'),
  };
}

/** Compiles every row; a row the engine cannot use is reported and skipped, never fatal. */
export function compileRules(
  rows: readonly RuleRow[],
  report: PipelineReport = () => undefined,
): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const row of rows) {
    try {
      out.push(compileRule(row));
    } catch (error) {
      report(
        `rule ${row.code ?? row.id} (${row.kind}) has invalid params, skipped: ${(error as Error).message}`,
      );
    }
  }
  return out;
}

/**
 * The rule as the engine runs it for one subject: the rule's params (the park default) overlaid with what the
 * subject's records state (`resolveRuleDefinition`, value by value). Overrides that do not make a valid rule are
 * reported and ignored: the park default is then used as it stands.
 */
export function withOverrides(
  rule: CompiledRule,
  layer: Record<string, unknown> | undefined,
  subject: string,
  enterprise?: Record<string, unknown>,
  report: PipelineReport = () => undefined,
): EngineRule {
  if (!layer && !enterprise) return rule.engine;
  try {
    const { definition } = resolveRuleDefinition(rule.kind, layer, enterprise, rule.params);
    return { ...rule.engine, definition };
  } catch (error) {
    report(
      `rule ${rule.engine.id} (${rule.kind}) for ${subject}: the records' values were ignored: ${(error as Error).message}`,
    );
    return rule.engine;
  }
}

/** One input for one (rule, subject): what the rules service evaluates and where the outcome goes. */
export interface RoutedInput {
  readonly rule: CompiledRule;
  readonly engine: EngineRule;
  readonly subjectType: 'device' | 'line';
  /** Device id, or line id. */
  readonly subjectId: string;
  /** The key engine state is stored under (subject-key.ts). */
  readonly subjectKey: SubjectKey;
  readonly enterpriseId: string;
  /** The device the input came from (a line alert shows the meter that confirmed it). */
  readonly deviceId: string;
  readonly input: RuleInput;
}

/** Whether a device's readings reach a line's 分表计电 and emission-spike rules as `meter` inputs. */
export function isLineMeter(device: Pick<DeviceSettings, 'kind' | 'line' | 'role'>): boolean {
  return (
    device.kind === 'power-meter' &&
    device.line !== null &&
    (device.role === 'production' || device.role === 'pollution-control')
  );
}

/**
 * Decides which rules an input concerns, as which subject and which engine input (RULE_KIND_INFO): device rules of
 * the record's kind ('*': every kind), and line rules — 分表计电 takes every production and pollution-control meter of
 * the line as a `meter` input; emission spike also takes the line's stack readings. Pure.
 */
export class RuleRouter {
  /** The rules that judge a device's silence: ticked for every enabled device, not only those with state. */
  private readonly silenceRules: readonly CompiledRule[];
  /** Engine rules with the subject's overrides, per (rule, subject); rebuilt with the router on every reload. */
  private readonly resolved = new Map<string, EngineRule>();

  constructor(
    private readonly rules: readonly CompiledRule[],
    private readonly settings: SubjectSettings,
    private readonly report: PipelineReport = () => undefined,
  ) {
    this.silenceRules = rules.filter((rule) => rule.kind === 'device-offline' && rule.subject === 'device');
  }

  get all(): readonly CompiledRule[] {
    return this.rules;
  }

  private engineFor(rule: CompiledRule, deviceId: string): EngineRule {
    const device = this.settings.device(deviceId);
    return this.memo(rule, subjectKey({ type: 'device', id: deviceId }), () =>
      withOverrides(
        rule,
        deviceLayer(rule.kind, rule.metric, device),
        `device ${deviceId}`,
        enterpriseLayer(rule.kind, rule.metric, device),
        this.report,
      ),
    );
  }

  private lineEngineFor(rule: CompiledRule, enterpriseId: string, lineId: string): EngineRule {
    return this.memo(rule, subjectKey({ type: 'line', enterpriseId, id: lineId }), () =>
      withOverrides(
        rule,
        lineLayer(rule.kind, this.settings, enterpriseId, lineId),
        `line ${lineId}`,
        undefined,
        this.report,
      ),
    );
  }

  private memo(rule: CompiledRule, subject: SubjectKey, make: () => EngineRule): EngineRule {
    const key = `${rule.engine.id}|${subject}`;
    let engine = this.resolved.get(key);
    if (!engine) {
      engine = make();
      this.resolved.set(key, engine);
    }
    return engine;
  }

  /** The engine rule for a stored subject (for ticks); the rule as it stands for a key of no subject. */
  engineForSubject(rule: CompiledRule, key: string): EngineRule {
    const subject = parseSubjectKey(key);
    if (subject?.type === 'device') return this.engineFor(rule, subject.id);
    if (subject?.type === 'line') return this.lineEngineFor(rule, subject.enterpriseId, subject.id);
    return rule.engine;
  }

  reading(record: TelemetryRecord): RoutedInput[] {
    const out: RoutedInput[] = [];
    const device = (rule: CompiledRule, input: RuleInput): RoutedInput => ({
      rule,
      engine: this.engineFor(rule, record.deviceId),
      subjectType: 'device',
      subjectId: record.deviceId,
      subjectKey: subjectKey({ type: 'device', id: record.deviceId }),
      enterpriseId: record.enterpriseId,
      deviceId: record.deviceId,
      input,
    });
    const line = (rule: CompiledRule, lineId: string, input: RuleInput): RoutedInput => ({
      rule,
      engine: this.lineEngineFor(rule, record.enterpriseId, lineId),
      subjectType: 'line',
      subjectId: lineId,
      subjectKey: subjectKey({ type: 'line', enterpriseId: record.enterpriseId, id: lineId }),
      enterpriseId: record.enterpriseId,
      deviceId: record.deviceId,
      input,
    });
    const reading: RuleInput = record.flags
      ? { kind: 'reading', ts: record.ts, values: record.values, flags: record.flags }
      : { kind: 'reading', ts: record.ts, values: record.values };
    const kw = record.values.kw;
    const lineMeter = isLineMeter(record) && typeof kw === 'number';
    for (const rule of this.rules) {
      if (rule.subject === 'device') {
        if (rule.deviceKind !== '*' && rule.deviceKind !== record.kind) continue;
        // '*': the rule reads every metric of the reading (device offline, analyser abnormal).
        if (rule.metric !== '*' && rule.kind !== 'device-offline' && record.values[rule.metric] === undefined)
          continue;
        out.push(device(rule, reading));
        continue;
      }
      if (record.line === null) continue;
      if (lineMeter && typeof kw === 'number' && record.role !== null) {
        out.push(
          line(rule, record.line, {
            kind: 'meter',
            ts: record.ts,
            meterId: record.deviceId,
            role: record.role,
            kw,
          }),
        );
      } else if (
        rule.kind === 'emission-spike' &&
        rule.deviceKind === record.kind &&
        record.values[rule.metric] !== undefined
      ) {
        out.push(line(rule, record.line, reading));
      }
    }
    return out;
  }

  /**
   * A tick, with what the service knows of the device's enrolment, for every rule that watches the device's silence
   * (device-offline of its kind or of '*'): so a device is judged whether or not it has ever reported.
   */
  silenceTicks(
    device: { id: string; kind: string; enterpriseId: string },
    enrolment: Enrolment,
  ): RoutedInput[] {
    return this.silenceRules
      .filter((rule) => rule.deviceKind === '*' || rule.deviceKind === device.kind)
      .map((rule) => ({
        rule,
        engine: this.engineFor(rule, device.id),
        subjectType: 'device' as const,
        subjectId: device.id,
        subjectKey: subjectKey({ type: 'device', id: device.id }),
        enterpriseId: device.enterpriseId,
        deviceId: device.id,
        input: { kind: 'tick' as const, enrolment },
      }));
  }

  status(
    event: DeviceStatusEvent,
    device: { kind: string; enterpriseId: string } | undefined,
  ): RoutedInput[] {
    const enterpriseId = event.enterpriseId ?? device?.enterpriseId;
    if (!enterpriseId) return [];
    return this.rules
      .filter(
        (rule) =>
          rule.takesStatus &&
          rule.subject === 'device' &&
          (rule.deviceKind === '*' || rule.deviceKind === device?.kind),
      )
      .map((rule) => ({
        rule,
        engine: this.engineFor(rule, event.deviceId),
        subjectType: 'device' as const,
        subjectId: event.deviceId,
        subjectKey: subjectKey({ type: 'device', id: event.deviceId }),
        enterpriseId,
        deviceId: event.deviceId,
        input: {
          kind: 'status' as const,
          ts: event.at,
          status: event.status,
          cause: event.cause,
        },
      }));
  }
}

/** One device's series a rule's subjects read: the device and the metrics the router and the engine look at. */
export interface SeriesNeed {
  readonly device: DeviceSettings;
  readonly metrics: readonly string[];
}

/**
 * Every series whose readings `RuleRouter.reading` sends to one of `rule`'s subjects, and the metrics it (and the
 * engine) look at in them: what a replay of recorded history must read so the router sees what the live service saw.
 * - a device rule: the devices of its kind ('*': all), its metric — plus the O₂ it corrects with (hourly mean);
 *   device-offline counts any reading at all, and a rule of metric '*' reads them all: every metric of the kind;
 * - a line rule: every production and pollution-control meter on a line (`kw`), and — emission spike — every device
 *   of the rule's kind on a line (the rule's metric: the stack's SO₂, not only the line's power).
 */
export function seriesNeeded(rule: CompiledRule, devices: readonly DeviceSettings[]): SeriesNeed[] {
  if (rule.subject === 'device') {
    const extra =
      rule.engine.definition.kind === 'hourly-mean-emission' ? [rule.engine.definition.params.o2Metric] : [];
    return devices
      .filter((d) => isDeviceKind(d.kind) && (rule.deviceKind === '*' || rule.deviceKind === d.kind))
      .map((device) => ({
        device,
        metrics:
          rule.kind === 'device-offline' || rule.metric === '*'
            ? Object.keys(DEVICE_KINDS[device.kind as keyof typeof DEVICE_KINDS].metrics)
            : [...new Set([rule.metric, ...extra])],
      }));
  }
  const out: SeriesNeed[] = devices
    .filter((d) => isLineMeter(d))
    .map((device) => ({ device, metrics: ['kw'] }));
  if (rule.kind === 'emission-spike') {
    for (const device of devices) {
      if (device.kind !== rule.deviceKind || device.line === null || isLineMeter(device)) continue;
      out.push({ device, metrics: [rule.metric] });
    }
  }
  return out;
}
