import { Inject, Injectable } from '@nestjs/common';
import { generateSecret, hashDeviceSecret, type Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  CarrierRecords,
  checkCreditCode,
  DeviceAdmin,
  dialectOf,
  EnterpriseRecords,
  type DeviceEntity,
  LandRecords,
  QualificationRecords,
  RecordsError,
  type RecordsDialect,
} from '@park/records';
import {
  checkQualification,
  type DeviceCredentials,
  type ImportKind,
  type ImportReport,
  type QualificationInput,
  type RowError,
} from '@park/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { CreateCarrierDto } from '../carriers/carrier.dto';
import { CreateDeviceDto } from '../devices/device.dto';
import { checkKindFields, credentialsOf } from '../devices/devices.service';
import { CreateEnterpriseDto, IndicatorsDto } from '../enterprises/enterprise.dto';
import { CreateParcelDto } from '../parcels/parcel.dto';
import { CreateQualificationDto } from '../qualifications/qualification.dto';
import { csvField } from './csv';
import { deviceKindCell, deviceKindOf, meterRoleCell, meterRoleOf } from './device-cells';
import { COLUMNS, columnFor, type ColumnSpec } from './import-columns';
import { readSpreadsheet, writeXlsx, type SheetRow } from './spreadsheet';
import { restoreSpreadsheetText } from './spreadsheet-cell';
import { TimeSlice } from './time-slice';

interface ParsedRow {
  readonly line: number;
  readonly values: Record<string, unknown>;
}

/** Ids of the records an import refers to, by natural key: enterprises by credit code, carriers by code. */
interface Lookups {
  readonly enterprises: Map<string, string>;
  readonly carriers: Map<string, string>;
  /** The devices already in the records, by id (device imports only; empty otherwise). */
  readonly devices: Map<string, DeviceEntity>;
}

/** Thrown inside the import's transaction to undo a dry run. */
class DryRunRollback extends Error {}

/**
 * Longest one import transaction runs before it commits (see import()). On SQLite a transaction holds the
 * process's one connection, so it must be short; on PostgreSQL it holds only the rows it writes and one pooled
 * connection, and the statements leave the event loop free, so it can be long (fewer commits, a faster import).
 */
const WRITE_SLICE_MS: Readonly<Record<RecordsDialect, number>> = { sqlite: 50, postgres: 5_000 };

const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '']);

/**
 * CSV / XLSX import and export of the records. A file with any bad row imports nothing, and the answer lists every
 * problem by line and column — unless the caller asks for the valid rows to be imported anyway. Rows are upserted
 * by natural key (credit code; credit code + year; parcel code; carrier code; device id), so re-importing a file
 * changes nothing and writes no audit entries. A device the import creates gets an MQTT credential, returned in
 * the report once (the records keep its hash); a device that exists keeps its credential.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly enterprises: EnterpriseRecords,
    private readonly land: LandRecords,
    private readonly carriers: CarrierRecords,
    private readonly qualifications: QualificationRecords,
    private readonly devices: DeviceAdmin,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async import(
    principal: Principal,
    kind: ImportKind,
    file: { buffer: Buffer; originalname: string },
    importValidRows: boolean,
    dryRun = false,
  ): Promise<ImportReport> {
    let sheet: SheetRow[];
    try {
      sheet = await readSpreadsheet(file.buffer, file.originalname);
    } catch (error) {
      throw new RecordsError(
        'INVALID_RECORD',
        `file: not a readable CSV or XLSX (${(error as Error).message})`,
        {
          field: 'file',
        },
      );
    }
    if (sheet.length === 0)
      throw new RecordsError('INVALID_RECORD', 'file: the file is empty', { field: 'file' });
    const [header, ...body] = sheet;
    const errors: RowError[] = [];
    const columns = header.cells.map((h) => ({ header: h.trim(), spec: columnFor(kind, h) }));
    for (const c of columns)
      if (c.header && !c.spec)
        errors.push({
          line: header.line,
          column: c.header,
          reason: `unknown column for ${kind}; expected one of: ${COLUMNS[kind].map((s) => s.header).join('、')}`,
        });
    for (const spec of COLUMNS[kind])
      if (spec.required && !columns.some((c) => c.spec === spec))
        errors.push({ line: header.line, column: spec.header, reason: 'required column is missing' });
    if (errors.length > 0) throw this.refused(kind, body.length, errors);

    const headerOf = (field: string) => columns.find((c) => c.spec?.field === field)?.header ?? field;
    const parsed: ParsedRow[] = [];
    const badLines = new Set<number>();
    const seenKeys = new Map<string, number>();
    const context = await this.lookups(kind);
    // Checking is synchronous work per row (conversion, class-validator): paused between rows once a slice of
    // time is used, so a large file does not hold the event loop (time-slice.ts).
    const slice = new TimeSlice();
    for (const row of body) {
      await slice.pause();
      const rowErrors: RowError[] = [];
      const values: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        if (!c.spec) return;
        // An exported file's neutralised text ("'=…", see spreadsheet-cell.ts) reads back as what was exported.
        const cell = restoreSpreadsheetText((row.cells[i] ?? '').trim());
        const converted = convert(cell, c.spec);
        if ('error' in converted)
          rowErrors.push({ line: row.line, column: c.header, reason: converted.error });
        else if (converted.value !== undefined) values[c.spec.field] = converted.value;
      });
      if (rowErrors.length === 0) {
        for (const e of this.validate(kind, values, context))
          rowErrors.push({ line: row.line, column: headerOf(e.field), reason: e.reason });
      }
      const key = naturalKey(kind, values);
      if (key && seenKeys.has(key))
        rowErrors.push({
          line: row.line,
          column: headerOf(KEY_FIELD[kind]),
          reason: `duplicate of line ${seenKeys.get(key)}`,
        });
      else if (key) seenKeys.set(key, row.line);
      if (rowErrors.length > 0) {
        errors.push(...rowErrors);
        badLines.add(row.line);
      } else parsed.push({ line: row.line, values });
    }
    if (errors.length > 0 && !importValidRows && !dryRun) throw this.refused(kind, body.length, errors);

    const counts = { created: 0, updated: 0, unchanged: 0 };
    // The credentials of the devices created, kept only for the answer; a slice's join the list once it commits.
    const credentials: DeviceCredentials[] = [];
    // The rows are written in transactions of one time slice each (WRITE_SLICE_MS), with a turn of the event loop
    // between them, not in one transaction for the whole file: on SQLite every statement of the process shares one
    // connection, held by a transaction from BEGIN to COMMIT (sqlite-records.ts), so one long transaction would
    // stop /health, ingestion's writes and every other request for as long as the import runs. Nothing is lost by
    // it: the file was checked whole above (a bad row still imports nothing), and rows are upserted by natural key,
    // so if the database fails part-way, importing the same file again completes it without duplicates.
    let next = 0;
    while (next < parsed.length) {
      try {
        const issued = await this.enterprises.transaction(async (em) => {
          const written = new TimeSlice(WRITE_SLICE_MS[dialectOf(em)]);
          const inSlice: DeviceCredentials[] = [];
          do {
            const outcome = await this.apply(principal, kind, parsed[next].values, context, em, {
              dryRun,
              issued: inSlice,
            });
            counts[outcome]++;
            next++;
          } while (next < parsed.length && !written.spent);
          // A dry run counts what the valid rows would do, then rolls each transaction back.
          if (dryRun) throw new DryRunRollback();
          return inSlice;
        });
        credentials.push(...issued);
      } catch (error) {
        if (!(error instanceof DryRunRollback)) throw error;
      }
      await slice.yield();
    }
    return {
      kind,
      rows: body.length,
      ...counts,
      skipped: badLines.size,
      errors,
      ...(kind === 'devices' && !dryRun ? { credentials } : {}),
    };
  }

  async export(
    kind: ImportKind,
    format: 'csv' | 'xlsx',
  ): Promise<{ body: Buffer; type: string; filename: string }> {
    const specs = COLUMNS[kind];
    const rows = await this.rowsFor(kind);
    const matrix = rows.map((r) => specs.map((s) => exportCell(r[s.field], s)));
    const filename = `${kind}.${format}`;
    if (format === 'xlsx')
      return {
        body: await writeXlsx(
          kind,
          specs.map((s) => s.header),
          matrix,
        ),
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        filename,
      };
    const lines = [
      specs.map((s) => csvField(s.header)).join(','),
      ...matrix.map((r) => r.map(csvField).join(',')),
    ];
    // BOM: Excel opens UTF-8 CSV as GBK without it.
    return {
      body: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8'),
      type: 'text/csv; charset=utf-8',
      filename,
    };
  }

  private refused(kind: ImportKind, rows: number, errors: RowError[]): RecordsError {
    return new RecordsError(
      'IMPORT_HAS_ERRORS',
      `${errors.length} problem(s) in the file; nothing was imported (send importValidRows=true to import the valid rows)`,
      { report: { kind, rows, created: 0, updated: 0, unchanged: 0, skipped: rows, errors } },
    );
  }

  /** Ids by natural key of the records an import refers to (or creates): carriers by code, enterprises by credit code. */
  private async lookups(kind: ImportKind): Promise<Lookups> {
    const [enterprises, carriers, devices] = await Promise.all([
      this.enterprises.idsByCreditCode(),
      this.carriers.idsByCode(),
      kind === 'devices' ? this.devices.all() : [],
    ]);
    return { enterprises, carriers, devices: new Map(devices.map((d) => [d.id, d])) };
  }

  private validate(
    kind: ImportKind,
    values: Record<string, unknown>,
    ctx: Lookups,
  ): { field: string; reason: string }[] {
    const out: { field: string; reason: string }[] = [];
    const dtoCheck = <T extends object>(cls: new () => T, plain: Record<string, unknown>) =>
      validateSync(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: false }).flatMap(
        flatten,
      );
    if (kind === 'enterprises') {
      const { carrierCode, ...rest } = values;
      out.push(...dtoCheck(CreateEnterpriseDto, rest));
      if (carrierCode && !ctx.carriers.has(text(carrierCode)))
        out.push({ field: 'carrierCode', reason: `no carrier with code ${text(carrierCode)}` });
    } else if (kind === 'indicators') {
      const { creditCode, year, ...rest } = values;
      out.push(...enterpriseProblems(creditCode, ctx));
      if (typeof year !== 'number' || year < 1990 || year > 2100)
        out.push({ field: 'year', reason: 'year must be between 1990 and 2100' });
      out.push(...dtoCheck(IndicatorsDto, rest));
    } else if (kind === 'parcels') {
      const { enterpriseCreditCode, carrierCode, ...rest } = values;
      out.push(...dtoCheck(CreateParcelDto, rest));
      if (enterpriseCreditCode && !ctx.enterprises.has(text(enterpriseCreditCode)))
        out.push({
          field: 'enterpriseCreditCode',
          reason: `no enterprise with credit code ${text(enterpriseCreditCode)}`,
        });
      if (carrierCode && !ctx.carriers.has(text(carrierCode)))
        out.push({ field: 'carrierCode', reason: `no carrier with code ${text(carrierCode)}` });
    } else if (kind === 'qualifications') {
      const { creditCode, ...rest } = values;
      out.push(...enterpriseProblems(creditCode, ctx));
      const dto = dtoCheck(CreateQualificationDto, rest);
      out.push(...dto);
      if (dto.length === 0) {
        const checked = checkQualification(qualificationInput(rest));
        if (!checked.ok) out.push({ field: checked.problem.field, reason: checked.problem.reason });
      }
    } else if (kind === 'devices') {
      out.push(...this.validateDevice(values, ctx, dtoCheck));
    } else {
      out.push(...dtoCheck(CreateCarrierDto, values));
    }
    return out;
  }

  /**
   * A device row, checked as POST /api/devices checks one (CreateDeviceDto, then the kind's fields — the same
   * functions), its enterprise by credit code. The kind and role cells are read as codes (`values` is updated),
   * and an existing device must stay in its enterprise and of its kind, as PATCH /api/devices/:id allows.
   */
  private validateDevice(
    values: Record<string, unknown>,
    ctx: Lookups,
    dtoCheck: (
      cls: new () => CreateDeviceDto,
      plain: Record<string, unknown>,
    ) => { field: string; reason: string }[],
  ): { field: string; reason: string }[] {
    const out: { field: string; reason: string }[] = [];
    const { enterpriseCreditCode, ...rest } = values;
    const code = text(enterpriseCreditCode ?? '');
    const enterpriseId = ctx.enterprises.get(code);
    if (!enterpriseId)
      out.push({ field: 'enterpriseCreditCode', reason: `no enterprise with credit code ${code}` });
    const kind = deviceKindOf(text(values.kind ?? ''));
    if (!kind) {
      out.push({ field: 'kind', reason: `"${text(values.kind ?? '')}" is not a device kind` });
      return out;
    }
    values.kind = kind;
    if (values.role !== undefined) {
      const role = meterRoleOf(text(values.role));
      if (!role)
        out.push({ field: 'role', reason: `"${text(values.role)}" is not a meter role (生产、治污、综合)` });
      else values.role = role;
    }
    out.push(
      ...dtoCheck(CreateDeviceDto, { ...rest, kind, role: values.role }).filter(
        (e) => e.field !== 'enterpriseId',
      ),
    );
    if (out.length > 0) return out;
    const existing = ctx.devices.get(text(values.id));
    if (existing && enterpriseId && existing.enterpriseId !== enterpriseId)
      out.push({
        field: 'enterpriseCreditCode',
        reason: `device ${existing.id} belongs to another enterprise; a device cannot move between enterprises`,
      });
    if (existing && existing.kind !== kind)
      out.push({
        field: 'kind',
        reason: `device ${existing.id} is a ${existing.kind}; its kind cannot change`,
      });
    try {
      const { enterpriseCreditCode: _code, ...fields } = values;
      checkKindFields(kind, { ...(existing ?? {}), ...fields });
    } catch (error) {
      if (!(error instanceof RecordsError)) throw error;
      const field = typeof error.details.field === 'string' ? error.details.field.split('.')[0] : 'kind';
      out.push({ field, reason: error.message.replace(/^[\w.]+: /, '') });
    }
    return out;
  }

  private async apply(
    principal: Principal,
    kind: ImportKind,
    values: Record<string, unknown>,
    ctx: Lookups,
    em: Parameters<Parameters<EnterpriseRecords['transaction']>[0]>[0],
    devices: { readonly dryRun: boolean; readonly issued: DeviceCredentials[] },
  ): Promise<'created' | 'updated' | 'unchanged'> {
    if (kind === 'devices') {
      const { enterpriseCreditCode, ...rest } = values;
      const id = text(rest.id);
      let password: string | null = null;
      const result = await this.devices.upsert(
        principal,
        { ...rest, id, enterpriseId: ctx.enterprises.get(text(enterpriseCreditCode))! },
        // A dry run creates nothing that lasts: no secret is made (nor hashed) for it.
        async () => {
          if (devices.dryRun) return { credentialHash: null, credentialIssuedAt: null };
          password = spreadsheetSafeSecret();
          return {
            credentialHash: await hashDeviceSecret(password),
            credentialIssuedAt: new Date(this.clock.now()),
          };
        },
        em,
      );
      if (password !== null) devices.issued.push(credentialsOf(id, password));
      return result.outcome;
    }
    if (kind === 'enterprises') {
      const { carrierCode, ...rest } = values;
      const carrierId = carrierCode ? ctx.carriers.get(text(carrierCode))! : undefined;
      const result = await this.enterprises.store.upsertBy(
        principal,
        'creditCode',
        { ...rest, ...(carrierId ? { carrierId } : {}) },
        em,
      );
      ctx.enterprises.set(result.record.creditCode, result.record.id);
      return result.outcome;
    }
    if (kind === 'indicators') {
      const { creditCode, year, ...rest } = values;
      const enterpriseId = ctx.enterprises.get(text(creditCode))!;
      return (await this.enterprises.putIndicators(principal, enterpriseId, Number(year), rest, em)).outcome;
    }
    if (kind === 'parcels') {
      const { enterpriseCreditCode, carrierCode, ...rest } = values;
      const links = {
        ...(enterpriseCreditCode ? { enterpriseId: ctx.enterprises.get(text(enterpriseCreditCode))! } : {}),
        ...(carrierCode ? { carrierId: ctx.carriers.get(text(carrierCode))! } : {}),
      };
      return (await this.land.store.upsertBy(principal, 'code', { ...rest, ...links }, em)).outcome;
    }
    if (kind === 'qualifications') {
      const { creditCode, note, ...rest } = values;
      const checked = checkQualification(qualificationInput(rest));
      if (!checked.ok) throw new Error(`unreachable: a checked row breaks ${checked.problem.code}`);
      const enterpriseId = ctx.enterprises.get(text(creditCode))!;
      const record = { ...checked.value, enterpriseId, ...(note !== undefined ? { note: text(note) } : {}) };
      return (
        await this.qualifications.store.upsertBy(
          principal,
          ['enterpriseId', 'type', 'certificateNo'],
          record,
          em,
        )
      ).outcome;
    }
    const result = await this.carriers.store.upsertBy(principal, 'code', values, em);
    ctx.carriers.set(result.record.code, result.record.id);
    return result.outcome;
  }

  private async rowsFor(kind: ImportKind): Promise<Record<string, unknown>[]> {
    const [enterprises, carriers] = await Promise.all([this.enterprises.all(), this.carriers.all()]);
    const creditCodeOf = new Map(enterprises.map((e) => [e.id, e.creditCode]));
    // The columns are the device's own fields: no credential hash or issue date is written.
    if (kind === 'devices')
      return (await this.devices.all()).map((d) => ({
        ...d,
        enterpriseCreditCode: creditCodeOf.get(d.enterpriseId) ?? null,
        kind: deviceKindCell(d.kind),
        role: meterRoleCell(d.role),
      }));
    const carrierCodeOf = new Map(carriers.map((c) => [c.id, c.code]));
    if (kind === 'enterprises')
      return enterprises.map((e) => ({
        ...e,
        carrierCode: e.carrierId ? carrierCodeOf.get(e.carrierId) : null,
      }));
    if (kind === 'carriers') return carriers.map((c) => ({ ...c }));
    if (kind === 'qualifications')
      return (await this.qualifications.all())
        .filter((q) => creditCodeOf.has(q.enterpriseId))
        .map((q) => ({ ...q, creditCode: creditCodeOf.get(q.enterpriseId) }));
    if (kind === 'parcels')
      return (await this.land.all()).map((p) => ({
        ...p,
        enterpriseCreditCode: p.enterpriseId ? creditCodeOf.get(p.enterpriseId) : null,
        carrierCode: p.carrierId ? carrierCodeOf.get(p.carrierId) : null,
      }));
    return (await this.enterprises.allIndicators())
      .filter((i) => creditCodeOf.has(i.enterpriseId))
      .map((i) => ({ ...i, creditCode: creditCodeOf.get(i.enterpriseId) }));
  }
}

function flatten(error: ValidationError): { field: string; reason: string }[] {
  const own = Object.values(error.constraints ?? {}).map((reason) => ({ field: error.property, reason }));
  return [...own, ...(error.children ?? []).flatMap(flatten)];
}

/**
 * A device password for the credentials file the web page offers (设备凭据.csv): base64url, but never beginning with
 * "-", which a spreadsheet program opening the CSV would read as a formula and show as an error instead of the
 * password. Drawing again when it does costs a few hundredths of a bit of the 192.
 */
function spreadsheetSafeSecret(): string {
  for (;;) {
    const secret = generateSecret();
    if (/^[A-Za-z0-9]/.test(secret)) return secret;
  }
}

/** The column a duplicate row is reported under. */
const KEY_FIELD: Readonly<Record<ImportKind, string>> = {
  enterprises: 'creditCode',
  indicators: 'year',
  parcels: 'code',
  carriers: 'code',
  qualifications: 'certificateNo',
  devices: 'id',
};

/** A row's enterprise, named by credit code: a valid code of an enterprise the records hold. */
function enterpriseProblems(creditCode: unknown, ctx: Lookups): { field: string; reason: string }[] {
  const check = checkCreditCode(text(creditCode ?? ''));
  if (!check.ok) return [{ field: 'creditCode', reason: check.reason }];
  if (!ctx.enterprises.has(text(creditCode)))
    return [
      { field: 'creditCode', reason: `no enterprise with credit code ${text(creditCode)}; import it first` },
    ];
  return [];
}

/** A row's certificate as the qualification rules judge it (an empty level or expiry is none). */
function qualificationInput(v: Record<string, unknown>): QualificationInput {
  return {
    type: v.type as QualificationInput['type'],
    level: (v.level ?? null) as QualificationInput['level'],
    certificateNo: text(v.certificateNo),
    issuedOn: text(v.issuedOn),
    expiresOn: v.expiresOn === undefined ? null : text(v.expiresOn),
  };
}

function naturalKey(kind: ImportKind, v: Record<string, unknown>): string | null {
  if (kind === 'enterprises') return v.creditCode ? text(v.creditCode) : null;
  if (kind === 'indicators') return v.creditCode && v.year ? `${text(v.creditCode)}/${text(v.year)}` : null;
  if (kind === 'qualifications')
    return v.creditCode && v.type && v.certificateNo
      ? `${text(v.creditCode)}/${text(v.type)}/${text(v.certificateNo)}`
      : null;
  if (kind === 'devices') return v.id ? text(v.id) : null;
  return v.code ? text(v.code) : null;
}

/** Text of a cell → the field's value; empty cells are left out (the field keeps its value, or its default). */
export function convert(cell: string, spec: ColumnSpec): { value: unknown } | { error: string } {
  if (cell === '') return { value: spec.type === 'boolean' ? undefined : undefined };
  switch (spec.type) {
    case 'text':
      return { value: cell };
    case 'number':
    case 'integer': {
      const n = Number(cell.replace(/,/g, ''));
      if (!Number.isFinite(n)) return { error: `"${cell}" is not a number` };
      if (spec.type === 'integer' && !Number.isInteger(n))
        return { error: `"${cell}" is not a whole number` };
      return { value: n };
    }
    case 'boolean': {
      const k = cell.toLowerCase();
      if (TRUE.has(k)) return { value: true };
      if (FALSE.has(k)) return { value: false };
      return { error: `"${cell}" is not 是/否` };
    }
    case 'date': {
      const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(cell);
      const value = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : null;
      const parsed = value ? new Date(`${value}T00:00:00Z`) : null;
      // A real calendar day: 2025-02-30 and 2025-13-01 are refused, not rolled over.
      if (!value || !parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value)
        return { error: `"${cell}" is not a date written YYYY-MM-DD (e.g. 2015-03-01)` };
      return { value };
    }
    case 'choice': {
      const wanted = cell.replace(/\s+/g, '').replace(/[“”]/g, '"');
      for (const [code, names] of Object.entries(spec.choices ?? {}))
        if (code === cell || names.some((n) => n.replace(/\s+/g, '').replace(/[“”]/g, '"') === wanted))
          return { value: code };
      const offered = Object.values(spec.choices ?? {}).map((names) => names[0]);
      return { error: `"${cell}" is not one of ${offered.join('、')}` };
    }
    case 'json':
      try {
        return { value: JSON.parse(cell) as unknown };
      } catch {
        return { error: 'not valid JSON' };
      }
  }
}

function exportCell(value: unknown, spec: ColumnSpec): unknown {
  if (value === null || value === undefined) return null;
  if (spec.type === 'boolean') return value ? '是' : '否';
  if (spec.type === 'json') return JSON.stringify(value);
  if (spec.type === 'choice' && typeof value === 'string') return spec.choices?.[value]?.[0] ?? value;
  return value;
}

/** A cell value as text (cells hold strings and numbers only). */
function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
