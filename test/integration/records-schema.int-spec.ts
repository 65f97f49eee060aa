/**
 * The records' migrations and entities agree (CONVENTIONS.md §9), on the real PostgreSQL and on SQLite: a database
 * migrated to the latest migration leaves TypeORM's schema builder nothing to do, and the newest migration can be
 * undone and redone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnterpriseEntity, openRecords } from '@park/records';
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

/** The same on SQLite (standalone mode), whose schema comes from migrations/sqlite. */
describe('records schema on SQLite', () => {
  let dir: string;
  const file = () => join(dir, 'records.db');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'park-records-schema-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs no statement beyond the migrations', async () => {
    const records = await openRecords(`sqlite:${file()}`);
    try {
      expect(await records.showMigrations()).toBe(false);
      const log = await records.driver.createSchemaBuilder().log();
      expect(log.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await records.destroy();
    }
  });

  it('undoes and redoes the newest migration', async () => {
    const records = await openRecords(`sqlite:${file()}`);
    try {
      await records.undoLastMigration();
      expect(await records.showMigrations()).toBe(true);
      await records.runMigrations();
      expect(await records.showMigrations()).toBe(false);
      expect((await records.driver.createSchemaBuilder().log()).upQueries).toHaveLength(0);
    } finally {
      await records.destroy();
    }
  });

  it('adopts a file whose schema was synchronized before SQLite had migrations, keeping its rows', async () => {
    const before = await openRecords(`sqlite:${file()}`);
    await before
      .getRepository(EnterpriseEntity)
      .insert({ name: '旧档企业', creditCode: '91320681MA1OLD001' });
    // What such a file looks like: the same tables and triggers, and no record of any migration.
    await before.query(`DROP TABLE "migrations"`);
    await before.destroy();

    const records = await openRecords(`sqlite:${file()}`);
    try {
      expect(await records.showMigrations()).toBe(false);
      expect((await records.driver.createSchemaBuilder().log()).upQueries).toHaveLength(0);
      expect(
        await records.getRepository(EnterpriseEntity).findOneBy({ creditCode: '91320681MA1OLD001' }),
      ).toEqual(expect.objectContaining({ name: '旧档企业' }));
    } finally {
      await records.destroy();
    }
  });
});
