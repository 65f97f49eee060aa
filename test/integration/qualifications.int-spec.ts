/**
 * 资质认定 on the real PostgreSQL: every write path of the API (create, update, delete; attach, download and remove
 * a document) with its audit entry, the refusals (an unknown type, an expiry date before the issue date, no
 * certificate number, a level the type cannot have, a non-PDF/image file, an energy manager writing or reading
 * another enterprise), the park-wide expiry filter, and a certificate entering — and, once expired, leaving — a
 * cultivation library with the reason. Then the same records on SQLite (the standalone mode).
 */
import type { INestApplication } from '@nestjs/common';
import { EnterpriseEntity, openRecords, QualificationRecords, seedDemoPark } from '@park/records';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'qualifications-test-password';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

interface View {
  id: string;
  enterpriseId: string;
  type: string;
  level: string | null;
  certificateNo: string;
  expiresOn: string | null;
  note: string | null;
  state: string;
  daysToExpiry: number | null;
  documents: { id: string; filename: string; size: number; contentType: string }[];
}
interface Entry {
  enterpriseId: string;
  achieved: boolean;
  basis: { kind: string; certificateNo?: string; counts?: boolean; expiresOn?: string | null }[];
}
interface Audit {
  items: {
    entityType: string;
    entityId: string;
    action: string;
    actor: string;
    changes: Record<string, unknown>;
  }[];
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const plusDays = (n: number) =>
  new Date(Date.now() + 8 * 3_600_000 + n * 86_400_000).toISOString().slice(0, 10);

describe('qualifications (资质认定) on the real PostgreSQL', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let adminToken: string;
  let manager: Caller;
  let managerEnterprise: string;
  /** An enterprise outside the 上市 library, to certify. */
  let candidate: EnterpriseEntity;
  const number = `JSZJTX-${Date.now().toString(36)}`;

  beforeAll(async () => {
    env = await createTestEnvironment('qualifications');
    await seedDemoPark(env.records, PASSWORD);
    ({ app, url } = await startRecordsApi(env));
    adminToken = await login(url, 'admin', PASSWORD);
    admin = caller(url, adminToken);
    manager = caller(url, await login(url, 'manager', PASSWORD));
    managerEnterprise = ((await manager('GET', '/api/enterprises')).body as { items: { id: string }[] })
      .items[0].id;
    const listed = (
      (await admin('GET', '/api/analytics/cultivation?year=2024')).body as Record<string, Entry[]>
    ).listed;
    const all = await env.records.getRepository(EnterpriseEntity).find({ order: { name: 'ASC' } });
    candidate = all.find(
      (e) => e.id !== managerEnterprise && !listed.some((entry) => entry.enterpriseId === e.id),
    )!;
    expect(candidate).toBeDefined();
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  const audit = async (enterpriseId: string) =>
    ((await admin('GET', `/api/enterprises/${enterpriseId}/audit?pageSize=50`)).body as Audit).items;
  const listed = async () =>
    ((await admin('GET', '/api/analytics/cultivation?year=2024')).body as Record<string, Entry[]>).listed;

  let created: View;

  it('records a provincial 专精特新 certificate, audited, and the enterprise enters the 上市 library with why', async () => {
    const res = await admin('POST', `/api/enterprises/${candidate.id}/qualifications`, {
      type: 'specialized-sme',
      level: 'provincial',
      certificateNo: number,
      issuedOn: '2025-01-10',
      expiresOn: '2028-01-09',
      note: '江苏省工业和信息化厅公布',
    });
    expect(res.status).toBe(201);
    created = res.body as View;
    expect(created).toMatchObject({
      type: 'specialized-sme',
      level: 'provincial',
      state: 'valid',
      documents: [],
    });

    const entry = (await listed()).find((e) => e.enterpriseId === candidate.id);
    expect(entry).toMatchObject({
      achieved: false,
      basis: [{ kind: 'certificate', certificateNo: number, expiresOn: '2028-01-09', counts: true }],
    });

    const trail = await audit(candidate.id);
    expect(trail[0]).toMatchObject({
      entityType: 'qualification',
      entityId: created.id,
      action: 'create',
      actor: 'admin',
    });
    expect(trail[0].changes.certificateNo).toEqual({ from: null, to: number });
  });

  it('refuses an unknown type, an expiry before the issue date, no number and a level the type cannot have', async () => {
    const post = (body: Record<string, unknown>) =>
      admin('POST', `/api/enterprises/${candidate.id}/qualifications`, {
        type: 'little-giant',
        certificateNo: 'X-1',
        issuedOn: '2025-03-01',
        expiresOn: '2028-02-28',
        ...body,
      });
    const unknown = await post({ type: 'gold-medal' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('type must be one of high-tech-enterprise');

    const backwards = await post({ expiresOn: '2024-03-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({
      code: 'INVALID_RECORD',
      field: 'expiresOn',
      message: 'expiresOn: 有效期至（2024-03-01）须晚于发证日期（2025-03-01）',
    });

    const blank = await post({ certificateNo: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body).toMatchObject({ field: 'certificateNo', message: 'certificateNo: 须填写证书编号' });
    const missing = await post({ certificateNo: undefined });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('certificateNo');

    const level = await post({ level: 'provincial' });
    expect(level.status).toBe(400);
    expect(level.body).toMatchObject({ field: 'level', problem: 'level-not-allowed' });

    const listing = await post({ type: 'listed', certificateNo: '688001' });
    expect(listing.status).toBe(400);
    expect(listing.body).toMatchObject({ field: 'expiresOn', problem: 'expiry-not-applicable' });

    const badDate = await post({ issuedOn: '2025-3-1' });
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('issuedOn must be a date written YYYY-MM-DD');

    // None of them was written.
    const mine = (await admin('GET', `/api/enterprises/${candidate.id}/qualifications`)).body as View[];
    expect(mine.map((q) => q.id)).toEqual([created.id]);
  });

  it('attaches a PDF (its metadata audited, never its bytes), serves it back, refuses other files, removes it', async () => {
    const path = `/api/enterprises/${candidate.id}/qualifications/${created.id}/documents`;
    const form = new FormData();
    form.append('file', new Blob([PDF], { type: 'application/pdf' }), '专精特新证书.pdf');
    const res = await admin('POST', path, form);
    expect(res.status).toBe(201);
    const doc = res.body as View['documents'][number];
    expect(doc).toMatchObject({
      filename: '专精特新证书.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });

    const download = await fetch(`${url}${path}/${doc.id}`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('专精特新证书.pdf')}`,
    );
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);

    const trail = await audit(candidate.id);
    expect(trail[0]).toMatchObject({
      entityType: 'qualification-document',
      entityId: doc.id,
      action: 'create',
    });
    expect(trail[0].changes).not.toHaveProperty('content');
    expect(trail[0].changes.filename).toEqual({ from: null, to: '专精特新证书.pdf' });

    const text = new FormData();
    text.append('file', new Blob(['not a certificate'], { type: 'application/pdf' }), 'fake.pdf');
    const refused = await admin('POST', path, text);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'file' });
    expect((refused.body as { message: string }).message).toContain('only PDF, JPEG or PNG');

    const listedDocs = (
      (await admin('GET', `/api/enterprises/${candidate.id}/qualifications`)).body as View[]
    )[0].documents;
    expect(listedDocs.map((d) => d.id)).toEqual([doc.id]);

    expect((await admin('DELETE', `${path}/${doc.id}`)).status).toBe(204);
    expect((await admin('GET', `${path}/${doc.id}`)).status).toBe(404);
    expect((await audit(candidate.id))[0]).toMatchObject({
      entityType: 'qualification-document',
      entityId: doc.id,
      action: 'delete',
    });
  });

  it('lets an energy manager read only their own certificates and write none', async () => {
    const own = await manager('GET', `/api/enterprises/${managerEnterprise}/qualifications`);
    expect(own.status).toBe(200);
    expect((own.body as View[]).length).toBeGreaterThan(0);
    expect((own.body as View[]).every((q) => q.enterpriseId === managerEnterprise)).toBe(true);

    expect((await manager('GET', `/api/enterprises/${candidate.id}/qualifications`)).status).toBe(404);
    const park = (await manager('GET', '/api/qualifications')).body as View[];
    expect(park.length).toBeGreaterThan(0);
    expect(park.every((q) => q.enterpriseId === managerEnterprise)).toBe(true);

    const body = {
      type: 'tech-sme',
      level: 'national',
      certificateNo: 'M-1',
      issuedOn: '2026-01-05',
      expiresOn: '2027-01-04',
    };
    expect((await manager('POST', `/api/enterprises/${candidate.id}/qualifications`, body)).status).toBe(403);
    expect((await manager('POST', `/api/enterprises/${managerEnterprise}/qualifications`, body)).status).toBe(
      403,
    );
    expect(
      (await manager('PATCH', `/api/enterprises/${candidate.id}/qualifications/${created.id}`, { note: 'x' }))
        .status,
    ).toBe(403);
    expect(
      (await manager('DELETE', `/api/enterprises/${candidate.id}/qualifications/${created.id}`)).status,
    ).toBe(403);
    // Nothing changed.
    expect(
      ((await admin('GET', `/api/enterprises/${candidate.id}/qualifications`)).body as View[])[0].note,
    ).toBe('江苏省工业和信息化厅公布');
  });

  it('lists the park-wide reminders: expiring within 90 days (or the given window) and expired', async () => {
    const expiring = (await admin('GET', '/api/qualifications?state=expiring')).body as View[];
    // The demo chemical plant's 高新技术企业 certificate expires 45 days after the park was seeded.
    const demo = expiring.find(
      (q) => q.enterpriseId === managerEnterprise && q.type === 'high-tech-enterprise',
    );
    expect(demo).toMatchObject({ state: 'expiring', daysToExpiry: 45 });
    expect(
      expiring.every((q) => q.state === 'expiring' && q.daysToExpiry! >= 0 && q.daysToExpiry! <= 90),
    ).toBe(true);

    const within30 = (await admin('GET', '/api/qualifications?state=expiring&withinDays=30')).body as View[];
    expect(within30.some((q) => q.id === demo!.id)).toBe(false);

    const expired = (await admin('GET', '/api/qualifications?state=expired')).body as View[];
    expect(expired.some((q) => q.type === 'little-giant' && q.expiresOn === '2026-07-27')).toBe(true);
    expect(expired.every((q) => q.state === 'expired' && q.expiresOn! < today())).toBe(true);

    const ofType = (await admin('GET', '/api/qualifications?type=specialized-sme')).body as View[];
    expect(ofType.some((q) => q.id === created.id)).toBe(true);
    expect(ofType.every((q) => q.type === 'specialized-sme')).toBe(true);

    expect((await admin('GET', '/api/qualifications?state=soon')).status).toBe(400);
    expect((await admin('GET', '/api/qualifications?withinDays=0')).status).toBe(400);
  });

  it('edits a certificate, re-checking the whole; once expired it no longer counts and the enterprise leaves the library', async () => {
    const path = `/api/enterprises/${candidate.id}/qualifications/${created.id}`;
    const backwards = await admin('PATCH', path, { expiresOn: '2024-12-31' });
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({ field: 'expiresOn', problem: 'expiry-not-after-issue' });

    const soon = await admin('PATCH', path, { expiresOn: plusDays(10) });
    expect(soon.status).toBe(200);
    expect(soon.body).toMatchObject({ state: 'expiring', daysToExpiry: 10 });

    const lapsed = await admin('PATCH', path, { expiresOn: plusDays(-1) });
    expect(lapsed.body).toMatchObject({ state: 'expired', daysToExpiry: -1 });
    expect((await listed()).some((e) => e.enterpriseId === candidate.id)).toBe(false);
    const trail = await audit(candidate.id);
    expect(trail[0]).toMatchObject({ entityType: 'qualification', action: 'update' });
    expect(trail[0].changes.expiresOn).toEqual({ from: plusDays(10), to: plusDays(-1) });

    // Put in cultivation by its record, it is in again — with the expired certificate said not to count.
    await admin('PATCH', `/api/enterprises/${candidate.id}`, { cultivation: ['listed'] });
    expect((await listed()).find((e) => e.enterpriseId === candidate.id)?.basis).toEqual([
      { kind: 'cultivation' },
      expect.objectContaining({ kind: 'certificate', certificateNo: number, counts: false }),
    ]);
    await admin('PATCH', `/api/enterprises/${candidate.id}`, { cultivation: [] });
  });

  it('counts a 高新技术企业 certificate as the library reached, and deletes a certificate (soft, audited)', async () => {
    const res = await admin('POST', `/api/enterprises/${candidate.id}/qualifications`, {
      type: 'high-tech-enterprise',
      certificateNo: `GR${Date.now()}`,
      issuedOn: '2025-12-01',
      expiresOn: '2028-11-30',
    });
    expect(res.body).toMatchObject({ level: 'national', state: 'valid' });
    const id = (res.body as View).id;
    const highTech = (
      (await admin('GET', '/api/analytics/cultivation?year=2024')).body as Record<string, Entry[]>
    )['high-tech'];
    expect(highTech.find((e) => e.enterpriseId === candidate.id)).toMatchObject({ achieved: true });

    expect((await admin('DELETE', `/api/enterprises/${candidate.id}/qualifications/${id}`)).status).toBe(204);
    expect((await admin('DELETE', `/api/enterprises/${candidate.id}/qualifications/${id}`)).status).toBe(404);
    expect((await audit(candidate.id))[0]).toMatchObject({
      entityType: 'qualification',
      entityId: id,
      action: 'delete',
    });
    const after = (
      (await admin('GET', '/api/analytics/cultivation?year=2024')).body as Record<string, Entry[]>
    )['high-tech'];
    expect(
      after.some((e) => e.enterpriseId === candidate.id && e.basis.some((b) => b.kind === 'certificate')),
    ).toBe(false);
  });
});

describe('qualifications on SQLite (standalone mode)', () => {
  it('keeps certificates and their documents, audited, through the same repository', async () => {
    const records = await openRecords('sqlite::memory:', { migrate: true });
    try {
      await seedDemoPark(records, PASSWORD);
      const repo = new QualificationRecords(records);
      const demo = await repo.list({});
      expect(demo.map((r) => r.qualification.type).sort()).toEqual([
        'high-tech-enterprise',
        'little-giant',
        'quoted',
        'specialized-sme',
        'tech-sme',
      ]);
      expect(demo.every((r) => r.qualification.isDemo)).toBe(true);
      const enterprise = demo[0].qualification.enterpriseId;
      const created = await repo.store.create(
        { username: 'admin' },
        {
          enterpriseId: enterprise,
          type: 'tech-sme',
          level: 'national',
          certificateNo: 'SQLITE-1',
          issuedOn: '2026-03-01',
          expiresOn: '2027-02-28',
          note: null,
        },
      );
      const doc = await repo.addDocument({ username: 'admin' }, created, {
        filename: 'scan.pdf',
        contentType: 'application/pdf',
        content: PDF,
      });
      expect((await repo.document(created.id, doc.id)).content.equals(PDF)).toBe(true);
      const expiring = await repo.list({
        enterpriseId: enterprise,
        expiresOnOrBefore: '2027-03-01',
        expiresOnOrAfter: '2027-02-01',
      });
      expect(expiring.map((r) => r.qualification.id)).toContain(created.id);
      expect(
        expiring.find((r) => r.qualification.id === created.id)?.documents.map((d) => d.filename),
      ).toEqual(['scan.pdf']);
      await repo.store.softDelete({ username: 'admin' }, created.id);
      expect(
        (await repo.list({ enterpriseId: enterprise })).some((r) => r.qualification.id === created.id),
      ).toBe(false);
    } finally {
      await records.destroy();
    }
  });
});
