import type { INestApplication } from '@nestjs/common';
import { hashSecret, ROLES, type Role } from '@park/auth';
import type { AlertEvent } from '@park/contracts';
import {
  AdmissionEntryEntity,
  AlertRepository,
  CarrierTenancyEntity,
  DeviceEntity,
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  LandParcelEntity,
  RecordEventEntity,
  RuleRepository,
  seedDemoPark,
  UserEntity,
  UserRepository,
  WebhookRepository,
} from '@park/records';
import { API_CONFIG, type ApiConfig } from '../../../apps/api/src/api.config';
import { caller, login, startRecordsApi, type Caller } from '../../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../../support/test-environment';
import { apiRouteTable, type ApiRoute } from './route-table';

const PASSWORD = 'security-sweep-password';
/** A well-formed id that names no record: what a guess at someone else's id looks like. */
export const NIL_UUID = '00000000-0000-4000-8000-000000000000';

/** One enterprise's records, as the tenant walk sends them and looks for them in answers. */
export interface TenantRecords {
  readonly enterprise: EnterpriseEntity;
  readonly deviceIds: readonly string[];
  readonly alertEvent: AlertEvent;
  /** Every string that identifies this enterprise or one of its records (ids, names, codes). */
  readonly identifiers: readonly string[];
}

/**
 * The seeded world every generic sweep file runs against: the demo park in this run's PostgreSQL database, the
 * records API over it (one instance per file), a session for every role, two enterprises A (the demo energy
 * manager's) and B with devices, parcels, events, indicators, a tenancy and an alert each, and a rule, a webhook
 * and a display token — so that every path parameter of every route can be filled with a real id.
 */
export interface SecurityWorld {
  readonly env: TestEnvironment;
  readonly app: INestApplication;
  readonly url: string;
  readonly routes: readonly ApiRoute[];
  /** The secret the API verifies tokens with: forged tokens differ from a real one in exactly one defect. */
  readonly jwtSecret: string;
  /** A real session (bearer token) for every role. */
  readonly sessions: ReadonlyMap<Role, string>;
  /** A: the enterprise of the energy manager whose session is `sessions.get('energy-manager')`. */
  readonly own: TenantRecords;
  /** B: another enterprise, with a manager of its own (`manager-b`). */
  readonly other: TenantRecords;
  readonly call: (token?: string) => Caller;
  /** A new session of a seeded user (admin, officer, operator, manager, manager-b). */
  login(username: string): Promise<string>;
  /**
   * Candidate values of each path parameter, by `<resource>:<param>` where resource is the route's first segment
   * after /api (`enterprises:id`); `side` chooses whose records the ids are.
   */
  pathValues(route: ApiRoute, side: 'own' | 'other'): string[];
  /** Per-table digest of every row of the records database: equal before and after means nothing was written. */
  fingerprint(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

/**
 * The sweep sends thousands of calls from one address within a minute: the API rate limits are off for its
 * instance, so each answer measures the guard or the validation under test, not the limiter (which has its own
 * suite). Variables an older API does not know are ignored by loadConfig.
 */
const SWEEP_SETTINGS: Record<string, string> = {
  API_RATE_LIMIT_PER_USER: '0',
  API_RATE_LIMIT_PER_ADDRESS: '0',
};

/** `settings` are further API variables (api.config.ts) on top of SWEEP_SETTINGS. */
export async function startSecurityWorld(
  label: string,
  settings: Record<string, string> = {},
): Promise<SecurityWorld> {
  const env = await createTestEnvironment(label);
  let app: INestApplication | undefined;
  try {
    await seedDemoPark(env.records, PASSWORD);
    // The telemetry database exists in every running park (the writer makes it): the wall and series routes
    // read it, and a missing one would answer 500 for a reason no deployment has.
    await env.influx.ensureSchema();
    const enterprises = env.records.getRepository(EnterpriseEntity);
    const managerA = await env.records.getRepository(UserEntity).findOneByOrFail({ username: 'manager' });
    const entA = await enterprises.findOneByOrFail({ id: managerA.enterpriseId! });
    const entB = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });
    await new UserRepository(env.records).upsert({
      username: 'manager-b',
      displayName: '精密机械能源管理员',
      role: 'energy-manager',
      enterpriseId: entB.id,
      passwordHash: await hashSecret(PASSWORD),
    });
    const managerB = await env.records.getRepository(UserEntity).findOneByOrFail({ username: 'manager-b' });
    const rule = await new RuleRepository(env.records).create({
      kind: 'threshold',
      name: { zh: '安全扫描规则', en: 'Security sweep rule' },
      deviceKind: 'power-meter',
      metric: 'kw',
      params: { warn: 100, alarm: 200 },
      autoResolve: true,
      enabled: true,
      source: 'security sweep',
    });
    const webhook = await new WebhookRepository(env.records).create({
      name: 'security sweep receiver',
      url: 'https://receiver.example.com/park-alerts',
      secret: 'security-sweep-webhook-secret-0123456789',
      severities: ['warning', 'critical'],
      enabled: true,
    });
    // B gets a tenancy of its own in the first carrier, so the carrier routes have something of B to leak.
    const tenancies = env.records.getRepository(CarrierTenancyEntity);
    const tenancyB =
      (await tenancies.findOneBy({ enterpriseId: entB.id })) ??
      (await tenancies.save({
        carrierId: (
          await env.records.query<{ id: string }[]>('SELECT id FROM carriers ORDER BY code LIMIT 1')
        )[0].id,
        enterpriseId: entB.id,
        areaM2: 100,
        startDate: '2024-01-01',
        endDate: null,
        admission: 'encouraged',
        overrideNote: null,
        createdBy: 'security-sweep',
      }));
    const admission = await env.records.getRepository(AdmissionEntryEntity).find({ take: 1 });

    const own = await tenantRecords(env, entA, rule.id);
    const other = await tenantRecords(env, entB, rule.id);
    const parcel = async (e: EnterpriseEntity) =>
      (await env.records.getRepository(LandParcelEntity).findOneByOrFail({ enterpriseId: e.id })).id;
    const parcels = { own: await parcel(entA), other: await parcel(entB) };

    ({ app } = await startRecordsApi(env, { ...SWEEP_SETTINGS, ...settings }));
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const routes = apiRouteTable(app);
    const jwtSecret = app.get<ApiConfig>(API_CONFIG).JWT_SECRET;

    const sessions = new Map<Role, string>();
    for (const username of ['admin', 'officer', 'operator', 'manager']) {
      const token = await login(url, username, PASSWORD);
      sessions.set(roleOf(token), token);
    }
    const adminCall = caller(url, sessions.get('admin'));
    const created = await adminCall('POST', '/api/display-tokens', { name: '安全扫描大屏' });
    if (created.status !== 201) throw new Error(`display token: ${created.status} ${created.text}`);
    const display = created.body as { id: string; token: string };
    const exchanged = await caller(url)('POST', '/api/display-tokens/exchange', { token: display.token });
    if (exchanged.status !== 200) throw new Error(`display exchange: ${exchanged.status} ${exchanged.text}`);
    const wallSession = (exchanged.body as { accessToken: string }).accessToken;
    // A wall display's session has a role of its own once there is one; while it is a park role, the user login
    // of that role is the one the walk uses.
    if (!sessions.has(roleOf(wallSession))) sessions.set(roleOf(wallSession), wallSession);
    const missing = ROLES.filter((r) => !sessions.has(r));
    if (missing.length > 0)
      throw new Error(`no session for role(s) ${missing.join(', ')}: teach security-world.ts to make one`);

    const values: Record<string, { own: string[]; other: string[] }> = {
      'alerts:id': { own: [own.alertEvent.alert.id], other: [other.alertEvent.alert.id] },
      'rules:id': { own: [rule.id], other: [rule.id] },
      'webhooks:id': { own: [webhook.id], other: [webhook.id] },
      'enterprises:id': { own: [entA.id], other: [entB.id] },
      'enterprises:year': { own: ['2024'], other: ['2024'] },
      'parcels:id': { own: [parcels.own], other: [parcels.other] },
      'carriers:id': { own: [tenancyB.carrierId], other: [tenancyB.carrierId] },
      'carriers:tenancyId': { own: [tenancyB.id], other: [tenancyB.id] },
      'admission-list:code': { own: [admission[0].industryCode], other: [admission[0].industryCode] },
      'devices:id': { own: [own.deviceIds[0]], other: [...other.deviceIds] },
      'users:id': { own: [managerA.id], other: [managerB.id] },
      'imports:kind': { own: ['enterprises'], other: ['enterprises'] },
      'exports:kind': {
        own: ['enterprises'],
        other: ['enterprises', 'indicators', 'parcels', 'carriers'],
      },
      'analytics:indicator': { own: ['carrier-occupancy'], other: ['carrier-occupancy'] },
      'analytics:year': { own: ['2024'], other: ['2024'] },
      'display-tokens:id': { own: [display.id], other: [display.id] },
    };

    return {
      env,
      app,
      url,
      routes,
      jwtSecret,
      sessions,
      own,
      other,
      call: (token) => caller(url, token),
      login: (username) => login(url, username, PASSWORD),
      pathValues(route, side) {
        const resource = route.path.replace(/^\/api\//, '').split('/')[0];
        let paths = [route.path];
        for (const name of route.pathParams) {
          const sample = values[`${resource}:${name}`];
          if (!sample)
            throw new Error(
              `${route.name}: no real value for :${name} — add '${resource}:${name}' to security-world.ts`,
            );
          paths = paths.flatMap((p) => sample[side].map((v) => p.replace(`:${name}`, encodeURIComponent(v))));
        }
        return paths;
      },
      fingerprint: () => fingerprint(env),
      async close() {
        await app?.close();
        await env.teardown();
      },
    };
  } catch (error) {
    await app?.close();
    await env.teardown();
    throw error;
  }
}

/** The role claim of a token this API signed (its payload is plain base64url JSON). */
export function roleOf(token: string): Role {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
    role: Role;
  };
  return payload.role;
}

async function tenantRecords(
  env: TestEnvironment,
  enterprise: EnterpriseEntity,
  ruleId: string,
): Promise<TenantRecords> {
  const devices = await env.records.getRepository(DeviceEntity).findBy({ enterpriseId: enterprise.id });
  if (devices.length === 0) throw new Error(`${enterprise.name} has no devices in the demo park`);
  const alerts = new AlertRepository(env.records);
  const now = Date.now();
  const alertEvent = await alerts.transaction((em) =>
    alerts.triggerIn(em, {
      ruleId,
      subjectType: 'device',
      subjectId: devices[0].id,
      deviceId: devices[0].id,
      enterpriseId: enterprise.id,
      metric: 'kw',
      unit: 'kW',
      level: 1,
      severity: 'warning',
      change: 'opened',
      value: 150,
      limit: 100,
      readingTs: now - 1000,
      at: now,
      explanation: { zh: '有功功率超过 100 kW', en: 'Active power above 100 kW' },
      repeatEventEveryMs: 0,
    }),
  );
  if (!alertEvent) throw new Error(`no alert opened for ${enterprise.name}`);
  const parcels = await env.records.getRepository(LandParcelEntity).findBy({ enterpriseId: enterprise.id });
  const events = await env.records.getRepository(RecordEventEntity).findBy({ enterpriseId: enterprise.id });
  const indicators = await env.records
    .getRepository(EnterpriseIndicatorEntity)
    .findBy({ enterpriseId: enterprise.id });
  return {
    enterprise,
    deviceIds: devices.map((d) => d.id),
    alertEvent,
    identifiers: [
      enterprise.id,
      enterprise.name,
      enterprise.creditCode,
      alertEvent.alert.id,
      ...devices.map((d) => d.id),
      ...parcels.flatMap((p) => [p.id, p.code]),
      ...events.map((e) => e.id),
      ...indicators.map((i) => i.id),
    ],
  };
}

async function fingerprint(env: TestEnvironment): Promise<Map<string, string>> {
  const tables = await env.records.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out = new Map<string, string>();
  for (const { table_name: table } of tables) {
    const [row] = await env.records.query<{ digest: string | null }[]>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM "${table}" t`,
    );
    out.set(table, row.digest ?? 'empty');
  }
  return out;
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
