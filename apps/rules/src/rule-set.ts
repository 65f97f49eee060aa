import { Logger } from '@nestjs/common';
import { isDeviceKind, metricSpec } from '@park/contracts';
import type { RuleEntity } from '@park/records';
import {
  parseRuleDefinition,
  resolveRuleDefinition,
  RULE_KIND_INFO,
  type EngineRule,
  type RuleKind,
} from '@park/rules-engine';

const logger = new Logger('RuleSet');

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

/** Turns a rule row into an engine rule; throws RuleParamsError (naming kind and parameter) if it cannot. */
export function compileRule(row: RuleEntity): CompiledRule {
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
      metricInfo: spec ? { unit: spec.unit, label: spec.label } : undefined,
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

/** Compiles every row; a row the engine cannot use is logged and skipped, never fatal. */
export function compileRules(rows: readonly RuleEntity[]): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const row of rows) {
    try {
      out.push(compileRule(row));
    } catch (error) {
      logger.error(
        `rule ${row.code ?? row.id} (${row.kind}) has invalid params, skipped: ${(error as Error).message}`,
      );
    }
  }
  return out;
}

/**
 * The engine rule for one device: the device-offline rule takes the device's own reporting interval from the records
 * (the device layer of `resolveRuleDefinition`); other per-device and per-enterprise overrides (permit limits,
 * normal loads) are not stored yet, so they come from the rule's params, set through the rules API.
 */
export function forDevice(rule: CompiledRule, expectedIntervalS: number | undefined): EngineRule {
  if (rule.kind !== 'device-offline' || expectedIntervalS === undefined) return rule.engine;
  const { definition } = resolveRuleDefinition(
    rule.kind,
    { expectedIntervalMs: expectedIntervalS * 1000 },
    null,
    rule.params,
  );
  return { ...rule.engine, definition };
}
