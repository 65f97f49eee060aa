/**
 * Drift check (CONVENTIONS.md §9): on a database migrated to the latest migration, TypeORM's schema builder
 * must have nothing left to do. Prints the missing SQL and exits 1 when entities and migrations disagree. Each
 * dialect has its own migrations: check both, `postgres://…` and `sqlite::memory:`.
 * Usage: node dist/scripts/schema-drift.js <records-url>
 */
import 'reflect-metadata';
import { openRecords } from '@park/records';

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: schema-drift <records-url> (postgres://… or sqlite::memory:)');
  const dataSource = await openRecords(url, { migrate: true });
  try {
    const log = await dataSource.driver.createSchemaBuilder().log();
    if (log.upQueries.length === 0) {
      process.stdout.write('schema: entities and migrations agree\n');
      return;
    }
    process.stdout.write('schema drift: the entities need these statements that no migration makes:\n');
    for (const q of log.upQueries) process.stdout.write(`  ${q.query};\n`);
    process.stdout.write('down:\n');
    for (const q of [...log.downQueries].reverse()) process.stdout.write(`  ${q.query};\n`);
    process.exitCode = 1;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 2;
});
