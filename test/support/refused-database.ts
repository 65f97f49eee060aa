import { Client } from 'pg';
import type { DataSource } from 'typeorm';

const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Runs `work` while the records' PostgreSQL database refuses connections: new ones are refused and the open ones
 * (the app's pool included) are ended, as when the database goes away. Connections are allowed again after.
 */
export async function whileDatabaseRefusesConnections(
  records: DataSource,
  work: () => Promise<void>,
): Promise<void> {
  const [{ name: database }] = await records.query<{ name: string }[]>('SELECT current_database() AS name');
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [database],
    );
    await work();
  } finally {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await admin.end();
  }
}
