/**
 * Documents on timeline events (股权变更, 用地变更, 房屋出租, 产业协议), in both modes — the API on the real
 * PostgreSQL and on SQLite (standalone): attach, list with the timeline, download byte for byte, remove, each write
 * audited with the metadata only; the refusals (no file, text named .pdf, a plain ZIP named .docx, over 10 MB →
 * 413, an officer writing → 403, an energy manager reading another enterprise's → 404); and the same on a
 * parcel's timeline.
 */
import { LandParcelEntity } from '@park/records';
import { caller, login, type Caller } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from '../security/support/api-backends';

const PASSWORD = 'event-documents-test-password';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** The part names a .docx holds (ECMA-376): enough for the API's sniffing, which reads no further. */
const DOCX = Buffer.concat([
  Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  Buffer.from('\0[Content_Types].xml\0PK\x03\x04\0word/document.xml\0'),
]);

interface Doc {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  uploadedBy: string;
}
interface Event {
  id: string;
  enterpriseId: string | null;
  documents: Doc[];
}
interface AuditItem {
  entityType: string;
  entityId: string;
  action: string;
  changes: Record<string, unknown>;
}

const form = (content: Buffer, name: string, type = 'application/pdf') => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(content)], { type }), name);
  return f;
};

describe.each(API_BACKENDS)('documents on timeline events (%s)', (_mode, start) => {
  let backend: ApiBackend;
  let admin: Caller;
  let adminToken: string;
  let officer: Caller;
  let manager: Caller;
  let managerToken: string;
  let own: string;
  let other: string;
  const run = Date.now().toString(36);

  beforeAll(async () => {
    backend = await start(PASSWORD);
    adminToken = await login(backend.url, 'admin', PASSWORD);
    admin = caller(backend.url, adminToken);
    officer = caller(backend.url, await login(backend.url, 'officer', PASSWORD));
    managerToken = await login(backend.url, 'manager', PASSWORD);
    manager = caller(backend.url, managerToken);
    own = ((await manager('GET', '/api/enterprises')).body as { items: { id: string }[] }).items[0].id;
    const all = ((await admin('GET', '/api/enterprises?pageSize=100')).body as { items: { id: string }[] })
      .items;
    other = all.find((e) => e.id !== own)!.id;
  });

  afterAll(async () => {
    await backend?.stop();
  });

  const addEvent = async (subject: 'enterprises' | 'parcels', id: string, summary: string) => {
    const res = await admin('POST', `/api/${subject}/${id}/events`, {
      type: 'industry-agreement',
      occurredOn: '2026-11-20',
      summary,
    });
    expect(res.status).toBe(201);
    return (res.body as Event).id;
  };
  const download = (path: string, token: string) =>
    fetch(`${backend.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const audit = async (enterpriseId: string) =>
    (
      (await admin('GET', `/api/enterprises/${enterpriseId}/audit?pageSize=20`)).body as {
        items: AuditItem[];
      }
    ).items;

  it('attaches a PDF to an enterprise’s 产业协议, lists it with the timeline, serves it back byte for byte, audited', async () => {
    const eventId = await addEvent('enterprises', other, `入园协议 ${run}`);
    const path = `/api/enterprises/${other}/events/${eventId}/documents`;
    const res = await admin('POST', path, form(PDF, '入园协议.pdf'));
    expect(res.status).toBe(201);
    const doc = res.body as Doc;
    expect(doc).toMatchObject({
      filename: '入园协议.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      uploadedBy: 'admin',
    });

    const timeline = (await admin('GET', `/api/enterprises/${other}/events`)).body as Event[];
    expect(timeline.find((e) => e.id === eventId)?.documents).toEqual([
      expect.objectContaining({ id: doc.id, filename: '入园协议.pdf', size: PDF.length }),
    ]);

    const got = await download(`${path}/${doc.id}`, adminToken);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('入园协议.pdf')}`,
    );
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);

    const [entry] = await audit(other);
    expect(entry).toMatchObject({ entityType: 'event-document', entityId: doc.id, action: 'create' });
    expect(entry.changes).not.toHaveProperty('content');
    expect(entry.changes.filename).toEqual({ from: null, to: '入园协议.pdf' });
  });

  it('takes a Word document, and refuses no file, text named .pdf, a plain ZIP named .docx and over 10 MB (413)', async () => {
    const eventId = await addEvent('enterprises', other, `股权变更 ${run}`);
    const path = `/api/enterprises/${other}/events/${eventId}/documents`;
    const word = await admin('POST', path, form(DOCX, '股东会决议.docx', 'application/octet-stream'));
    expect(word.status).toBe(201);
    expect((word.body as Doc).contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );

    const none = await admin('POST', path, new FormData());
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ field: 'file' });

    const text = await admin('POST', path, form(Buffer.from('not an agreement'), 'fake.pdf'));
    expect(text.status).toBe(400);
    expect((text.body as { message: string }).message).toContain(
      '仅接受 PDF、JPEG、PNG、Word (.docx) 或 Excel',
    );

    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('\0payload.exe\0')]);
    expect((await admin('POST', path, form(zip, 'agreement.docx'))).status).toBe(400);

    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    PDF.copy(big);
    const tooBig = await admin('POST', path, form(big, 'big.pdf'));
    expect(tooBig.status).toBe(413);
    expect((tooBig.body as { message: string }).message).toContain('文件不得超过 10 MB');

    const timeline = (await admin('GET', `/api/enterprises/${other}/events`)).body as Event[];
    expect(timeline.find((e) => e.id === eventId)?.documents.map((d) => d.filename)).toEqual([
      '股东会决议.docx',
    ]);
  });

  it('lets the energy manager read their own enterprise’s documents only, and no one but the admin write', async () => {
    const mine = await addEvent('enterprises', own, `租赁合同 ${run}`);
    const theirs = await addEvent('enterprises', other, `协议 ${run}`);
    const minePath = `/api/enterprises/${own}/events/${mine}/documents`;
    const theirsPath = `/api/enterprises/${other}/events/${theirs}/documents`;
    const myDoc = (await admin('POST', minePath, form(PDF, 'lease.pdf'))).body as Doc;
    const theirDoc = (await admin('POST', theirsPath, form(PDF, 'deal.pdf'))).body as Doc;

    const read = await download(`${minePath}/${myDoc.id}`, managerToken);
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await download(`${theirsPath}/${theirDoc.id}`, managerToken)).status).toBe(404);
    // Another enterprise's event under the manager's own enterprise is not theirs either.
    expect(
      (await manager('GET', `/api/enterprises/${own}/events/${theirs}/documents/${theirDoc.id}`)).status,
    ).toBe(404);

    expect((await officer('POST', theirsPath, form(PDF, 'x.pdf'))).status).toBe(403);
    expect((await officer('DELETE', `${theirsPath}/${theirDoc.id}`)).status).toBe(403);
    expect((await manager('POST', minePath, form(PDF, 'x.pdf'))).status).toBe(403);
    expect((await manager('DELETE', `${minePath}/${myDoc.id}`)).status).toBe(403);
  });

  it('does the same on a parcel’s timeline, and removes a document (audited) while the event stays', async () => {
    const parcel = await backend.records.getRepository(LandParcelEntity).findOneOrFail({ where: {} });
    const eventId = await addEvent('parcels', parcel.id, `用地协议 ${run}`);
    const path = `/api/parcels/${parcel.id}/events/${eventId}/documents`;
    const doc = (await admin('POST', path, form(PDF, '用地协议.pdf'))).body as Doc;
    const timeline = (await admin('GET', `/api/parcels/${parcel.id}/events`)).body as Event[];
    expect(timeline.find((e) => e.id === eventId)?.documents.map((d) => d.id)).toEqual([doc.id]);
    const got = await download(`${path}/${doc.id}`, adminToken);
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    // Not reachable through another subject's path.
    expect(
      (await admin('GET', `/api/enterprises/${other}/events/${eventId}/documents/${doc.id}`)).status,
    ).toBe(404);

    expect((await admin('DELETE', `${path}/${doc.id}`)).status).toBe(204);
    expect((await admin('GET', `${path}/${doc.id}`)).status).toBe(404);
    const after = (await admin('GET', `/api/parcels/${parcel.id}/events`)).body as Event[];
    expect(after.find((e) => e.id === eventId)?.documents).toEqual([]);
    if (parcel.enterpriseId)
      expect((await audit(parcel.enterpriseId))[0]).toMatchObject({
        entityType: 'event-document',
        entityId: doc.id,
        action: 'delete',
      });
  });
});
