/**
 * A large import must not stall the process (docs/security.md, "imports that stall the process"). Against the
 * one-process standalone mode (SQLite, where every statement of the process shares one connection) and the API on
 * PostgreSQL, a ~9 MB CSV of enterprises is imported while /health is asked every 100 ms; every answer must come
 * within a generous liveness bound, and the import must still complete with every row. The same rows as XLSX
 * (about 1 MB zipped) are then imported again the same way.
 *
 * The server runs in this test's own process, so a blocked event loop would also delay the asking. Each probe's
 * latency is therefore measured from the moment it was due (start + k · 100 ms), not from when its timer fired:
 * a loop blocked for 5 s shows as a 5 s answer, as it would to an outside client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@park/config';
import { parseCsv } from '@park/csv';
import { creditCodeCheckChar, EnterpriseEntity, openRecords, seedDemoPark } from '@park/records';
import { Like, type DataSource } from 'typeorm';
import { standaloneConfigSpec } from '../../apps/standalone/src/standalone.config';
import { startStandalone, type RunningPlatform } from '../../apps/standalone/src/standalone';
import { writeXlsx } from '../../apps/api/src/imports/spreadsheet';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { expectAllHandled } from './support/tally';

const PASSWORD = 'import-stall-password';
const TARGET_BYTES = 9 * 1024 * 1024;
/** The liveness bound: generous on a shared 2-core machine; a stalled process misses it by seconds. */
const HEALTH_BOUND_MS = 1_000;
const PROBE_EVERY_MS = 100;

interface Backend {
  readonly url: string;
  readonly records: DataSource;
  stop(): Promise<void>;
}

async function standaloneBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'park-import-stall-'));
  const platform: RunningPlatform = await startStandalone(
    loadConfig(standaloneConfigSpec, {
      PARK_DATA_DIR: dir,
      API_PORT: '0',
      MQTT_PORT: '0',
      OPS_PORT: '0',
      SIMULATE: 'false',
      DEMO_PASSWORD: PASSWORD,
      JWT_SECRET: 'import-stall-secret-that-is-long-enough-0123',
    }),
    { webRoot: null },
  );
  // The same file, on a connection of its own (WAL: its reads never wait for the platform's writes).
  const records = await openRecords(`sqlite:${join(dir, 'records.db')}`);
  return {
    url: platform.webUrl,
    records,
    stop: async () => {
      await records.destroy();
      await platform.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresBackend(): Promise<Backend> {
  const env: TestEnvironment = await createTestEnvironment('importstall');
  await seedDemoPark(env.records, PASSWORD);
  const { app, url }: { app: INestApplication; url: string } = await startRecordsApi(env);
  return {
    url,
    records: env.records,
    stop: async () => {
      await app.close();
      await env.teardown();
    },
  };
}

/** A long address tail (≈ 750 bytes): the file reaches 9 MB with ~10 000 rows, so the test runs in a minute or so. */
const DIRECTIONS = `备注：${'沿江公路与民乐路交叉口向东三百米路北，'.repeat(13)}`;

/** A CSV of distinct, valid enterprises of about `bytes` bytes. */
function bigEnterprisesCsv(prefix: string, bytes: number): { text: string; rows: number } {
  const lines = ['统一社会信用代码,企业名称,行业代码,联系人,联系电话,地址,规上企业,高新技术企业'];
  let size = Buffer.byteLength(lines[0]) + 1;
  let rows = 0;
  while (size < bytes) {
    const body = `${prefix}${String(rows).padStart(6, '0')}`;
    const line = [
      body + creditCodeCheckChar(body),
      `启东压测${rows}号有限公司`,
      '3982',
      '张工',
      `0513-${String(80000000 + rows)}`,
      `"江苏省南通市启东市高新技术产业开发区汇龙镇民乐路${rows}号科创园${rows % 40}幢${rows % 7}层东侧, ${DIRECTIONS}"`,
      rows % 2 === 0 ? '是' : '否',
      '否',
    ].join(',');
    lines.push(line);
    size += Buffer.byteLength(line) + 1;
    rows++;
  }
  return { text: `${lines.join('\n')}\n`, rows };
}

/** Asks /health every PROBE_EVERY_MS until `stop` says so; returns each probe's latency from when it was due. */
async function probeHealth(url: string, done: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  const start = Date.now();
  for (let k = 0; !done(); k++) {
    const due = start + k * PROBE_EVERY_MS;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (done()) break;
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(60_000) });
    await res.text();
    latencies.push(Date.now() - due);
    if (Date.now() - due >= HEALTH_BOUND_MS / 2)
      process.stdout.write(
        `import-stall: /health due at +${due - start} ms answered ${Date.now() - due} ms late\n`,
      );
    // A probe answered late makes the next ones due in the past: skip those, they measure the same stall.
    k = Math.max(k, Math.floor((Date.now() - start) / PROBE_EVERY_MS));
  }
  return latencies;
}

describe.each([
  ['SQLite (standalone)', standaloneBackend, '91320681XT1'],
  ['PostgreSQL', postgresBackend, '91320681XT2'],
] as const)('a 9 MB import on %s', (mode, createBackend, prefix) => {
  let backend: Backend;
  let admin: Caller;

  beforeAll(async () => {
    backend = await createBackend();
    admin = caller(backend.url, await login(backend.url, 'admin', PASSWORD));
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  /** Posts `file` while asking /health; returns the answer and the worst /health latency. */
  async function importWhileProbing(
    file: Blob,
    name: string,
    rows: number,
  ): Promise<{ result: { status: number; body: unknown; text: string }; worst: number }> {
    const form = new FormData();
    form.append('file', file, name);
    let finished = false;
    // Garbage-collection pauses of this process (server and test alike), for reading a late answer.
    const gcPauses: number[] = [];
    const gc = new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((e) => e.duration)));
    gc.observe({ entryTypes: ['gc'] });
    const started = Date.now();
    const imported = admin('POST', '/api/imports/enterprises', form).finally(() => (finished = true));
    const [latencies, result] = await Promise.all([probeHealth(backend.url, () => finished), imported]);
    gc.disconnect();
    const worst = Math.max(0, ...latencies);
    process.stdout.write(
      `import-stall ${mode}: ${name}, ${rows} rows, ${(file.size / 2 ** 20).toFixed(1)} MiB in ${Date.now() - started} ms; ` +
        `${latencies.length} /health probes, worst ${worst} ms; longest GC pause ${Math.round(Math.max(0, ...gcPauses))} ms; ` +
        `answer ${result.status} ${result.text.slice(0, 200)}\n`,
    );
    return { result, worst };
  }

  const { text, rows } = bigEnterprisesCsv(prefix, TARGET_BYTES);

  it('keeps /health answering within the bound during a 9 MB CSV import, and imports every row', async () => {
    const { result, worst } = await importWhileProbing(
      new Blob([text], { type: 'text/csv' }),
      'enterprises.csv',
      rows,
    );
    const count = await backend.records
      .getRepository(EnterpriseEntity)
      .count({ where: { creditCode: Like(`${prefix}%`) } });
    await expectAllHandled('import-stall', [
      {
        name: `${mode}: /health within ${HEALTH_BOUND_MS} ms during a 9 MB CSV import`,
        check: () => worst < HEALTH_BOUND_MS,
      },
      {
        name: `${mode}: the 9 MB CSV import completes with every row`,
        check: () =>
          result.status === 201 && (result.body as { created: number }).created === rows && count === rows,
      },
    ]);
  }, 600_000);

  it('keeps /health answering while it reads the same rows as XLSX (on a worker), every row read', async () => {
    const sheet = parseCsv(text);
    const xlsx = await writeXlsx(
      'enterprises',
      sheet[0].cells,
      sheet.slice(1).map((r) => r.cells),
    );
    const { result, worst } = await importWhileProbing(
      new Blob([new Uint8Array(xlsx)]),
      'enterprises.xlsx',
      rows,
    );
    await expectAllHandled('import-stall', [
      {
        name: `${mode}: /health within ${HEALTH_BOUND_MS} ms while a ${rows}-row XLSX is read`,
        check: () => worst < HEALTH_BOUND_MS,
      },
      {
        name: `${mode}: the XLSX import reads every row (all unchanged after the CSV)`,
        check: () => result.status === 201 && (result.body as { unchanged: number }).unchanged === rows,
      },
    ]);
  }, 600_000);
});
