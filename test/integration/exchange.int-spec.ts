/**
 * The key-information exchange end to end (docs/data-exchange.md), on both records backends: an admin issues
 * source keys, the sources send figures through the inbound route (JSON and CSV) and the drop folder (CSV and
 * XLSX), and every answer, stored figure, batch and audit entry is checked in the database the API runs on.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  CREDIT_CODE_ALPHABET,
  creditCodeCheckChar,
  type ExchangeBatchView,
  type ExchangeSourceView,
  type ExchangeUploadReport,
  type IssuedSourceKey,
  type Page,
} from '@park/contracts';
import { AuditEntryEntity, EnterpriseEntity, SourceFigureEntity } from '@park/records';
import { caller, login, type Caller } from '../support/records-api';
import { waitFor } from '../support/wait-for';
import { API_BACKENDS, type ApiBackend } from '../security/support/api-backends';

const PASSWORD = 'exchange-test-password';
const FIGURES = '/api/exchange/v1/figures';

/** A 统一社会信用代码 that is valid but no enterprise of the demo park has. */
function strangerCode(): string {
  let body = '91320681';
  while (body.length < 17) body += CREDIT_CODE_ALPHABET[Math.floor(Math.random() * 30)];
  return body + creditCodeCheckChar(body);
}

/** A call with a source key, as Bearer (default) or X-Api-Key, JSON or CSV. */
async function send(
  url: string,
  key: string | null,
  body: unknown,
  options: { header?: 'bearer' | 'x-api-key'; csv?: boolean; query?: string } = {},
): Promise<{ status: number; body: unknown; text: string; headers: Headers }> {
  const headers: Record<string, string> = {
    'content-type': options.csv ? 'text/csv; charset=utf-8' : 'application/json',
  };
  if (key && options.header === 'x-api-key') headers['x-api-key'] = key;
  else if (key) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${url}${FIGURES}${options.query ?? ''}`, {
    method: 'POST',
    headers,
    body: options.csv ? String(body) : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

describe.each(API_BACKENDS)('the exchange (%s)', (_mode, start) => {
  let backend: ApiBackend;
  let admin: Caller;
  let codes: string[];
  let dropDir: string;

  beforeAll(async () => {
    dropDir = mkdtempSync(join(tmpdir(), 'park-exchange-drop-'));
    backend = await start(PASSWORD, { EXCHANGE_DROP_DIR: dropDir, EXCHANGE_DROP_POLL_MS: '200' });
    admin = caller(backend.url, await login(backend.url, 'admin', PASSWORD));
    const enterprises = await backend.records
      .getRepository(EnterpriseEntity)
      .find({ order: { creditCode: 'ASC' } });
    codes = enterprises.map((e) => e.creditCode);
    expect(codes.length).toBeGreaterThanOrEqual(3);
  });

  afterAll(async () => {
    await backend?.stop();
    rmSync(dropDir, { recursive: true, force: true });
  });

  async function createSource(body: Record<string, unknown>): Promise<IssuedSourceKey> {
    const res = await admin('POST', '/api/exchange/sources', body);
    expect([res.status, res.text]).toEqual([201, expect.any(String)]);
    return res.body as IssuedSourceKey;
  }

  const figuresOf = (sourceId: string) =>
    backend.records.getRepository(SourceFigureEntity).find({ where: { sourceId } });

  const quarter = (tax: number) =>
    codes.slice(0, 2).flatMap((uscc, i) => [
      { uscc, metric: 'tax', period: '2026-Q3', value: tax + i },
      { uscc, metric: 'taxable-sales', period: '2026-Q3', value: String(10 * (tax + i)) },
    ]);

  it('takes a quarter of a tax bureau’s figures, idempotently, and reports changes with the previous value', async () => {
    const { source, key } = await createSource({
      name: '启东市税务局',
      kind: 'tax-bureau',
      scopes: ['tax', 'taxable-sales'],
    });
    expect(key).toMatch(/^pk_[\w-]{12}_[\w-]{43}$/);
    expect(key.startsWith(source.keyPrefix)).toBe(true);

    const first = await send(backend.url, key, { rows: quarter(100), reference: '2026Q3-税收' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      dryRun: false,
      rows: 4,
      stored: 4,
      changed: 0,
      unchanged: 0,
      rejected: 0,
    });
    expect((await figuresOf(source.id)).map((f) => f.value).sort((a, b) => a - b)).toEqual([
      100, 101, 1000, 1010,
    ]);

    const again = await send(backend.url, key, { rows: quarter(100) });
    expect(again.body).toMatchObject({ rows: 4, stored: 0, unchanged: 4, rejected: 0 });
    expect(await figuresOf(source.id)).toHaveLength(4);

    const rows = quarter(100);
    rows[0] = { ...rows[0], value: 120 };
    const changed = (await send(backend.url, key, { rows })).body as ExchangeUploadReport;
    expect(changed).toMatchObject({ stored: 1, changed: 1, unchanged: 3 });
    expect(changed.results[0]).toEqual({ row: 1, status: 'changed', previous: 100 });
    expect(await figuresOf(source.id)).toHaveLength(4);

    // The source was used; its key's hash is nowhere in what the admin reads or in the audit trail.
    const listed = (await admin('GET', '/api/exchange/sources')).body as ExchangeSourceView[];
    const mine = listed.find((s) => s.id === source.id)!;
    expect(mine.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toMatch(/keyHash|key_hash/);
    const audit = await backend.records
      .getRepository(AuditEntryEntity)
      .find({ where: { entityId: source.id } });
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(JSON.stringify(audit)).not.toMatch(/keyHash/);
    const uploads = await backend.records
      .getRepository(AuditEntryEntity)
      .find({ where: { entityType: 'exchange-batch', action: 'import' } });
    expect(uploads.length).toBeGreaterThanOrEqual(3);
    expect(
      uploads.find((u) => u.entityId === (first.body as ExchangeUploadReport).batchId)?.changes,
    ).toMatchObject({
      sourceId: { to: source.id },
      rows: { to: 4 },
      stored: { to: 4 },
    });
  });

  it('refuses row by row — an unknown enterprise, a metric outside the key’s scope, bad values, duplicates — and stores the rest', async () => {
    const { source, key } = await createSource({
      name: '国网启东供电公司',
      kind: 'power-company',
      scopes: ['electricity-kwh'],
    });
    const stranger = strangerCode();
    const res = await send(backend.url, key, {
      rows: [
        { uscc: codes[0], metric: 'electricity-kwh', period: '2026-03', value: 12345.6 },
        { uscc: stranger, metric: 'electricity-kwh', period: '2026-03', value: 1 },
        { uscc: codes[1], metric: 'tax', period: '2026-Q3', value: 1 },
        { uscc: codes[1], metric: 'electricity-kwh', period: '2026-13', value: 1 },
        { uscc: codes[1], metric: 'electricity-kwh', period: '2026-04', value: -5 },
        { uscc: codes[1], metric: 'electricity-kwh', period: '2026-05', value: 'abc' },
        { uscc: 'not-a-code', metric: 'electricity-kwh', period: '2026-05', value: 1 },
        { uscc: codes[0], metric: 'electricity-kwh', period: '202603', value: 9 },
        { uscc: codes[1], metric: 'electricity-kwh', period: '2026-03', value: '1,234.5' },
      ],
    });
    expect(res.status).toBe(200);
    const report = res.body as ExchangeUploadReport;
    expect(report).toMatchObject({ rows: 9, stored: 2, rejected: 7 });
    expect(report.results.map((r) => r.code ?? r.status)).toEqual([
      'stored',
      'UNKNOWN_ENTERPRISE',
      'OUT_OF_SCOPE',
      'INVALID_PERIOD',
      'NEGATIVE_VALUE',
      'INVALID_VALUE',
      'INVALID_USCC',
      'DUPLICATE_ROW',
      'stored',
    ]);
    expect(report.results[1]).toMatchObject({ field: 'uscc' });
    expect(report.results[1].message).toContain(stranger);
    expect(report.results[2]).toMatchObject({ field: 'metric' });
    expect((await figuresOf(source.id)).map((f) => f.value).sort((a, b) => a - b)).toEqual([1234.5, 12345.6]);

    const batch = (await admin('GET', `/api/exchange/batches/${report.batchId}`)).body as ExchangeBatchView;
    expect(batch).toMatchObject({
      sourceName: '国网启东供电公司',
      via: 'api',
      rows: 9,
      stored: 2,
      rejected: 7,
    });
    expect(batch.problems.map((p) => p.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const page = (await admin('GET', `/api/exchange/batches?sourceId=${source.id}&page=1&pageSize=10`))
      .body as Page<ExchangeBatchView>;
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 10 });
  });

  it('stores nothing in a dry run but reports what would happen, and records the batch as a dry run', async () => {
    const { source, key } = await createSource({
      name: '人社局',
      kind: 'hr-bureau',
      scopes: ['insured-employees'],
    });
    const rows = [
      { uscc: codes[0], metric: 'insured-employees', period: '2026-06', value: 120 },
      { uscc: codes[1], metric: 'insured-employees', period: '2026-06', value: 12.5 },
    ];
    const json = (await send(backend.url, key, { rows, dryRun: true })).body as ExchangeUploadReport;
    expect(json).toMatchObject({ dryRun: true, stored: 1, rejected: 1 });
    expect(json.results[1]).toMatchObject({ code: 'NOT_AN_INTEGER', field: 'value' });
    const csv = await send(
      backend.url,
      key,
      `uscc,metric,period,value\r\n${codes[0]},insured-employees,2026-06,120\r\n`,
      { csv: true, query: '?dryRun=true' },
    );
    expect(csv.body).toMatchObject({ dryRun: true, stored: 1 });
    expect(await figuresOf(source.id)).toHaveLength(0);
    const page = (await admin('GET', `/api/exchange/batches?sourceId=${source.id}`))
      .body as Page<ExchangeBatchView>;
    expect(page.items.map((b) => b.dryRun)).toEqual([true, true]);
  });

  it('reads a CSV body with English or Chinese headers, and takes the key as X-Api-Key too', async () => {
    const { source, key } = await createSource({
      name: '统计局',
      kind: 'statistics-bureau',
      scopes: ['output', 'revenue'],
    });
    const english = await send(
      backend.url,
      key,
      `uscc,metric,period,value\n${codes[0]},output,2026,5000\n${codes[1]},revenue,2026,"1,200"\n`,
      { csv: true },
    );
    expect(english.body).toMatchObject({ rows: 2, stored: 2, rejected: 0 });
    const chinese = await send(
      backend.url,
      key,
      `\uFEFF统一社会信用代码,指标,所属期,数值\n${codes[2]},工业总产值,2026,800\n`,
      { csv: true, header: 'x-api-key' },
    );
    expect(chinese.body).toMatchObject({ rows: 1, stored: 1 });
    expect(await figuresOf(source.id)).toHaveLength(3);
    const broken = await send(backend.url, key, `名称,值\nx,1\n`, { csv: true });
    expect(broken.status).toBe(400);
    expect(broken.text).toContain('uscc');
  });

  it('refuses a revoked key, the old key after a rotation, a malformed key and a user’s session — all alike — and a source key anywhere else', async () => {
    const { source, key } = await createSource({ name: '轮换测试', kind: 'other', scopes: ['tax'] });
    const rows = [{ uscc: codes[0], metric: 'tax', period: '2026', value: 1 }];
    const rotated = (await admin('POST', `/api/exchange/sources/${source.id}/key`)).body as IssuedSourceKey;
    expect(rotated.key).not.toBe(key);
    expect(rotated.source.keyPrefix).not.toBe(source.keyPrefix);
    const old = await send(backend.url, key, { rows });
    expect([old.status, (old.body as { code: string }).code]).toEqual([401, 'INVALID_SOURCE_KEY']);
    expect((await send(backend.url, rotated.key, { rows })).status).toBe(200);

    const adminToken = await login(backend.url, 'admin', PASSWORD);
    const messages = new Set<string>();
    // The rotated key with its last character changed (to A, or to B when it already ends in A: 1 run in 64 did).
    const altered = `${rotated.key.slice(0, -1)}${rotated.key.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [null, 'pk_nonsense', altered, adminToken]) {
      const res = await send(backend.url, bad, { rows });
      expect([bad, res.status]).toEqual([bad, 401]);
      messages.add(res.text);
    }
    const csv = await send(backend.url, null, 'uscc,metric,period,value\n', { csv: true });
    expect(csv.status).toBe(401);
    messages.add(csv.text);
    expect(messages.size).toBe(1);
    // A source key is not a session: refused on every other route.
    expect((await caller(backend.url, rotated.key)('GET', '/api/exchange/sources')).status).toBe(401);
    expect((await caller(backend.url, rotated.key)('GET', '/api/enterprises')).status).toBe(401);

    const revoked = await admin('POST', `/api/exchange/sources/${source.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect((revoked.body as ExchangeSourceView).revokedAt).not.toBeNull();
    const after = await send(backend.url, rotated.key, { rows });
    expect(after.status).toBe(401);
    expect(after.text).toBe([...messages][0]);
    expect((await admin('POST', `/api/exchange/sources/${source.id}/key`)).status).toBe(409);
    const audit = await backend.records
      .getRepository(AuditEntryEntity)
      .find({ where: { entityId: source.id }, order: { at: 'ASC' } });
    expect(audit.map((a) => Object.keys(a.changes).sort())).toEqual([
      expect.arrayContaining(['name', 'keyPrefix', 'scopes']),
      ['keyPrefix'],
      ['revokedAt'],
    ]);
  });

  it('limits each source to its requests a minute (429 with Retry-After)', async () => {
    const { key } = await createSource({
      name: '限流测试',
      kind: 'other',
      scopes: ['tax'],
      rateLimitPerMinute: 2,
    });
    const rows = [{ uscc: codes[0], metric: 'tax', period: '2025', value: 1 }];
    expect((await send(backend.url, key, { rows })).status).toBe(200);
    expect((await send(backend.url, key, { rows })).status).toBe(200);
    const third = await send(backend.url, key, { rows });
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('takes a body far over the API’s default limit on the inbound route only', async () => {
    const { key } = await createSource({
      name: '大批量',
      kind: 'power-company',
      scopes: ['electricity-kwh'],
    });
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      uscc: codes[i % codes.length],
      metric: 'electricity-kwh',
      period: `20${10 + Math.floor(i / 12 / codes.length)}-${String((i % 12) + 1).padStart(2, '0')}`,
      value: i,
    }));
    const body = { rows, reference: 'x'.repeat(150) };
    expect(JSON.stringify(body).length).toBeGreaterThan(200 * 1024);
    const res = await send(backend.url, key, body);
    expect(res.status).toBe(200);
    const elsewhere = await admin('POST', '/api/exchange/sources', {
      name: 'x'.repeat(200 * 1024),
      kind: 'other',
      scopes: ['tax'],
    });
    expect(elsewhere.status).toBe(413);
  });

  it('reads the CSV and XLSX files put in a source’s drop folder, moves them and writes their reports', async () => {
    const { source } = await createSource({
      name: '税务局投递',
      kind: 'tax-bureau',
      scopes: ['tax', 'taxable-sales'],
      dropFolder: 'tax-bureau',
    });
    const folder = join(dropDir, 'tax-bureau');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, '2026Q2.csv'),
      `\uFEFF统一社会信用代码,指标,税款所属期,数值\r\n${codes[0]},税收,2026-Q2,88\r\n${strangerCode()},税收,2026-Q2,1\r\n`,
    );
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('税收');
    sheet.addRow(['uscc', 'metric', 'period', 'value']);
    sheet.addRow([codes[1], 'taxable-sales', '2026-Q2', 990]);
    sheet.addRow([codes[2], 'tax', '2026-Q2', 77]);
    await book.xlsx.writeFile(join(folder, '2026Q2.xlsx'));
    writeFileSync(join(folder, 'unreadable.xlsx'), 'PK this is no workbook');
    writeFileSync(join(folder, 'still-copying.csv.part'), 'uscc,metric');

    const processed = join(folder, 'processed');
    await waitFor(
      'both files processed and the broken one failed',
      () =>
        existsSync(join(processed, '2026Q2.csv.report.csv')) &&
        existsSync(join(processed, '2026Q2.xlsx.report.csv')) &&
        existsSync(join(folder, 'failed', 'unreadable.xlsx.report.csv')),
      20_000,
      100,
    );
    expect(existsSync(join(folder, '2026Q2.csv'))).toBe(false);
    expect(existsSync(join(processed, '2026Q2.xlsx'))).toBe(true);
    expect(existsSync(join(folder, 'still-copying.csv.part'))).toBe(true);
    const report = readFileSync(join(processed, '2026Q2.csv.report.csv'), 'utf8');
    expect(report).toContain('2,1,stored');
    expect(report).toContain('3,2,rejected,uscc,UNKNOWN_ENTERPRISE');
    const figures = await figuresOf(source.id);
    expect(figures.map((f) => f.value).sort((a, b) => a - b)).toEqual([77, 88, 990]);
    const page = (await admin('GET', `/api/exchange/batches?sourceId=${source.id}`))
      .body as Page<ExchangeBatchView>;
    expect(page.items.map((b) => [b.via, b.reference]).sort()).toEqual([
      ['drop-folder', '2026Q2.csv'],
      ['drop-folder', '2026Q2.xlsx'],
    ]);
    // Renamed and taken off the drop folder: audited field by field.
    const patched = await admin('PATCH', `/api/exchange/sources/${source.id}`, {
      name: '启东市税务局（投递）',
      dropFolder: null,
    });
    expect(patched.body).toMatchObject({ name: '启东市税务局（投递）', dropFolder: null });
    const audit = await backend.records
      .getRepository(AuditEntryEntity)
      .findOneOrFail({ where: { entityId: source.id, action: 'update' } });
    expect(audit.changes).toEqual({
      name: { from: '税务局投递', to: '启东市税务局（投递）' },
      dropFolder: { from: 'tax-bureau', to: null },
    });
  });
});
