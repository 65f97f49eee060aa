/**
 * What the standalone benchmarks share: load devices seeded into a data folder's records, and the readings the
 * embedded store holds for them.
 */
import Database from 'better-sqlite3';
import { seedStandaloneDevices } from '../support/standalone-devices';
import { sleep } from './bench-support';

/** `count` load devices `${prefix}-00001`… */
export function deviceIds(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(5, '0')}`);
}

/** The load devices in the standalone mode's records (power meters), every one with the same (hashed) secret. */
export function seedLoadDevices(
  dataDir: string,
  idSets: readonly (readonly string[])[],
  secret: string,
): Promise<void> {
  const devices = idSets.flat().map((id) => ({ id, kind: 'power-meter', role: 'production', line: 'L1' }));
  return seedStandaloneDevices(dataDir, '压测企业', devices, secret);
}

/** Readings of `prefix`'s devices in the embedded store (a read-only connection beside the writer; WAL). */
export function storedCount(telemetryDb: string, prefix: string): number {
  const db = new Database(telemetryDb, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT count(*) AS n FROM raw r JOIN series s ON s.id = r.series_id WHERE s.device LIKE ? AND r.field = 'kw'`,
      )
      .get(`${prefix}-%`) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** Waits until `expected` readings of `prefix` are stored, or `timeoutMs`: the count and how long it took. */
export async function waitStored(telemetryDb: string, prefix: string, expected: number, timeoutMs: number) {
  const started = Date.now();
  let count = 0;
  while (Date.now() - started < timeoutMs) {
    count = storedCount(telemetryDb, prefix);
    if (count >= expected) break;
    await sleep(250);
  }
  return { count, waitedMs: Date.now() - started };
}
