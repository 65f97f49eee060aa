import type { DataSource, EntityManager } from 'typeorm';
import { PlanTargetEntity, type PlanIndicator } from './entities/plan-target.entity';

/**
 * The reference data every park starts with, whatever runs its records: the plan's 2025 targets (DESIGN.md).
 * One list, written by `seedReferenceData` in both dialects — `openRecords` calls it once the schema is up to date
 * (PostgreSQL after its migrations, SQLite after its schema sync), so the two modes cannot start with different
 * targets. PostgreSQL databases migrated before this existed got the same rows from migration 1764921600000; the
 * seeder finds them there and leaves them.
 *
 * The built-in rules and the admission list are not here: the rules service inserts the built-in rules it
 * evaluates (`RuleRepository.ensureBuiltIns`) and the admission list comes with the demo park (`seedDemoPark`),
 * each by one piece of code in both modes already.
 */
export const PLAN_TARGETS_2025: readonly {
  readonly indicator: PlanIndicator;
  readonly year: number;
  readonly target: number;
  readonly comparator: 'gt' | 'gte';
}[] = [
  { indicator: 'high-tech-investment', year: 2025, target: 500000, comparator: 'gt' },
  { indicator: 'high-tech-output-share', year: 2025, target: 50, comparator: 'gte' },
  { indicator: 'core-industry-share', year: 2025, target: 90, comparator: 'gt' },
  { indicator: 'carrier-occupancy', year: 2025, target: 100, comparator: 'gte' },
  { indicator: 'inefficient-land-revitalized', year: 2025, target: 2000, comparator: 'gte' },
  { indicator: 'above-scale-enterprises', year: 2025, target: 300, comparator: 'gt' },
  { indicator: 'above-scale-taxable-sales', year: 2025, target: 3000000, comparator: 'gt' },
  { indicator: 'invention-patents', year: 2025, target: 500, comparator: 'gte' },
  { indicator: 'incubating-projects', year: 2025, target: 30, comparator: 'gt' },
];

/**
 * Inserts each reference row that is not there yet (by its natural key: indicator and year); never overwrites
 * what an admin changed. Safe to run on every start, in either dialect.
 */
export async function seedReferenceData(db: DataSource | EntityManager): Promise<void> {
  await db
    .createQueryBuilder()
    .insert()
    .into(PlanTargetEntity)
    .values(PLAN_TARGETS_2025.map((t) => ({ ...t, updatedBy: null })))
    .orIgnore()
    .execute();
}
