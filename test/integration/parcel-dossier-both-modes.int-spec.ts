/**
 * 一地一档 (issue #18 item 1): a parcel's 不动产权证号, 出让日期 and 出让年限 (with the computed 到期日期), 容积率,
 * 投资强度 and 出让合同 through the API's write path, on both records backends — SQLite (standalone) and PostgreSQL
 * (microservices), each with the demo park: an admin's PATCH is stored, answered and audited field by field; a
 * negative plot ratio, a term of 0 or 71 years and a malformed date are refused naming the field, and nobody but
 * an admin may write; the parcels export carries the new columns and imports back unchanged (CSV and XLSX), and an
 * import of them updates the parcel while a bad row is reported by its column.
 */
import { LandParcelEntity } from '@park/records';
import type { ParcelView } from '@park/contracts';
import { caller, login, type Caller } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from '../security/support/api-backends';

const PASSWORD = 'parcel-dossier-demo-password';

interface ImportReportBody {
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly errors: { line: number; column: string; reason: string }[];
}

const csvFile = (text: string, name = 'parcels.csv') => {
  const form = new FormData();
  form.append('file', new Blob([`\ufeff${text}`], { type: 'text/csv' }), name);
  return form;
};

describe.each(API_BACKENDS)('the parcel dossier on %s', (_mode, start) => {
  let backend: ApiBackend;
  let admin: Caller;
  let parcel: LandParcelEntity;

  beforeAll(async () => {
    backend = await start(PASSWORD);
    admin = caller(backend.url, await login(backend.url, 'admin', PASSWORD));
    // A parcel used by an enterprise, so its changes also reach that enterprise's audit trail.
    parcel = await backend.records
      .getRepository(LandParcelEntity)
      .findOneOrFail({ where: { code: 'QD-GX-0101' } });
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('stores, answers and audits the new fields, the end of the term computed', async () => {
    const patch = {
      certificateNo: '苏(2016)启东市不动产权第0000001号',
      transferDate: '2016-02-29',
      transferTermYears: 50,
      plotRatio: 1.35,
      investmentIntensity: 420.5,
      contractNo: '3206812016CR0099',
      contractTerms: '约定固定资产投资 3 亿元；36 个月内达产；亩均税收不低于 30 万元/亩。',
    };
    const res = await admin('PATCH', `/api/parcels/${parcel.id}`, patch);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...patch, transferEndDate: '2066-02-28' });
    expect((await admin('GET', `/api/parcels/${parcel.id}`)).body).toMatchObject({
      ...patch,
      transferEndDate: '2066-02-28',
    });

    const audit = (await admin('GET', `/api/audit?entityType=parcel&entityId=${parcel.id}`)).body as {
      items: { action: string; actor: string; changes: Record<string, { from: unknown; to: unknown }> }[];
    };
    expect(audit.items[0]).toMatchObject({
      action: 'update',
      actor: 'admin',
      changes: {
        plotRatio: { from: parcel.plotRatio, to: 1.35 },
        transferDate: { from: parcel.transferDate, to: '2016-02-29' },
        certificateNo: { from: parcel.certificateNo, to: patch.certificateNo },
      },
    });
    // The demo parcel's term was 50 years already: only what changed is recorded.
    expect(parcel.transferTermYears).toBe(50);
    expect(audit.items[0].changes).not.toHaveProperty('transferTermYears');
    // The enterprise using the parcel sees the change in its own audit trail.
    const ofEnterprise = (await admin('GET', `/api/enterprises/${parcel.enterpriseId}/audit`)).body as {
      items: { entityType: string; entityId: string; changes: Record<string, unknown> }[];
    };
    expect(
      ofEnterprise.items.find((e) => e.entityType === 'parcel' && e.entityId === parcel.id),
    ).toMatchObject({
      changes: { investmentIntensity: { from: parcel.investmentIntensity, to: 420.5 } },
    });

    // Cleared with null: the end date goes with the term.
    const cleared = await admin('PATCH', `/api/parcels/${parcel.id}`, { transferTermYears: null });
    expect(cleared.body).toMatchObject({ transferTermYears: null, transferEndDate: null });
    await admin('PATCH', `/api/parcels/${parcel.id}`, { transferTermYears: 50 });
  });

  it.each([
    ['a negative plot ratio', { plotRatio: -0.1 }, 'plotRatio (容积率) must not be negative'],
    ['a term of 0 years', { transferTermYears: 0 }, 'transferTermYears (出让年限)'],
    ['a term over 70 years', { transferTermYears: 71 }, 'from 1 to 70'],
    ['a term that is not whole', { transferTermYears: 2.5 }, 'transferTermYears (出让年限)'],
    [
      'a malformed date',
      { transferDate: '2016/03/01' },
      'transferDate (出让日期) must be a date written YYYY-MM-DD',
    ],
    ['a day that does not exist', { transferDate: '2015-02-30' }, 'transferDate (出让日期)'],
    [
      'a negative investment intensity',
      { investmentIntensity: -1 },
      'investmentIntensity (投资强度, 万元/亩)',
    ],
  ])('refuses %s, naming the field, and changes nothing', async (_what, body, message) => {
    const before = (await admin('GET', `/api/parcels/${parcel.id}`)).body as ParcelView;
    const res = await admin('PATCH', `/api/parcels/${parcel.id}`, body);
    expect(res.status).toBe(400);
    expect((res.body as { message: string[] }).message.join('\n')).toContain(message);
    expect((await admin('GET', `/api/parcels/${parcel.id}`)).body).toEqual(before);
  });

  it('refuses a write by anyone but an admin', async () => {
    for (const username of ['officer', 'operator', 'manager']) {
      const as = caller(backend.url, await login(backend.url, username, PASSWORD));
      const res = await as('PATCH', `/api/parcels/${parcel.id}`, { plotRatio: 2 });
      expect([username, res.status]).toEqual([username, 403]);
    }
    expect(((await admin('GET', `/api/parcels/${parcel.id}`)).body as ParcelView).plotRatio).toBe(1.35);
  });

  it.each(['csv', 'xlsx'])(
    'exports the new columns as %s, and the export imports back unchanged',
    async (format) => {
      const res = await fetch(`${backend.url}/api/exports/parcels?format=${format}`, {
        headers: { authorization: `Bearer ${await login(backend.url, 'admin', PASSWORD)}` },
      });
      expect(res.status).toBe(200);
      const buffer = Buffer.from(await res.arrayBuffer());
      if (format === 'csv') {
        const [header, ...rows] = buffer
          .toString('utf8')
          .replace(/^\ufeff/, '')
          .split('\r\n');
        for (const column of [
          '不动产权证号',
          '出让日期',
          '出让年限（年）',
          '容积率',
          '投资强度（万元/亩）',
          '出让合同编号',
          '合同约定条款',
        ])
          expect(header.split(',')).toContain(column);
        const line = rows.find((r) => r.startsWith('QD-GX-0101,'))!;
        expect(line).toContain('2016-02-29');
        expect(line).toContain('1.35');
        expect(line).toContain('3206812016CR0099');
      }
      const form = new FormData();
      form.append('file', new Blob([buffer]), `parcels.${format}`);
      const back = await admin('POST', '/api/imports/parcels', form);
      expect(back.status).toBe(201);
      expect(back.body).toMatchObject({ created: 0, updated: 0, errors: [] });
    },
  );

  it('imports the new columns (a date as YYYY/M/D too), and reports a bad row by its column', async () => {
    const header =
      '地块编号,地块名称,面积（亩）,用地性质,出让日期,出让年限（年）,容积率,投资强度（万元/亩）,不动产权证号';
    const base = `QD-GX-0101,${parcel.name},${parcel.areaMu},${parcel.landUse}`;
    const bad = await admin(
      'POST',
      '/api/imports/parcels',
      csvFile(`${header}\n${base},2015-02-30,0,-1,abc,\n`),
    );
    expect(bad.status).toBe(422);
    const errors = (bad.body as { report: ImportReportBody }).report.errors;
    expect(errors.map((e) => e.column).sort()).toEqual(['出让日期', '投资强度（万元/亩）']);
    const rangeBad = await admin(
      'POST',
      '/api/imports/parcels',
      csvFile(`${header}\n${base},2015-03-01,0,-1,10,\n`),
    );
    expect(rangeBad.status).toBe(422);
    const rangeErrors = (rangeBad.body as { report: ImportReportBody }).report.errors;
    expect(rangeErrors.map((e) => e.column).sort()).toEqual(['出让年限（年）', '容积率']);
    expect(rangeErrors.find((e) => e.column === '容积率')!.reason).toContain('plotRatio (容积率)');

    const good = await admin(
      'POST',
      '/api/imports/parcels',
      csvFile(`${header}\n${base},2018/7/1,40,2.1,500,苏(2018)启东市不动产权第0000002号\n`),
    );
    expect(good.status).toBe(201);
    expect(good.body).toMatchObject({ updated: 1, errors: [] });
    expect((await admin('GET', `/api/parcels/${parcel.id}`)).body).toMatchObject({
      transferDate: '2018-07-01',
      transferTermYears: 40,
      transferEndDate: '2058-07-01',
      plotRatio: 2.1,
      investmentIntensity: 500,
      certificateNo: '苏(2018)启东市不动产权第0000002号',
      contractNo: '3206812016CR0099',
    });
  });
});
