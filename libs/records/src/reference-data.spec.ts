import type { QueryRunner } from 'typeorm';
import { PLAN_INDICATORS } from '@park/contracts';
import { RecordsAndPlan1764921600000 } from './migrations/1764921600000-records-and-plan';
import { PLAN_TARGETS_2025 } from './reference-data';

/** The rows the PostgreSQL migration 1764921600000 inserted into plan_targets, read from its SQL. */
async function targetsInsertedByMigration(): Promise<unknown[]> {
  const statements: string[] = [];
  const runner = {
    query: (sql: string) => Promise.resolve(void statements.push(sql)),
  } as unknown as QueryRunner;
  await new RecordsAndPlan1764921600000().up(runner);
  const insert = statements.find((sql) => sql.startsWith('INSERT INTO "plan_targets"'));
  if (!insert) throw new Error('migration 1764921600000 no longer inserts the plan targets');
  return [...insert.matchAll(/\('([a-z-]+)', (\d+), (\d+), '(gt|gte)'\)/g)].map(
    ([, indicator, year, target, comparator]) => ({
      indicator,
      year: Number(year),
      target: Number(target),
      comparator,
    }),
  );
}

describe('the reference data', () => {
  it('sets a 2025 target for every plan indicator', () => {
    expect(PLAN_TARGETS_2025.map((t) => t.indicator).sort()).toEqual([...PLAN_INDICATORS].sort());
    expect(PLAN_TARGETS_2025.every((t) => t.year === 2025)).toBe(true);
  });

  it('holds the same targets that PostgreSQL databases migrated earlier already have', async () => {
    expect(await targetsInsertedByMigration()).toEqual(PLAN_TARGETS_2025);
  });
});
