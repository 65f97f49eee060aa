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
 * The rule as the engine runs it for one subject: the rule's params (the park default) overlaid with what the
 * subject's records state (`resolveRuleDefinition`, value by value). Overrides that do not make a valid rule are
 * logged and ignored: the park default is then used as it stands.
 */
export function withOverrides(
  rule: CompiledRule,
  layer: Record<string, unknown> | undefined,
  subject: string,
  enterprise?: Record<string, unknown>,
): EngineRule {
  if (!layer && !enterprise) return rule.engine;
  try {
    const { definition } = resolveRuleDefinition(rule.kind, layer, enterprise, rule.params);
    return { ...rule.engine, definition };
  } catch (error) {
    logger.warn(
      `rule ${rule.engine.id} (${rule.kind}) for ${subject}: the records' values were ignored: ${(error as Error).message}`,
    );
    return rule.engine;
  }
}
