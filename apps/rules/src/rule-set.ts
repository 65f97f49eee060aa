import { Logger } from '@nestjs/common';
import { parseThresholdParams, type Rule } from '@park/rules-engine';
import type { RuleEntity } from '@park/records';

const logger = new Logger('RuleSet');

/** Turns rows into engine rules; a row the engine cannot use is logged and skipped, never fatal. */
export function compileRules(rows: readonly RuleEntity[]): Map<string, Rule[]> {
  const byKind = new Map<string, Rule[]>();
  for (const row of rows) {
    if (row.kind !== 'threshold') {
      logger.warn(`rule ${row.id} has kind "${row.kind}" that this version does not evaluate; skipped`);
      continue;
    }
    try {
      const rule: Rule = {
        id: row.id,
        kind: 'threshold',
        name: { zh: row.nameZh, en: row.nameEn },
        deviceKind: row.deviceKind,
        metric: row.metric,
        params: parseThresholdParams(row.params),
        autoResolve: row.autoResolve,
        source: row.source,
      };
      const list = byKind.get(rule.deviceKind) ?? [];
      list.push(rule);
      byKind.set(rule.deviceKind, list);
    } catch (error) {
      logger.error(`rule ${row.id} has invalid params, skipped: ${(error as Error).message}`);
    }
  }
  return byKind;
}
