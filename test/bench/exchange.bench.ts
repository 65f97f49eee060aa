/**
 * npm run bench:exchange — a year of monthly electricity for 10,000 enterprises (120,000 rows, ~10 MB of JSON)
 * sent through the exchange's real inbound route, POST /api/exchange/v1/figures, on PostgreSQL and on SQLite,
 * validated and stored in well under 60 s (issue #17; docs/benchmarks.md, docs/data-exchange.md).
 *
 * Setup, not timed: a records database of its own per dialect (PostgreSQL: a fresh database on TEST_PG_ADMIN_URL;
 * SQLite: a temporary file) with 10,000 enterprises, a power-company source and its key, and the API over it.
 * Timed, each from the request to the whole answer: the first upload (every row new), the same upload again (every
 * row unchanged: nothing written) and an upload of changed values (every row updated). Baseline, in the same run:
 * a raw multi-row INSERT of the same 120,000 figures with no validation, no HTTP and no report — the ceiling the
 * route's own storing cannot beat.
 *
 * BENCH_ENTERPRISES (10000), BENCH_MONTHS (12), BENCH_LIMIT_S (60) and BENCH_DIALECTS (postgres,sqlite) override;
 * the process exits 1 when an upload takes longer than the limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@park/config';
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar, type ExchangeUploadReport } from '@park/contracts';
import { EnterpriseEntity, ExchangeRecords, openRecords } from '@park/records';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { apiConfigSpec } from '../../apps/api/src/api.config';
import { startApi } from '../../apps/api/src/main';
import { describeMachine } from './bench-support';

const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? 10_000);
const MONTHS = Number(process.env.BENCH_MONTHS ?? 12);
const LIMIT_S = Number(process.env.BENCH_LIMIT_S ?? 60);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'postgres,sqlite').split(',') as ('postgres' | 'sqlite')[];
const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The i-th enterprise's valid 统一社会信用代码. */
function creditCode(i: number): string {
  let n = i;
  let tail = '';
  for (let k = 0; k < 6; k++) {
    tail = CREDIT_CODE_ALPHABET[n % 31] + tail;
    n = Math.floor(n / 31);
  }
  const body = `91320681MA1${tail}`;
  return body + creditCodeCheckChar(body);
}

interface Database {
  readonly url: string;
  readonly records: DataSource;
  drop(): Promise<void>;
}

async function openDatabase(dialect: 'postgres' | 'sqlite'): Promise<Database> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'bench-exchange-'));
    const url = `sqlite:${join(dir, 'records.db')}`;
    const records = await openRecords(url, { migrate: true });
    return {
      url,
      records,
      drop: async () => {
        await records.destroy();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `park_bench_exchange_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const records = await openRecords(url, { migrate: true });
  return {
    url,
    records,
    drop: async () => {
      await records.destroy();
      const pg = new Client({ connectionString: PG_ADMIN_URL });
      await pg.connect();
      await pg.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await pg.end();
    },
  };
}

interface Row {
  readonly uscc: string;
  readonly metric: 'electricity-kwh';
  readonly period: string;
  readonly value: number;
}

function yearOfKwh(codes: readonly string[], bump: number): Row[] {
  const rows: Row[] = [];
  codes.forEach((uscc, i) => {
    for (let m = 1; m <= MONTHS; m++)
      rows.push({
        uscc,
        metric: 'electricity-kwh',
        period: `2026-${String(m).padStart(2, '0')}`,
        value: 10_000 + ((i * 37 + m * 101) % 90_000) + bump,
      });
  });
  return rows;
}

/**
 * One upload: its wall time, and the CPU time of this process meanwhile (the API runs in it: parsing, checks,
 * the report, and on SQLite the database too) — the figure that holds on a machine shared with other work.
 */
async function upload(
  url: string,
  key: string,
  rows: readonly Row[],
): Promise<{ s: number; cpuS: number; report: ExchangeUploadReport }> {
  const body = JSON.stringify({ rows, reference: 'bench' });
  const cpu = process.cpuUsage();
  const start = performance.now();
  const res = await fetch(`${url}/api/exchange/v1/figures`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body,
  });
  const text = await res.text();
  const s = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  if (res.status !== 200) throw new Error(`upload: ${res.status} ${text.slice(0, 300)}`);
  return { s, cpuS, report: JSON.parse(text) as ExchangeUploadReport };
}

/** The ceiling: the same figures by raw multi-row INSERTs (chunks as the intake's), no validation, no HTTP. */
async function rawInsert(
  records: DataSource,
  enterpriseIds: readonly string[],
  sourceId: string,
): Promise<number> {
  const postgres = records.options.type === 'postgres';
  const chunk = postgres ? 5000 : 2500;
  const figures: unknown[][] = [];
  enterpriseIds.forEach((enterpriseId, i) => {
    for (let m = 1; m <= MONTHS; m++)
      figures.push([
        randomUUID(),
        sourceId,
        'power-company',
        enterpriseId,
        'electricity-kwh',
        'month',
        2025,
        m,
        i + m,
        null,
        postgres ? false : 0,
      ]);
  });
  const start = performance.now();
  await records.transaction(async (tx) => {
    for (let at = 0; at < figures.length; at += chunk) {
      const part = figures.slice(at, at + chunk);
      let n = 0;
      const tuples = part.map(
        () =>
          `(${Array.from({ length: 11 }, () => (postgres ? `$${++n}` : '?')).join(', ')}, ${postgres ? 'now()' : "'2026-01-01 00:00:00.000'"})`,
      );
      await tx.query(
        `INSERT INTO source_figures (id, source_id, source_kind, enterprise_id, metric, period_kind, year, period_index, value, batch_id, demo, received_at) VALUES ${tuples.join(', ')}`,
        part.flat(),
      );
    }
  });
  return (performance.now() - start) / 1000;
}

interface DialectResult {
  readonly dialect: string;
  readonly rows: number;
  readonly bodyMiB: number;
  readonly firstS: number;
  readonly unchangedS: number;
  readonly changedS: number;
  /** CPU seconds of this process (the API) during each upload. */
  readonly cpuS: { readonly first: number; readonly unchanged: number; readonly changed: number };
  readonly rawInsertS: number;
  /** The 1-minute load average before and after (the machine may be shared). */
  readonly load: readonly [number, number];
}

async function benchDialect(dialect: 'postgres' | 'sqlite'): Promise<DialectResult> {
  const db = await openDatabase(dialect);
  const dir = mkdtempSync(join(tmpdir(), 'bench-exchange-api-'));
  try {
    const setup = performance.now();
    const codes = Array.from({ length: ENTERPRISES }, (_, i) => creditCode(i));
    const repo = db.records.getRepository(EnterpriseEntity);
    for (let at = 0; at < codes.length; at += 500)
      await repo.insert(
        codes.slice(at, at + 500).map((creditCode, k) => ({ name: `基准测试企业${at + k + 1}`, creditCode })),
      );
    const exchange = new ExchangeRecords(db.records);
    const { source, key } = await exchange.createSource(
      { username: 'bench' },
      { name: '基准供电公司', kind: 'power-company', scopes: ['electricity-kwh'], rateLimitPerMinute: 1000 },
    );
    const app = await startApi(
      loadConfig(apiConfigSpec, {
        DATABASE_URL: db.url,
        BUS: 'in-process',
        TELEMETRY_SQLITE_PATH: join(dir, 'telemetry.db'),
        JWT_SECRET: 'bench-exchange-secret-that-is-long-enough-0123',
        API_PORT: '0',
        API_RATE_LIMIT_PER_USER: '0',
        API_RATE_LIMIT_PER_ADDRESS: '0',
        REPORTS_SCHEDULE: 'false',
        EXPIRY_REMINDERS: 'false',
        LOG_LEVEL: 'warn',
      }),
      { webRoot: null },
    );
    try {
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      console.log(
        `${dialect}: setup (${ENTERPRISES} enterprises, API) ${((performance.now() - setup) / 1000).toFixed(1)} s`,
      );
      const loadBefore = loadavg()[0];
      const rows = yearOfKwh(codes, 0);
      const bodyMiB = JSON.stringify({ rows, reference: 'bench' }).length / 2 ** 20;
      const first = await upload(url, key, rows);
      if (first.report.stored !== rows.length) throw new Error(`first upload stored ${first.report.stored}`);
      const again = await upload(url, key, rows);
      if (again.report.unchanged !== rows.length)
        throw new Error(`re-upload: ${again.report.unchanged} unchanged`);
      const changed = await upload(url, key, yearOfKwh(codes, 1));
      if (changed.report.changed !== rows.length)
        throw new Error(`changed upload: ${changed.report.changed} changed`);
      const ids = (await repo.find({ select: { id: true } })).map((e) => e.id);
      const other = await exchange.createSource(
        { username: 'bench' },
        { name: '基准对照', kind: 'power-company', scopes: ['electricity-kwh'] },
      );
      const rawInsertS = await rawInsert(db.records, ids, other.source.id);
      void source;
      const result = {
        dialect,
        rows: rows.length,
        bodyMiB: Number(bodyMiB.toFixed(1)),
        firstS: Number(first.s.toFixed(2)),
        unchangedS: Number(again.s.toFixed(2)),
        changedS: Number(changed.s.toFixed(2)),
        cpuS: {
          first: Number(first.cpuS.toFixed(2)),
          unchanged: Number(again.cpuS.toFixed(2)),
          changed: Number(changed.cpuS.toFixed(2)),
        },
        rawInsertS: Number(rawInsertS.toFixed(2)),
        load: [Number(loadBefore.toFixed(1)), Number(loadavg()[0].toFixed(1))] as const,
      };
      console.log(
        `${dialect}: ${rows.length} rows (${result.bodyMiB} MiB JSON) — first upload ${result.firstS} s, identical again ${result.unchangedS} s, all changed ${result.changedS} s; raw INSERT of the same rows ${result.rawInsertS} s; API CPU ${result.cpuS.first} / ${result.cpuS.unchanged} / ${result.cpuS.changed} s; load ${result.load.join(' → ')}`,
      );
      return result;
    } finally {
      await app.close();
    }
  } finally {
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const machine = describeMachine();
  console.log(
    `machine: ${machine.cpuModel}, nproc ${availableParallelism()} (${machine.cpus} listed), ${machine.memGiB} GiB, ${machine.kernel}, node ${machine.node}; ${new Date().toISOString()}`,
  );
  const results: DialectResult[] = [];
  for (const dialect of DIALECTS) results.push(await benchDialect(dialect));
  console.log(
    JSON.stringify({
      bench: 'exchange',
      date: new Date().toISOString(),
      machine,
      nproc: availableParallelism(),
      results,
    }),
  );
  const slow = results.filter((r) => Math.max(r.firstS, r.unchangedS, r.changedS) > LIMIT_S);
  if (slow.length > 0) {
    console.error(`over the ${LIMIT_S} s bound: ${slow.map((r) => r.dialect).join(', ')}`);
    process.exit(1);
  }
  console.log(`every upload under the ${LIMIT_S} s bound`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
