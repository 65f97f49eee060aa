/**
 * The records' contract (DESIGN.md "Two ways to run"): the same cases against PostgreSQL (microservices) and SQLite
 * (standalone), so the two cannot drift apart. Each run gets its own PostgreSQL database and its own SQLite file,
 * both removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { QueryFailedError, type DataSource } from 'typeorm';
import type { AlertEvent } from '@park/contracts';
import {
  AlertEntity,
  AlertEventEntity,
  AlertOutbox,
  AlertRepository,
  AuditEntryEntity,
  CarrierEntity,
  creditCodeCheckChar,
  DeviceAdmin,
  DeviceChangeListener,
  DeviceEntity,
  DeviceRepository,
  EnterpriseEntity,
  EnterpriseRecords,
  openRecords,
  RuleRepository,
  RuleStateConflictError,
  RuleStateRepository,
  ruleStateKey,
  seedDemoPark,
  UserAdmin,
  UserEntity,
  UserRepository,
  WebhookRepository,
  type TriggerInput,
} from '@park/records';
import { subjectKey } from '@park/rules-engine';
import { waitFor } from '../support/wait-for';

const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ACTOR = { username: 'contract-test' };
const MINUTE = 60_000;
const POLICY = { critical: 5 * MINUTE, warning: 15 * MINUTE, info: 60 * MINUTE };

/** A database of one dialect for this run: where it is, and how to remove it. */
interface Backend {
  readonly url: string;
  readonly migrate: boolean;
  drop(): Promise<void>;
}

async function postgresBackend(): Promise<Backend> {
  const dbName = `park_test_contract_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  return {
    url: PG_ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`),
    migrate: true,
    async drop() {
      const pg = new Client({ connectionString: PG_ADMIN_URL });
      await pg.connect();
      await pg.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await pg.end();
    },
  };
}

function sqliteBackend(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'park-records-contract-'));
  return Promise.resolve({
    url: `sqlite:${join(dir, 'park.db')}`,
    migrate: false,
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  });
}

const creditCode = (n: number) => {
  const body = `91320681MA1CT${String(n).padStart(4, '0')}`;
  return body + creditCodeCheckChar(body);
};

describe.each([
  ['PostgreSQL', postgresBackend],
  ['SQLite', sqliteBackend],
] as const)('records contract on %s', (dialect, createBackend) => {
  let backend: Backend;
  let records: DataSource;
  let enterpriseId: string;
  let ruleId: string;
  const deviceId = `ct-gas-${dialect.toLowerCase()}`;
  let nextSubject = 0;

  beforeAll(async () => {
    backend = await createBackend();
    records = await openRecords(backend.url, { migrate: backend.migrate });
    const enterprise = await new EnterpriseRecords(records).store.create(ACTOR, {
      name: '启东合约测试化工有限公司',
      creditCode: creditCode(1),
      contactName: '张工',
      contactPhone: '0513-8000 0001',
    });
    enterpriseId = enterprise.id;
    await new DeviceAdmin(records).create(ACTOR, {
      id: deviceId,
      enterpriseId,
      name: '车间可燃气体探测器',
      kind: 'combustible-gas',
      expectedIntervalS: 10,
    });
    const rule = await new RuleRepository(records).create({
      kind: 'threshold',
      name: { zh: '可燃气体浓度', en: 'Combustible gas' },
      deviceKind: 'combustible-gas',
      metric: 'lel',
      params: { warn: 20, alarm: 50 },
      autoResolve: true,
      enabled: true,
      source: 'GB/T 50493-2019',
    });
    ruleId = rule.id;
  });

  afterAll(async () => {
    if (records?.isInitialized) await records.destroy();
    await backend?.drop();
  });

  /** A trigger for a fresh subject (line alerts: no device row needed), so cases do not see each other's alerts. */
  function trigger(overrides: Partial<TriggerInput> = {}): TriggerInput {
    return {
      ruleId,
      subjectType: 'line',
      subjectId: `line-${(nextSubject += 1)}`,
      deviceId,
      enterpriseId,
      metric: 'lel',
      unit: '%LEL',
      level: 1,
      severity: 'warning',
      change: 'opened',
      value: 25,
      limit: 20,
      readingTs: Date.UTC(2025, 0, 31, 8, 0, 0, 123),
      at: Date.UTC(2025, 0, 31, 8, 0, 0, 456),
      explanation: { zh: '可燃气体浓度超过 20 %LEL', en: 'Combustible gas above 20 %LEL' },
      repeatEventEveryMs: 0,
      ...overrides,
    };
  }

  async function open(input: TriggerInput): Promise<AlertEvent> {
    const alerts = new AlertRepository(records);
    const event = await alerts.transaction((em) => alerts.triggerIn(em, input));
    if (!event) throw new Error('no event');
    return event;
  }

  describe('enterprises, devices and users', () => {
    it('creates, finds, searches (Chinese, ASCII case-insensitive) and soft-deletes enterprises', async () => {
      const enterprises = new EnterpriseRecords(records);
      const acme = await enterprises.store.create(ACTOR, {
        name: 'Acme Widgets 启东有限公司',
        creditCode: creditCode(2),
        industryCode: '3982',
        cultivation: ['listed'],
      });
      expect(acme.cultivation).toEqual(['listed']);
      expect(acme.createdAt).toBeInstanceOf(Date);
      const page = { page: 1, pageSize: 50 };
      const names = async (filter: Parameters<EnterpriseRecords['list']>[0]) =>
        (await enterprises.list(filter, page)).items.map((e) => e.name);

      expect(await names({ q: '合约测试' })).toEqual(['启东合约测试化工有限公司']);
      expect(await names({ q: 'ACME widgets' })).toEqual(['Acme Widgets 启东有限公司']);
      expect(await names({ q: '100%' })).toEqual([]);
      expect(await names({ industry: '39' })).toEqual(['Acme Widgets 启东有限公司']);
      expect(await names({ library: 'listed' })).toEqual(['Acme Widgets 启东有限公司']);

      const renamed = await enterprises.store.update(ACTOR, acme.id, { name: 'Acme 精密 启东有限公司' });
      expect(renamed.name).toBe('Acme 精密 启东有限公司');
      const audit = await enterprises.audit({ entityType: 'enterprise', entityId: acme.id }, page);
      expect(audit.items.map((a) => a.action)).toEqual(['update', 'create']);
      expect(audit.items[0].changes.name).toEqual({
        from: 'Acme Widgets 启东有限公司',
        to: 'Acme 精密 启东有限公司',
      });

      await expect(
        enterprises.store.create(ACTOR, { name: '重复', creditCode: creditCode(2) }),
      ).rejects.toMatchObject({ code: 'RECORD_CONFLICT' });
      await enterprises.store.softDelete(ACTOR, acme.id);
      expect(await names({ q: 'acme' })).toEqual([]);
      expect((await enterprises.findByCreditCode(creditCode(2)))?.deletedAt).toBeInstanceOf(Date);
    });

    it('keeps Dates to the millisecond, JSON objects and numbers as they were written', async () => {
      const at = new Date(Date.UTC(2025, 5, 30, 23, 59, 59, 987));
      await records
        .getRepository(DeviceEntity)
        .update(
          { id: deviceId },
          { credentialIssuedAt: at, permitLimits: { so2: 50, nox: 150.5 }, normalKw: 212.75 },
        );
      const device = await records.getRepository(DeviceEntity).findOneByOrFail({ id: deviceId });
      expect(device.credentialIssuedAt?.toISOString()).toBe(at.toISOString());
      expect(device.permitLimits).toEqual({ so2: 50, nox: 150.5 });
      expect(device.normalKw).toBe(212.75);
      expect(device.enabled).toBe(true);
      const found = await records
        .getRepository(DeviceEntity)
        .createQueryBuilder('d')
        .where('d.credential_issued_at = :at', { at })
        .getMany();
      expect(found.map((d) => d.id)).toEqual([deviceId]);
      const [{ devices }] = await records
        .getRepository(AuditEntryEntity)
        .createQueryBuilder('a')
        .select('count(*)', 'devices')
        .where('a.at >= :since', { since: new Date(Date.now() - MINUTE) })
        .getRawMany<{ devices: string | number }>();
      expect(Number(devices)).toBeGreaterThan(0);
      const rules = await new RuleRepository(records).devices();
      expect(rules.find((d) => d.id === deviceId)?.permitLimits).toEqual({ so2: 50, nox: 150.5 });
    });

    it('administers devices: search, profile, disable, refuse an unknown enterprise', async () => {
      const admin = new DeviceAdmin(records);
      const page = { page: 1, pageSize: 50 };
      expect((await admin.list({ q: 'CT-GAS' }, page)).items.map((d) => d.id)).toEqual([deviceId]);
      expect((await admin.list({ q: '可燃气体' }, page)).items.map((d) => d.id)).toEqual([deviceId]);
      expect((await admin.list({ enabled: false }, page)).items).toEqual([]);
      const devices = new DeviceRepository(records);
      expect(await devices.findProfile(deviceId)).toMatchObject({
        enterpriseName: '启东合约测试化工有限公司',
        contactName: '张工',
        enabled: true,
      });
      expect(await devices.setEnabled(deviceId, false)).toBe(true);
      expect((await admin.list({ enabled: false }, page)).items.map((d) => d.id)).toEqual([deviceId]);
      expect(await devices.setEnabled(deviceId, true)).toBe(true);
      expect(await devices.setEnabled('no-such-device', true)).toBe(false);
      await expect(
        admin.create(ACTOR, {
          id: 'ct-orphan',
          enterpriseId: '00000000-0000-4000-8000-000000000000',
          name: 'x',
          kind: 'combustible-gas',
        }),
      ).rejects.toMatchObject({ code: 'RECORD_CONFLICT' });
    });

    it('creates, upserts and searches users', async () => {
      const users = new UserRepository(records);
      await users.upsert({
        username: 'Officer.Wang',
        displayName: '王值班',
        passwordHash: 'h1',
        role: 'officer',
        enterpriseId: null,
      });
      await users.upsert({
        username: 'Officer.Wang',
        displayName: '王值班',
        passwordHash: 'h2',
        role: 'admin',
        enterpriseId: null,
      });
      expect(await users.findByUsername('Officer.Wang')).toMatchObject({ role: 'admin', passwordHash: 'h2' });
      const admin = new UserAdmin(records);
      await admin.create(ACTOR, {
        username: 'manager.li',
        displayName: '李能源',
        passwordHash: 'h',
        role: 'energy-manager',
        enterpriseId,
        disabled: false,
      });
      const page = { page: 1, pageSize: 50 };
      expect((await admin.list({ q: 'officer' }, page)).items.map((u) => u.username)).toEqual([
        'Officer.Wang',
      ]);
      expect((await admin.list({ q: '能源' }, page)).items.map((u) => u.username)).toEqual(['manager.li']);
      expect(await records.getRepository(UserEntity).count()).toBe(2);
    });
  });

  describe('alerts', () => {
    it('opens, raises, acknowledges and resolves an alert, each step an event', async () => {
      const alerts = new AlertRepository(records);
      const input = trigger();
      const opened = await open(input);
      expect(opened.type).toBe('opened');
      expect(opened.alert).toMatchObject({ status: 'open', count: 1, value: 25, subjectType: 'line' });
      expect(opened.alert.openedAt).toBe(input.at);

      const again = await alerts.transaction((em) =>
        alerts.triggerIn(em, { ...input, value: 40, readingTs: input.readingTs + 1000, at: input.at + 1000 }),
      );
      expect(again).toBeNull();
      const escalated = await open({
        ...input,
        level: 2,
        severity: 'critical',
        change: 'escalated',
        value: 60,
        limit: 50,
        at: input.at + 2000,
      });
      expect(escalated).toMatchObject({
        type: 'escalated',
        alert: { id: opened.alert.id, count: 3, level: 2 },
      });

      const ack = await alerts.acknowledge(opened.alert.id, 'officer', input.at + 3000);
      expect(ack.alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'officer' });
      await expect(alerts.acknowledge(opened.alert.id, 'officer', input.at + 4000)).rejects.toThrow(
        /only an open alert/,
      );
      const resolved = await alerts.resolve(opened.alert.id, 'officer', '已处置', input.at + 5000);
      expect(resolved.alert).toMatchObject({ status: 'resolved', resolvedAt: input.at + 5000 });

      const trail = await alerts.trail(opened.alert.id);
      expect(trail.map((e) => e.type)).toEqual(['opened', 'escalated', 'acknowledged', 'resolved']);
      expect(trail.map((e) => e.seq)).toEqual([...trail.map((e) => e.seq)].sort((a, b) => a - b));
      expect(await alerts.eventsAfter(trail[1].seq, enterpriseId, 10)).toEqual(trail.slice(2));

      // Resolved: the next trigger of the same subject opens a new alert.
      const reopened = await open({ ...input, at: input.at + 6000, readingTs: input.readingTs + 6000 });
      expect(reopened.type).toBe('opened');
      expect(reopened.alert.id).not.toBe(opened.alert.id);
      const listed = await alerts.list({ subjectId: input.subjectId, limit: 10 });
      expect(listed.map((a) => a.status)).toEqual(['open', 'resolved']);
      expect(
        (await alerts.list({ subjectId: input.subjectId, from: input.at + 5500, limit: 10 })).map(
          (a) => a.id,
        ),
      ).toEqual([reopened.alert.id]);
    });

    it('lets the database refuse a second unresolved alert for the same rule and subject', async () => {
      const input = trigger();
      const opened = await open(input);
      const repo = records.getRepository(AlertEntity);
      const { id: _id, ...copy } = await repo.findOneByOrFail({ id: opened.alert.id });
      await expect(repo.save(repo.create(copy))).rejects.toThrow(QueryFailedError);
      await expect(repo.save(repo.create({ ...copy, status: 'resolved' }))).resolves.toMatchObject({
        status: 'resolved',
      });
      expect(await repo.countBy({ subjectId: input.subjectId })).toBe(2);
    });

    it('escalates an unacknowledged alert by time, then reminds', async () => {
      const alerts = new AlertRepository(records);
      const t0 = Date.UTC(2025, 1, 1, 0, 0, 0, 0);
      const opened = await open(trigger({ severity: 'critical', level: 2, at: t0, readingTs: t0 }));
      const mine = (events: AlertEvent[]) => events.filter((e) => e.alert.id === opened.alert.id);

      expect(mine(await alerts.escalateOverdue(t0 + POLICY.critical - 1, POLICY, 10 * MINUTE))).toEqual([]);
      const overdue = mine(await alerts.escalateOverdue(t0 + POLICY.critical, POLICY, 10 * MINUTE));
      expect(overdue.map((e) => e.type)).toEqual(['overdue']);
      expect(overdue[0].alert.escalatedAt).toBe(t0 + POLICY.critical);
      const tooSoon = t0 + POLICY.critical + 10 * MINUTE - 1;
      expect(mine(await alerts.escalateOverdue(tooSoon, POLICY, 10 * MINUTE))).toEqual([]);
      const reminder = mine(
        await alerts.escalateOverdue(t0 + POLICY.critical + 10 * MINUTE, POLICY, 10 * MINUTE),
      );
      expect(reminder.map((e) => e.type)).toEqual(['reminder']);

      await alerts.acknowledge(opened.alert.id, 'officer', t0 + POLICY.critical + 11 * MINUTE);
      expect(mine(await alerts.escalateOverdue(t0 + 10 * POLICY.info, POLICY, 10 * MINUTE))).toEqual([]);
    });

    it('relays the outbox in order, once', async () => {
      const outbox = new AlertOutbox(records);
      const drain = async () => {
        const published: AlertEvent[] = [];
        while (
          (await outbox.relay(100, Date.now(), (events) => Promise.resolve(void published.push(...events)))) >
          0
        );
        return published;
      };
      await drain();
      const first = await open(trigger());
      const second = await open(trigger());
      const published = await drain();
      expect(published.map((e) => e.seq)).toEqual([first.seq, second.seq]);
      expect(await drain()).toEqual([]);

      const third = await open(trigger());
      await expect(
        outbox.relay(100, Date.now(), () => Promise.reject(new Error('broker down'))),
      ).rejects.toThrow('broker down');
      expect((await drain()).map((e) => e.seq)).toEqual([third.seq]);
      const unpublished = await records
        .getRepository(AlertEventEntity)
        .createQueryBuilder('e')
        .where('e.published_at IS NULL')
        .getCount();
      expect(unpublished).toBe(0);
    });

    it('queues webhook deliveries with the alert event, and leases them to one dispatcher', async () => {
      const webhooks = new WebhookRepository(records);
      const hook = await webhooks.create({
        name: '值班群',
        url: 'http://127.0.0.1:9/hook',
        secret: 's'.repeat(32),
        severities: ['critical'],
        enabled: true,
      });
      expect(hook.severities).toEqual(['critical']);
      await open(trigger()); // a warning: not for this webhook
      const critical = await open(trigger({ severity: 'critical', level: 2 }));
      const now = Date.now();
      const due = await webhooks.claimDue(10, now + 1000, 30_000);
      expect(due).toHaveLength(1);
      expect(due[0]).toMatchObject({ webhookId: hook.id, attempts: 0, secret: 's'.repeat(32) });
      expect(due[0].payload).toMatchObject({ seq: critical.seq, type: 'opened' });
      expect(await webhooks.claimDue(10, now + 2000, 30_000)).toEqual([]);

      await webhooks.markFailed(due[0].id, 502, 'bad gateway', now + 5000, now + 2000);
      const retried = await webhooks.claimDue(10, now + 31_000 + 1000, 30_000);
      expect(retried.map((d) => [d.id, d.attempts])).toEqual([[due[0].id, 1]]);
      await webhooks.markDelivered(due[0].id, 200, now + 40_000);
      const [delivery] = await webhooks.deliveries(hook.id);
      expect(delivery).toMatchObject({ attempts: 2, lastStatus: 200, lastError: null });
      expect(delivery.deliveredAt?.getTime()).toBe(now + 40_000);
      expect(await webhooks.claimDue(10, now + 10 * MINUTE, 30_000)).toEqual([]);
      await webhooks.remove(hook.id);
    });
  });

  describe('rule state', () => {
    it('saves at version + 1, loads, and refuses a write from a stale read', async () => {
      const states = new RuleStateRepository(records);
      const alerts = new AlertRepository(records);
      const a = { ruleId, subjectKey: subjectKey({ type: 'device', id: deviceId }) };
      const b = { ruleId, subjectKey: subjectKey({ type: 'line', enterpriseId, id: 'line-1' }) };
      expect((await states.load([a, b])).size).toBe(0);

      const written = await alerts.transaction((em) =>
        states.saveIn(
          em,
          [
            { ...a, state: { window: [1, 2.5], open: null }, version: 0 },
            { ...b, state: { level: 2 }, version: 0 },
          ],
          Date.now(),
        ),
      );
      expect([...written.values()]).toEqual([1, 1]);
      const loaded = await states.load([
        a,
        b,
        { ruleId, subjectKey: subjectKey({ type: 'device', id: 'none' }) },
      ]);
      expect(loaded.get(ruleStateKey(a.ruleId, a.subjectKey))).toEqual({
        state: { window: [1, 2.5], open: null },
        version: 1,
      });
      expect((await states.loadForRules([ruleId])).size).toBe(2);

      await alerts.transaction((em) =>
        states.saveIn(em, [{ ...a, state: { window: [3] }, version: 1 }], Date.now()),
      );
      await expect(
        alerts.transaction((em) =>
          states.saveIn(em, [{ ...a, state: { stale: true }, version: 1 }], Date.now()),
        ),
      ).rejects.toBeInstanceOf(RuleStateConflictError);
      expect((await states.load([a])).get(ruleStateKey(a.ruleId, a.subjectKey))).toEqual({
        state: { window: [3] },
        version: 2,
      });
    });
  });

  describe('device changes', () => {
    it('announces a changed device, a changed enterprise contact and a deleted device', async () => {
      const heard: (string | null)[] = [];
      const listener = new DeviceChangeListener(records, (id) => heard.push(id));
      await listener.start();
      try {
        await new DeviceRepository(records).setEnabled(deviceId, true);
        await waitFor('the device change', () => heard.includes(deviceId), 10_000, 20);

        heard.length = 0;
        await new EnterpriseRecords(records).store.update(ACTOR, enterpriseId, {
          contactPhone: '0513-8000 0002',
        });
        await waitFor('the enterprise change', () => heard.includes(deviceId), 10_000, 20);

        heard.length = 0;
        await new DeviceAdmin(records).create(ACTOR, {
          id: 'ct-short-lived',
          enterpriseId,
          name: '临时电表',
          kind: 'power-meter',
        });
        await records.getRepository(DeviceEntity).delete({ id: 'ct-short-lived' });
        await waitFor(
          'insert and delete',
          () => heard.filter((id) => id === 'ct-short-lived').length >= 2,
          10_000,
          20,
        );
      } finally {
        await listener.close();
      }
    });

    it('announces nothing for a write that rolled back', async () => {
      const heard: (string | null)[] = [];
      const listener = new DeviceChangeListener(records, (id) => heard.push(id));
      await listener.start();
      try {
        await expect(
          records.transaction(async (em) => {
            await em.getRepository(DeviceEntity).update({ id: deviceId }, { location: '回滚' });
            throw new Error('roll back');
          }),
        ).rejects.toThrow('roll back');
        await new DeviceRepository(records).setCredentialHash(deviceId, 'marker');
        await waitFor('the committed change', () => heard.includes(deviceId), 10_000, 20);
        expect(heard).toEqual([deviceId]);
        expect(
          (await records.getRepository(DeviceEntity).findOneByOrFail({ id: deviceId })).location,
        ).toBeNull();
      } finally {
        await listener.close();
      }
    });
  });

  describe('concurrency', () => {
    it('keeps concurrent transactions apart: one rolls back, the other and a plain write stay', async () => {
      const repo = records.getRepository(CarrierEntity);
      const yieldMany = async () => {
        for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
      };
      const make = (code: string) => repo.create({ code, name: code, floorAreaM2: 1000 });
      const outcomes = await Promise.allSettled([
        records.transaction(async (em) => {
          await em.save(make('CT-KEPT'));
          await yieldMany();
          await em.save(make('CT-KEPT-2'));
        }),
        records.transaction(async (em) => {
          await em.save(make('CT-ROLLED-BACK'));
          await yieldMany();
          throw new Error('roll back');
        }),
        (async () => {
          await yieldMany();
          await repo.save(make('CT-PLAIN'));
        })(),
        new AlertRepository(records).transaction(async (em) => {
          await yieldMany();
          return em.getRepository(CarrierEntity).count();
        }),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
      const codes = (await repo.find({ order: { code: 'ASC' } }))
        .map((c) => c.code)
        .filter((c) => c.startsWith('CT-'));
      expect(codes).toEqual(['CT-KEPT', 'CT-KEPT-2', 'CT-PLAIN']);
    });
  });

  describe('demo park', () => {
    it('seeds the demo park, and seeding again changes nothing', async () => {
      const count = async () => ({
        enterprises: await records.getRepository(EnterpriseEntity).count({ where: { isDemo: true } }),
        devices: await records.getRepository(DeviceEntity).count({ where: { isDemo: true } }),
        carriers: await records.getRepository(CarrierEntity).count({ where: { isDemo: true } }),
        users: await records.getRepository(UserEntity).count(),
      });
      const logins = await seedDemoPark(records, 'demo-password-1');
      expect(logins.users.map((u) => u.username)).toEqual([
        'admin',
        'officer',
        'operator',
        'manager',
        // 园区工作人员, one per department (经发, 招商, 规划建设, 安监, 环保, 税务联络)
        'jingfa',
        'zhaoshang',
        'guihua',
        'anjian',
        'huanbao',
        'shuiwu',
      ]);
      const first = await count();
      const ids = async () =>
        (
          await records
            .getRepository(EnterpriseEntity)
            .find({ where: { isDemo: true }, order: { id: 'ASC' } })
        ).map((e) => e.id);
      const firstIds = await ids();
      expect(first.enterprises).toBe(40);
      expect(first.carriers).toBe(4);
      expect(first.devices).toBeGreaterThan(80);
      await seedDemoPark(records, 'demo-password-1');
      expect(await count()).toEqual(first);
      expect(await ids()).toEqual(firstIds);
      const page = { page: 1, pageSize: 100 };
      expect((await new EnterpriseRecords(records).list({ q: '示范化工' }, page)).total).toBe(1);
    });

    it('seeding again (every standalone start) keeps what users changed: edits, deletions, accounts, credentials', async () => {
      await seedDemoPark(records, 'demo-password-1', 'demo-device-secret-1');
      const enterprises = records.getRepository(EnterpriseEntity);
      const [edited, deleted] = await enterprises.find({
        where: { isDemo: true },
        order: { creditCode: 'ASC' },
        take: 2,
      });
      await enterprises.update(
        { id: edited.id },
        { name: '改名后的示范企业', contactPhone: '0513-1234 5678' },
      );
      await enterprises.softDelete({ id: deleted.id });
      const carriers = records.getRepository(CarrierEntity);
      const carrier = await carriers.findOneOrFail({ where: { isDemo: true }, order: { code: 'ASC' } });
      await carriers.softDelete({ id: carrier.id });
      const users = records.getRepository(UserEntity);
      await users.update({ username: 'manager' }, { disabled: true });
      await users.update({ username: 'admin' }, { passwordHash: 'changed-by-the-admin' });
      const devices = records.getRepository(DeviceEntity);
      const rotated = await devices.findOneByOrFail({ isDemo: true, id: 'demo-meter-001' });
      await devices.update({ id: rotated.id }, { credentialHash: 'rotated-in-the-console' });

      await seedDemoPark(records, 'another-demo-password', 'another-device-secret');

      expect(await enterprises.findOneByOrFail({ id: edited.id })).toMatchObject({
        name: '改名后的示范企业',
        contactPhone: '0513-1234 5678',
      });
      expect(await enterprises.findOneBy({ id: deleted.id })).toBeNull();
      expect(
        (await enterprises.findOneOrFail({ where: { id: deleted.id }, withDeleted: true })).deletedAt,
      ).not.toBeNull();
      expect(await carriers.findOneBy({ id: carrier.id })).toBeNull();
      expect((await users.findOneByOrFail({ username: 'manager' })).disabled).toBe(true);
      expect((await users.findOneByOrFail({ username: 'admin' })).passwordHash).toBe('changed-by-the-admin');
      expect((await devices.findOneByOrFail({ id: rotated.id })).credentialHash).toBe(
        'rotated-in-the-console',
      );
    });
  });

  describe('close and reopen', () => {
    it('keeps every record across a close and a reopen, and needs no schema change', async () => {
      const before = {
        enterprises: await records.getRepository(EnterpriseEntity).count({ withDeleted: true }),
        alerts: await records.getRepository(AlertEntity).count(),
        events: await records.getRepository(AlertEventEntity).count(),
      };
      const alert = await records
        .getRepository(AlertEntity)
        .findOneOrFail({ where: {}, order: { openedAt: 'ASC' } });
      await records.destroy();
      records = await openRecords(backend.url, { migrate: backend.migrate });
      expect({
        enterprises: await records.getRepository(EnterpriseEntity).count({ withDeleted: true }),
        alerts: await records.getRepository(AlertEntity).count(),
        events: await records.getRepository(AlertEventEntity).count(),
      }).toEqual(before);
      const again = await records.getRepository(AlertEntity).findOneByOrFail({ id: alert.id });
      expect(again.openedAt.getTime()).toBe(alert.openedAt.getTime());
      expect(again.explanation).toEqual(alert.explanation);
      expect(again.lastReadingTs).toBe(alert.lastReadingTs);
      const log = await records.driver.createSchemaBuilder().log();
      expect(log.upQueries.map((q) => q.query)).toEqual([]);
    });
  });
});

describe('SQLite records opened by one app', () => {
  let backend: Backend;

  beforeAll(async () => {
    backend = await sqliteBackend();
  });

  afterAll(async () => {
    await backend.drop();
  });

  it('opens a connection in WAL mode with foreign keys and a busy timeout, closed once', async () => {
    const records = await openRecords(backend.url);
    const pragma = async (name: string) =>
      Object.values((await records.query<Record<string, unknown>[]>(`PRAGMA ${name}`))[0])[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await records.query('SELECT 1')).toHaveLength(1); // the health checks' probe
    // A second open (a CLI beside the app) is a connection of its own on the same file.
    const other = await openRecords(backend.url);
    expect(other).not.toBe(records);
    await new EnterpriseRecords(other).store.create(ACTOR, { name: '另一连接', creditCode: creditCode(8) });
    expect(await records.getRepository(EnterpriseEntity).count()).toBe(1);
    await other.destroy();
    expect(records.isInitialized).toBe(true);
    await records.destroy();
    expect(records.isInitialized).toBe(false);
    await records.destroy(); // idempotent
  });

  it('works in memory', async () => {
    const memory = await openRecords('sqlite::memory:');
    await new EnterpriseRecords(memory).store.create(ACTOR, { name: '内存', creditCode: creditCode(9) });
    expect(await memory.getRepository(EnterpriseEntity).count()).toBe(1);
    await memory.destroy();
  });
});
