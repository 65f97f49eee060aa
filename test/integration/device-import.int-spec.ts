/**
 * Bulk device import from a spreadsheet (POST /api/imports/devices), in both modes the product runs in (SQLite and
 * PostgreSQL): three devices created with their MQTT credentials returned once, kept only as hashes, audited; the
 * same file again changes nothing and rotates no credential; a file with an unknown enterprise, a duplicate device
 * id or a bad kind is refused with its reasons; an energy manager may not import; the export (no secrets) imports
 * back unchanged. On PostgreSQL with a real Mosquitto whose files MosquittoAuthSync keeps in step with the
 * records: the broker files are rewritten once for the import, and a device connects and publishes with the
 * credentials the import returned.
 */
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import mqtt, { type MqttClient } from 'mqtt';
import type { IPubackPacket } from 'mqtt-packet';
import { verifyDeviceSecret } from '@park/auth';
import { telemetryTopic, type DeviceCredentials, type ImportReport } from '@park/contracts';
import { AuditEntryEntity, DeviceEntity, EnterpriseEntity, seedDemoPark } from '@park/records';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { MosquittoAuthSync } from '../../scripts/mosquitto-auth-sync';
import { API_BACKENDS, type ApiBackend } from '../security/support/api-backends';
import { startMosquitto, type MosquittoInstance } from '../support/mosquitto-instance';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'device-import-demo-password';
const HEADER =
  '设备编号,设备名称,所属企业信用代码,设备类型,电表用途,生产线,安装位置,排放限值（JSON）,基准氧含量（%）\n';

const file = (text: string, name = 'devices.csv') => {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), name);
  return form;
};

/** Three devices of one enterprise: a production meter, a boiler's CEMS with its permit, a temperature sensor. */
function threeDevices(
  run: string,
  creditCode: string,
  names = ['1号线电表', '1号锅炉烟气', '反应釜温度'],
): string {
  return (
    HEADER +
    `imp-${run}-meter,${names[0]},${creditCode},电能表,生产,L1,配电房,,\n` +
    `imp-${run}-cems,${names[1]},${creditCode},烟气在线监测(CEMS),,,DA001 排放口,"{""so2"":50,""nox"":150}",3.5\n` +
    `imp-${run}-temp,${names[2]},${creditCode},temperature,,L1,反应釜 R-101,,\n`
  );
}

async function creditCodes(records: DataSource): Promise<[string, string]> {
  const [a, b] = await records
    .getRepository(EnterpriseEntity)
    .find({ order: { creditCode: 'ASC' }, take: 2 });
  return [a.creditCode, b.creditCode];
}

describe.each(API_BACKENDS)('bulk device import (%s)', (_mode, start) => {
  let backend: ApiBackend;
  let admin: Caller;
  let adminToken: string;
  let codeA: string;
  let codeB: string;
  const run = Math.random().toString(36).slice(2, 8);
  const ids = [`imp-${run}-meter`, `imp-${run}-cems`, `imp-${run}-temp`];
  const devices = () => backend.records.getRepository(DeviceEntity).find({ where: { id: In(ids) } });

  beforeAll(async () => {
    backend = await start(PASSWORD);
    adminToken = await login(backend.url, 'admin', PASSWORD);
    admin = caller(backend.url, adminToken);
    [codeA, codeB] = await creditCodes(backend.records);
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('dry-runs the file: three devices would be created, nothing is written and no credential issued', async () => {
    const res = await admin('POST', '/api/imports/devices?dryRun=true', file(threeDevices(run, codeA)));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'devices', rows: 3, created: 3, errors: [] });
    expect(res.body).not.toHaveProperty('credentials');
    expect(await devices()).toEqual([]);
  });

  let issued: DeviceCredentials[] = [];

  it('imports three devices and returns their credentials once, stored only as hashes and audited', async () => {
    const res = await admin('POST', '/api/imports/devices', file(threeDevices(run, codeA)));
    expect(res.status).toBe(201);
    const report = res.body as ImportReport;
    expect(report).toMatchObject({ created: 3, updated: 0, unchanged: 0, skipped: 0, errors: [] });
    issued = report.credentials ?? [];
    expect(issued.map((c) => c.username).sort()).toEqual([...ids].sort());
    const stored = await devices();
    expect(stored).toHaveLength(3);
    for (const c of issued) {
      const device = stored.find((d) => d.id === c.username)!;
      expect(c.telemetryTopic).toBe(telemetryTopic(c.username));
      expect(device.credentialHash).not.toContain(c.password);
      expect(await verifyDeviceSecret(c.password, device.credentialHash!)).toBe(true);
    }
    const cems = stored.find((d) => d.id === ids[1])!;
    expect(cems).toMatchObject({
      kind: 'stack-gas',
      permitLimits: { so2: 50, nox: 150 },
      permitO2Reference: 3.5,
    });
    expect(stored.find((d) => d.id === ids[0])).toMatchObject({ kind: 'power-meter', role: 'production' });
    const audits = await backend.records
      .getRepository(AuditEntryEntity)
      .find({ where: { entityType: 'device', entityId: In(ids), action: 'create' } });
    expect(audits.map((a) => a.actor)).toEqual(['admin', 'admin', 'admin']);
  });

  it('imports the same file again without changes and without rotating a credential', async () => {
    const hashes = new Map((await devices()).map((d) => [d.id, d.credentialHash]));
    const auditsBefore = await backend.records.getRepository(AuditEntryEntity).count();
    const again = await admin('POST', '/api/imports/devices', file(threeDevices(run, codeA)));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, credentials: [] });
    expect(await backend.records.getRepository(AuditEntryEntity).count()).toBe(auditsBefore);

    const renamed = await admin(
      'POST',
      '/api/imports/devices',
      file(threeDevices(run, codeA, ['1号线总电表', '1号锅炉烟气', '反应釜温度'])),
    );
    expect(renamed.body).toMatchObject({ created: 0, updated: 1, unchanged: 2, credentials: [] });
    for (const d of await devices()) expect(d.credentialHash).toBe(hashes.get(d.id));
    expect((await devices()).find((d) => d.id === ids[0])?.name).toBe('1号线总电表');
  });

  it('refuses a file with an unknown enterprise, a duplicate device id and a bad kind, giving each reason', async () => {
    const text =
      HEADER +
      `imp-${run}-x1,新电表,91320681MA1NOSUCH1,电能表,综合,,,,\n` +
      `imp-${run}-x2,新电表,${codeA},电能表,综合,,,,\n` +
      `imp-${run}-x2,重复,${codeA},电能表,综合,,,,\n` +
      `imp-${run}-x3,水表,${codeA},水表,,,,,\n` +
      `${ids[0]},换企业,${codeB},电能表,生产,,,,\n` +
      `imp-${run}-x4,无用途电表,${codeA},电能表,,,,,\n`;
    const res = await admin('POST', '/api/imports/devices', file(text));
    expect(res.status).toBe(422);
    const { errors } = (res.body as { report: ImportReport }).report;
    expect(errors).toEqual([
      { line: 2, column: '所属企业信用代码', reason: 'no enterprise with credit code 91320681MA1NOSUCH1' },
      { line: 4, column: '设备编号', reason: 'duplicate of line 3' },
      { line: 5, column: '设备类型', reason: '"水表" is not a device kind' },
      {
        line: 6,
        column: '所属企业信用代码',
        reason: `device ${ids[0]} belongs to another enterprise; a device cannot move between enterprises`,
      },
      {
        line: 7,
        column: '电表用途',
        reason: 'a power meter needs a role (production, pollution-control or general)',
      },
    ]);
    expect(
      await backend.records
        .getRepository(DeviceEntity)
        .countBy({ id: In([`imp-${run}-x1`, `imp-${run}-x2`]) }),
    ).toBe(0);

    // Importing the valid rows anyway: only line 3 is created, with its credential.
    const partial = await admin('POST', '/api/imports/devices?importValidRows=true', file(text));
    expect(partial.body).toMatchObject({ created: 1, skipped: 5 });
    expect((partial.body as ImportReport).credentials?.map((c) => c.username)).toEqual([`imp-${run}-x2`]);
  });

  it('refuses an energy manager', async () => {
    const manager = caller(backend.url, await login(backend.url, 'manager', PASSWORD));
    const res = await manager('POST', '/api/imports/devices', file(threeDevices(run, codeA)));
    expect(res.status).toBe(403);
  });

  it('exports the devices without secrets, and the XLSX export imports back unchanged', async () => {
    const csv = await fetch(`${backend.url}/api/exports/devices?format=csv`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text.split('\r\n')[0]).toContain('设备编号,设备名称,所属企业信用代码,设备类型');
    expect(text).toContain(`${ids[1]},1号锅炉烟气,${codeA},烟气在线监测(CEMS)`);
    expect(text).not.toContain('$7$');
    for (const c of issued) expect(text).not.toContain(c.password);

    const res = await fetch(`${backend.url}/api/exports/devices?format=xlsx`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const buffer = Buffer.from(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(book.worksheets[0].getRow(1).getCell(1).text).toBe('设备编号');
    const form = new FormData();
    form.append('file', new Blob([buffer]), 'devices.xlsx');
    const back = await admin('POST', '/api/imports/devices', form);
    expect(back.body).toMatchObject({ created: 0, updated: 0, errors: [], credentials: [] });
    expect(back.status).toBe(201);
  });
});

describe('imported devices on a real Mosquitto whose files follow the records (PostgreSQL)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let admin: Caller;
  let mosquitto: MosquittoInstance;
  let sync: MosquittoAuthSync;
  let reloads = 0;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('devimp');
    await seedDemoPark(env.records, PASSWORD);
    const api = await startRecordsApi(env);
    app = api.app;
    admin = caller(api.url, await login(api.url, 'admin', PASSWORD));
    mosquitto = await startMosquitto({
      auth: { passwordFile: '', aclFile: '', servicePasswordFile: '', serviceAclFile: '' },
    });
    sync = new MosquittoAuthSync(
      env.records,
      env.databaseUrl,
      mosquitto.dir,
      'devimport-ingestion-secret',
      () => {
        reloads++;
        process.kill(mosquitto.pid, 'SIGHUP');
      },
    );
    await sync.start();
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await sync?.close();
    await mosquitto?.stop();
    await app?.close();
    await env?.teardown();
  });

  async function connect(c: DeviceCredentials): Promise<MqttClient> {
    const client = mqtt.connect(mosquitto.url, {
      username: c.username,
      password: c.password,
      protocolVersion: 5,
      reconnectPeriod: 0,
    });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    return client;
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('rewrites the broker files once for the import, and a device publishes with the credentials returned', async () => {
    const [codeA] = await creditCodes(env.records);
    const run = env.runId.slice(-6);
    expect(reloads).toBe(1); // the start
    const res = await admin('POST', '/api/imports/devices', file(threeDevices(run, codeA)));
    expect(res.status).toBe(201);
    const credentials = (res.body as ImportReport).credentials!;
    expect(credentials).toHaveLength(3);
    await until(() => reloads >= 2, 'the broker files to be rewritten');

    const meter = credentials.find((c) => c.username.endsWith('-meter'))!;
    const client = await connect(meter);
    const ack = (await client.publishAsync(telemetryTopic(meter.username), '{}', { qos: 1 })) as
      IPubackPacket | undefined;
    expect(ack?.reasonCode ?? 0).toBe(0);
    for (const c of credentials.filter((x) => x !== meter)) await expect(connect(c)).resolves.toBeDefined();

    // A marker change after the import: its rewrite is the next one, so the import's three rows made exactly one.
    expect((await admin('POST', `/api/devices/${meter.username}/disable`)).status).toBe(200);
    await until(() => reloads >= 3, 'the rewrite for the disabled device');
    expect(reloads).toBe(3);
  });
});
