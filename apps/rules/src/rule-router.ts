import type { DeviceStatusEvent, TelemetryRecord } from '@park/contracts';
import {
  deviceLayer,
  enterpriseLayer,
  lineLayer,
  type EngineRule,
  type Enrolment,
  type RuleInput,
  type SubjectSettings,
} from '@park/rules-engine';
import { withOverrides, type CompiledRule } from './rule-set';

/** One input for one (rule, subject): what the rules service evaluates and where the outcome goes. */
export interface RoutedInput {
  readonly rule: CompiledRule;
  readonly engine: EngineRule;
  readonly subjectType: 'device' | 'line';
  /** Device id, or line id. */
  readonly subjectId: string;
  /** `device:<id>` or `line:<enterprise>:<line>`: the key engine state is stored under. */
  readonly subjectKey: string;
  readonly enterpriseId: string;
  /** The device the input came from (a line alert shows the meter that confirmed it). */
  readonly deviceId: string;
  readonly input: RuleInput;
}

export const deviceSubjectKey = (deviceId: string) => `device:${deviceId}`;
export const lineSubjectKey = (enterpriseId: string, line: string) => `line:${enterpriseId}:${line}`;

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
  ) {
    this.silenceRules = rules.filter((rule) => rule.kind === 'device-offline' && rule.subject === 'device');
  }

  get all(): readonly CompiledRule[] {
    return this.rules;
  }

  private engineFor(rule: CompiledRule, deviceId: string): EngineRule {
    const device = this.settings.device(deviceId);
    return this.memo(rule, deviceSubjectKey(deviceId), () =>
      withOverrides(
        rule,
        deviceLayer(rule.kind, rule.metric, device),
        `device ${deviceId}`,
        enterpriseLayer(rule.kind, rule.metric, device),
      ),
    );
  }

  private lineEngineFor(rule: CompiledRule, enterpriseId: string, lineId: string): EngineRule {
    return this.memo(rule, lineSubjectKey(enterpriseId, lineId), () =>
      withOverrides(rule, lineLayer(rule.kind, this.settings, enterpriseId, lineId), `line ${lineId}`),
    );
  }

  private memo(rule: CompiledRule, subjectKey: string, make: () => EngineRule): EngineRule {
    const key = `${rule.engine.id}|${subjectKey}`;
    let engine = this.resolved.get(key);
    if (!engine) {
      engine = make();
      this.resolved.set(key, engine);
    }
    return engine;
  }

  /** The engine rule for a stored subject (for ticks). */
  engineForSubject(rule: CompiledRule, subjectKey: string): EngineRule {
    if (subjectKey.startsWith('device:')) return this.engineFor(rule, subjectKey.slice('device:'.length));
    if (subjectKey.startsWith('line:')) {
      const rest = subjectKey.slice('line:'.length);
      const colon = rest.indexOf(':');
      if (colon > 0) return this.lineEngineFor(rule, rest.slice(0, colon), rest.slice(colon + 1));
    }
    return rule.engine;
  }

  reading(record: TelemetryRecord): RoutedInput[] {
    const out: RoutedInput[] = [];
    const device = (rule: CompiledRule, input: RuleInput): RoutedInput => ({
      rule,
      engine: this.engineFor(rule, record.deviceId),
      subjectType: 'device',
      subjectId: record.deviceId,
      subjectKey: deviceSubjectKey(record.deviceId),
      enterpriseId: record.enterpriseId,
      deviceId: record.deviceId,
      input,
    });
    const line = (rule: CompiledRule, lineId: string, input: RuleInput): RoutedInput => ({
      rule,
      engine: this.lineEngineFor(rule, record.enterpriseId, lineId),
      subjectType: 'line',
      subjectId: lineId,
      subjectKey: lineSubjectKey(record.enterpriseId, lineId),
      enterpriseId: record.enterpriseId,
      deviceId: record.deviceId,
      input,
    });
    const reading: RuleInput = { kind: 'reading', ts: record.ts, values: record.values };
    const kw = record.values.kw;
    const isLineMeter =
      record.kind === 'power-meter' &&
      record.line !== null &&
      (record.role === 'production' || record.role === 'pollution-control') &&
      typeof kw === 'number';
    for (const rule of this.rules) {
      if (rule.subject === 'device') {
        if (rule.deviceKind !== '*' && rule.deviceKind !== record.kind) continue;
        if (rule.kind !== 'device-offline' && record.values[rule.metric] === undefined) continue;
        out.push(device(rule, reading));
        continue;
      }
      if (record.line === null) continue;
      if (isLineMeter && typeof kw === 'number' && record.role !== null) {
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
        subjectKey: deviceSubjectKey(device.id),
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
        subjectKey: deviceSubjectKey(event.deviceId),
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
