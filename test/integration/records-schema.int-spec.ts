/**
 * The records' migrations and entities agree (CONVENTIONS.md §9), on the real PostgreSQL: a database migrated to the
 * latest migration leaves TypeORM's schema builder nothing to do, and the newest migration can be undone and redone.
 */
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

describe('records schema', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment('schema');
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('needs no statement beyond the migrations', async () => {
    const log = await env.records.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('undoes and redoes the newest migration', async () => {
    await env.records.undoLastMigration();
    expect(await env.records.showMigrations()).toBe(true);
    await env.records.runMigrations();
    expect(await env.records.showMigrations()).toBe(false);
    const log = await env.records.driver.createSchemaBuilder().log();
    expect(log.upQueries).toHaveLength(0);
  });
});
