/**
 * An energy manager gets nothing of another enterprise from any endpoint: every REST route of the API (the same
 * walk as routes-declare-access) is called as the demo chemical plant's manager, with each path parameter set to a
 * record of the demo machinery plant and the query trying to widen the scope; no answer may carry anything of it.
 */
import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import {
  CarrierEntity,
  DeviceEntity,
  EnterpriseEntity,
  EnterpriseRecords,
  EnterpriseIndicatorEntity,
  LandParcelEntity,
  CarrierTenancyEntity,
  ProjectEntity,
  ProjectMilestoneEntity,
  RecordEventEntity,
  seedDemoPark,
} from '@park/records';
import { In } from 'typeorm';
import { API_CONTROLLERS } from '../../apps/api/src/api.module';
import { SOURCE_KEY_KEY } from '../../apps/api/src/auth/auth.decorators';
import { caller, login, startRecordsApi } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'isolation-test-password';

function routes(): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  for (const controller of API_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller));
    const proto = controller.prototype as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      // A source system's route (the exchange's inbound figures) takes a source key, never a user's session: it
      // answers every user 401 by design, and test/security walks it with keys (route-walk.sec-spec.ts).
      if (Reflect.getMetadata(SOURCE_KEY_KEY, handler) === true) continue;
      out.push({
        method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number],
        path: `/${base}/${path}`.replace(/\/+$/, '').replace(/\/\//g, '/'),
      });
    }
  }
  return out;
}

describe('tenant isolation: an energy manager sees nothing of another enterprise', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let managerToken: string;
  let own: EnterpriseEntity;
  let other: EnterpriseEntity;
  /** Strings that identify the other enterprise or its records. */
  let secrets: string[];
  let params: Record<string, string[]>;

  beforeAll(async () => {
    env = await createTestEnvironment('isolation');
    await seedDemoPark(env.records, PASSWORD);
    ({ app, url } = await startRecordsApi(env));
    const enterprises = env.records.getRepository(EnterpriseEntity);
    own = await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' });
    other = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });
    // Give the other enterprise a tenancy too, so carrier routes have something of it to leak.
    const carrier = await env.records.getRepository(CarrierEntity).find({ order: { code: 'ASC' }, take: 1 });
    await env.records.getRepository(CarrierTenancyEntity).insert({
      carrierId: carrier[0].id,
      enterpriseId: other.id,
      areaM2: 100,
      startDate: '2024-01-01',
      endDate: null,
      admission: 'encouraged',
      overrideNote: null,
      createdBy: 'test',
    });
    const devices = await env.records.getRepository(DeviceEntity).findBy({ enterpriseId: other.id });
    const parcels = await env.records.getRepository(LandParcelEntity).findBy({ enterpriseId: other.id });
    const events = await env.records.getRepository(RecordEventEntity).findBy({ enterpriseId: other.id });
    const indicators = await env.records
      .getRepository(EnterpriseIndicatorEntity)
      .findBy({ enterpriseId: other.id });
    // The demo park gives the other enterprise a 重点项目 with milestones.
    const projects = await env.records.getRepository(ProjectEntity).findBy({ enterpriseId: other.id });
    const milestones = await env.records
      .getRepository(ProjectMilestoneEntity)
      .findBy({ projectId: In(projects.map((p) => p.id)) });
    // A document on one of the other enterprise's events, for the event-document routes to leak.
    const otherDocument = await new EnterpriseRecords(env.records).eventDocuments.add(
      { username: 'test' },
      events[0],
      {
        filename: '精密机械股权变更材料.pdf',
        contentType: 'application/pdf',
        content: Buffer.from('%PDF-1.4\n'),
      },
    );
    secrets = [
      otherDocument.id,
      otherDocument.filename,
      other.id,
      other.name,
      other.creditCode,
      ...devices.map((d) => d.id),
      ...parcels.flatMap((p) => [p.id, p.code]),
      ...events.map((e) => e.id),
      ...indicators.map((i) => i.id),
      ...projects.flatMap((p) => [p.id, p.name]),
      ...milestones.flatMap((m) => [m.id, m.title]),
    ];
    expect(devices.length).toBeGreaterThan(0);
    expect(milestones.length).toBeGreaterThan(0);
    expect(parcels.length).toBeGreaterThan(0);
    params = {
      id: [other.id, parcels[0].id, devices[0].id, carrier[0].id, projects[0].id],
      milestoneId: [milestones[0].id],
      eventId: events.map((e) => e.id),
      eventDocumentId: [otherDocument.id],
      tenancyId: ['00000000-0000-4000-8000-000000000000'],
      year: ['2024'],
      kind: ['enterprises', 'indicators', 'parcels', 'carriers'],
      code: ['3499'],
      indicator: ['carrier-occupancy'],
    };
    managerToken = await login(url, 'manager', PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('sees its own enterprise (the walk below is not vacuous)', async () => {
    const res = await caller(url, managerToken)('GET', '/api/enterprises');
    expect(res.status).toBe(200);
    expect((res.body as { items: EnterpriseEntity[] }).items.map((e) => e.id)).toEqual([own.id]);
    const devices = await caller(url, managerToken)('GET', '/api/devices?pageSize=500');
    expect((devices.body as { items: DeviceEntity[] }).items.every((d) => d.enterpriseId === own.id)).toBe(
      true,
    );
  });

  it('walks every route and finds nothing of the other enterprise in any answer', async () => {
    const call = caller(url, managerToken);
    const scopeEscape = `year=2024&from=2023&to=2024&enterpriseId=${other.id}&q=${encodeURIComponent('精密机械')}&pageSize=500`;
    const leaks: string[] = [];
    let calls = 0;
    // Logging out ends the caller's own session: every route walked after it would answer 401 and the walk would
    // prove nothing. Logout is walked by test/security (tokens.sec-spec.ts) with sessions of its own.
    const walked = routes().filter((r) => !(r.method === 'POST' && r.path === '/api/auth/logout'));
    let answered = 0;
    for (const route of walked) {
      const names = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      // Every combination of candidate values for the route's parameters (at most a handful each).
      let paths = [route.path];
      for (const name of names) {
        const values = params[name] ?? ['00000000-0000-4000-8000-000000000000'];
        paths = paths.flatMap((p) => values.map((v) => p.replace(`:${name}`, encodeURIComponent(v))));
      }
      for (const path of paths) {
        const res = await call(
          route.method,
          `${path}?${scopeEscape}`,
          route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        );
        calls++;
        if (res.status !== 401) answered++;
        expect([route.method, path, res.status < 500]).toEqual([route.method, path, true]);
        // A 404 that echoes the id the caller sent discloses nothing: only what the caller did not send counts.
        for (const s of secrets)
          if (!decodeURIComponent(path).includes(s) && res.text.includes(s))
            leaks.push(`${route.method} ${path} → ${res.status} contains ${s}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(50);
    // The session stayed live through the walk: every call was judged as the manager, not refused as nobody.
    expect(answered).toBe(calls);
  });

  it("answers another enterprise's record exactly like one that does not exist", async () => {
    const call = caller(url, managerToken);
    const theirs = await call('GET', `/api/enterprises/${other.id}`);
    const nobody = await call('GET', '/api/enterprises/00000000-0000-4000-8000-000000000000');
    expect(theirs.status).toBe(404);
    expect(nobody.status).toBe(404);
    expect(Object.keys(theirs.body as object).sort()).toEqual(Object.keys(nobody.body as object).sort());
  });
});
