import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { hashSecret, ROLES, signAlertLink, type Department, type Role } from '@park/auth';
import { KafkaBus, type MessageBus, type OutgoingMessage } from '@park/bus';
import { loadConfig } from '@park/config';
import {
  EXCHANGE_METRICS,
  parkCalendarDay,
  topicName,
  type AlertEvent,
  type TopicKey,
} from '@park/contracts';
import { previousMonth } from '@park/reports';
import {
  AdmissionEntryEntity,
  AlertRepository,
  CarrierTenancyEntity,
  DeviceEntity,
  DutyRosterRepository,
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  LandParcelEntity,
  MaintenanceRepository,
  NotificationRepository,
  openRecords,
  PlanTaskEntity,
  PolicyEntity,
  ProjectRepository,
  RecordEventEntity,
  RuleRepository,
  seedDemoPark,
  UserEntity,
  UserRepository,
  WebhookRepository,
} from '@park/records';
import type { DataSource } from 'typeorm';
import { API_CONFIG, apiConfigSpec, type ApiConfig } from '../../../apps/api/src/api.config';
import { startApi } from '../../../apps/api/src/main';
import { caller, login, startRecordsApi, type Caller } from '../../support/records-api';
import { borrowedBus } from '../../support/borrowed-bus';
import { createTestEnvironment } from '../../support/test-environment';
import { apiRouteTable, type ApiRoute } from './route-table';

const PASSWORD = 'security-sweep-password';
/** A well-formed id that names no record: what a guess at someone else's id looks like. */
export const NIL_UUID = '00000000-0000-4000-8000-000000000000';

/** One enterprise's records, as the tenant walk sends them and looks for them in answers. */
export interface TenantRecords {
  readonly enterprise: EnterpriseEntity;
  readonly deviceIds: readonly string[];
  readonly alertEvent: AlertEvent;
  /** A maintenance window (检修) planned on the enterprise's first device. */
  readonly maintenanceWindowId: string;
  /** A 重点项目 of the enterprise, and an (overdue) milestone of it. */
  readonly projectId: string;
  readonly projectMilestoneId: string;
  /** Every string that identifies this enterprise or one of its records (ids, names, codes). */
  readonly identifiers: readonly string[];
}

/** The demo seed's staff logins, one per department (libs/records/src/demo-seed.ts). */
export const DEMO_STAFF: Readonly<Record<Department, string>> = {
  economy: 'jingfa',
  investment: 'zhaoshang',
  planning: 'guihua',
  safety: 'anjian',
  environment: 'huanbao',
  tax: 'shuiwu',
};

/**
 * The seeded world every generic sweep file runs against: the demo park in this run's PostgreSQL database, the
 * records API over it (one instance per file), a session for every role, two enterprises A (the demo energy
 * manager's) and B with devices, parcels, events, indicators, a tenancy and an alert each, and a rule, a webhook
 * and a display token — so that every path parameter of every route can be filled with a real id.
 */
export interface SecurityWorld {
  readonly dialect: RecordsDialect;
  /** The records database the API runs on (the test's own connection to it). */
  readonly records: DataSource;
  readonly app: INestApplication;
  readonly url: string;
  readonly routes: readonly ApiRoute[];
  /** The secret the API verifies tokens with: forged tokens differ from a real one in exactly one defect. */
  readonly jwtSecret: string;
  /** A real session (bearer token) for every role (`staff`: a 规划建设 staff member). */
  readonly sessions: ReadonlyMap<Role, string>;
  /** A session of a staff member of each department (the demo's 经发 … 税务 logins). */
  readonly staffSessions: ReadonlyMap<Department, string>;
  /** A: the enterprise of the energy manager whose session is `sessions.get('energy-manager')`. */
  readonly own: TenantRecords;
  /** B: another enterprise, with a manager of its own (`manager-b`). */
  readonly other: TenantRecords;
  readonly call: (token?: string) => Caller;
  /**
   * The key of a live exchange source (all metrics, a rate limit the sweeps stay under): what the @SourceKey()
   * route is called with, as a session is for the others.
   */
  readonly sourceKey: string;
  /** A new session of a seeded user (admin, officer, operator, manager, manager-b). */
  login(username: string): Promise<string>;
  /**
   * Candidate values of each path parameter, by `<resource>:<param>` where resource is the route's first segment
   * after /api (`enterprises:id`); `side` chooses whose records the ids are.
   */
  pathValues(route: ApiRoute, side: 'own' | 'other'): string[];
  /** Per-table digest of every row of the records database: equal before and after means nothing was written. */
  fingerprint(): Promise<Map<string, string>>;
  /** Publishes onto the API's own bus (this run's Kafka topics, or the in-process bus). */
  publish(topic: TopicKey, messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** The two records backends the product runs on: PostgreSQL with Kafka, SQLite with the in-process bus. */
export type RecordsDialect = 'postgres' | 'sqlite';

/** A records database with its bus, and how to start the API over them. */
interface Backend {
  readonly records: DataSource;
  /** The telemetry store exists in every running park (the writer makes it): the wall and series read it. */
  prepareTelemetry(): Promise<void>;
  startApi(settings: Record<string, string>): Promise<INestApplication>;
  /** A bus onto this run's topics; `api` is the running API (the in-process bus is its own). */
  openBus(api: INestApplication): MessageBus;
  readonly namespace: string;
  teardown(): Promise<void>;
}

/** This run's PostgreSQL database, InfluxDB database and Kafka topics (test/support/test-environment.ts). */
async function postgresBackend(label: string): Promise<Backend> {
  const env = await createTestEnvironment(label);
  return {
    records: env.records,
    namespace: env.namespace,
    prepareTelemetry: () => env.influx.ensureSchema(),
    startApi: async (settings) => (await startRecordsApi(env, settings)).app,
    openBus: () =>
      new KafkaBus({ brokers: env.kafkaBrokers, clientId: `security-sweep-${env.runId}`, partitions: 1 }),
    teardown: () => env.teardown(),
  };
}

/** The standalone mode's adapters: a SQLite records file, the in-process bus, the embedded telemetry store. */
async function sqliteBackend(label: string): Promise<Backend> {
  const runId = `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
  const dir = mkdtempSync(join(tmpdir(), `park-${label}-`));
  const databaseUrl = `sqlite:${join(dir, 'records.db')}`;
  const records = await openRecords(databaseUrl, { migrate: true });
  const namespace = runId.replace(/_/g, '-');
  return {
    records,
    namespace,
    prepareTelemetry: () => Promise.resolve(),
    startApi: (settings) =>
      startApi(
        loadConfig(apiConfigSpec, {
          DATABASE_URL: databaseUrl,
          BUS: 'in-process',
          TELEMETRY_SQLITE_PATH: join(dir, 'telemetry.db'),
          PARK_NAMESPACE: namespace,
          KAFKA_TOPIC_PARTITIONS: '1',
          JWT_SECRET: 'security-sweep-sqlite-secret-long-enough-0123',
          API_PORT: '0',
          API_INSTANCE_ID: `security-${runId}`,
          ...settings,
        }),
        { webRoot: null },
      ),
    // The in-process bus is the API's own: publish onto it.
    openBus: (api) => borrowedBus(api),
    async teardown() {
      if (records.isInitialized) await records.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The sweep's alert link secret: the route walk signs links of its own (current, expired, for another alert). */
export const SWEEP_ALERT_LINK_SECRET = 'security-sweep-alert-link-secret-long-enough-0123';

/**
 * The sweep sends thousands of calls from one address within a minute: the API rate limits are off for its
 * instance, so each answer measures the guard or the validation under test, not the limiter (which has its own
 * suite). Variables an older API does not know are ignored by loadConfig.
 */
const SWEEP_SETTINGS: Record<string, string> = {
  API_RATE_LIMIT_PER_USER: '0',
  API_RATE_LIMIT_PER_ADDRESS: '0',
  // The monthly report schedule would write rows while the walk compares fingerprints; the walk's reports are made below.
  REPORTS_SCHEDULE: 'false',
  ALERT_LINK_SECRET: SWEEP_ALERT_LINK_SECRET,
};

/** `settings` are further API variables (api.config.ts) on top of SWEEP_SETTINGS. */
export async function startSecurityWorld(
  label: string,
  options: { readonly dialect?: RecordsDialect; readonly settings?: Record<string, string> } = {},
): Promise<SecurityWorld> {
  const dialect = options.dialect ?? 'postgres';
  const backend = dialect === 'postgres' ? await postgresBackend(label) : await sqliteBackend(label);
  const { records } = backend;
  let app: INestApplication | undefined;
  let bus: MessageBus | undefined;
  try {
    await seedDemoPark(records, PASSWORD);
    // A missing telemetry database would answer 500 for a reason no deployment has.
    await backend.prepareTelemetry();
    const enterprises = records.getRepository(EnterpriseEntity);
    const managerA = await records.getRepository(UserEntity).findOneByOrFail({ username: 'manager' });
    const entA = await enterprises.findOneByOrFail({ id: managerA.enterpriseId! });
    const entB = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });
    await new UserRepository(records).upsert({
      username: 'manager-b',
      displayName: '精密机械能源管理员',
      role: 'energy-manager',
      enterpriseId: entB.id,
      passwordHash: await hashSecret(PASSWORD),
    });
    const managerB = await records.getRepository(UserEntity).findOneByOrFail({ username: 'manager-b' });
    const rule = await new RuleRepository(records).create({
      kind: 'threshold',
      name: { zh: '安全扫描规则', en: 'Security sweep rule' },
      deviceKind: 'power-meter',
      metric: 'kw',
      params: { warn: 100, alarm: 200 },
      autoResolve: true,
      enabled: true,
      source: 'security sweep',
    });
    const webhook = await new WebhookRepository(records).create({
      name: 'security sweep receiver',
      url: 'https://receiver.example.com/park-alerts',
      secret: 'security-sweep-webhook-secret-0123456789',
      severities: ['warning', 'critical'],
      enabled: true,
    });
    // A 钉钉 robot on a closed local port: a test message the walk sends is refused at once, not waited for.
    const channel = await new NotificationRepository(records).create(
      'security-sweep',
      {
        name: '安全扫描钉钉群',
        kind: 'dingtalk',
        config: {
          webhookUrl: 'http://127.0.0.1:9/robot/send?access_token=security-sweep',
          secret: 'SECsecuritySweep0123',
        },
        severities: ['critical'],
        enterpriseId: null,
        recipients: [],
        enabled: true,
      },
      () => [],
    );
    // 值班与升级: a shift and a (disabled) chain step, for the duty routes' ids.
    const roster = new DutyRosterRepository(records);
    const dutyShift = await roster.createShift('security-sweep', {
      duty: 'officer',
      personName: '安全扫描值班员',
      phone: '13800000000',
      email: null,
      userId: null,
      startsAt: Date.now(),
      endsAt: Date.now() + 3_600_000,
      note: null,
    });
    const escalationStep = await roster.createStep('security-sweep', {
      position: 1,
      afterMinutes: 0,
      target: 'duty-officer',
      people: [],
      channelIds: [channel.id],
      severities: [],
      ruleKinds: [],
      enterpriseIds: [],
      carrierIds: [],
      enabled: false,
    });
    // B gets a tenancy of its own in the first carrier, so the carrier routes have something of B to leak.
    const tenancies = records.getRepository(CarrierTenancyEntity);
    const tenancyB =
      (await tenancies.findOneBy({ enterpriseId: entB.id })) ??
      (await tenancies.save({
        carrierId: (await records.query<{ id: string }[]>('SELECT id FROM carriers ORDER BY code LIMIT 1'))[0]
          .id,
        enterpriseId: entB.id,
        areaM2: 100,
        startDate: '2024-01-01',
        endDate: null,
        admission: 'encouraged',
        overrideNote: null,
        createdBy: 'security-sweep',
      }));
    const admission = await records.getRepository(AdmissionEntryEntity).find({ take: 1 });

    const own = await tenantRecords(records, entA, rule.id);
    const other = await tenantRecords(records, entB, rule.id);
    const parcel = async (e: EnterpriseEntity) =>
      (await records.getRepository(LandParcelEntity).findOneByOrFail({ enterpriseId: e.id })).id;
    const parcels = { own: await parcel(entA), other: await parcel(entB) };

    app = await backend.startApi({ ...SWEEP_SETTINGS, ...options.settings });
    const api = app;
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const routes = apiRouteTable(api);
    const jwtSecret = api.get<ApiConfig>(API_CONFIG).JWT_SECRET;

    const sessions = new Map<Role, string>();
    for (const username of ['admin', 'officer', 'operator', 'manager', 'guihua']) {
      const token = await login(url, username, PASSWORD);
      sessions.set(roleOf(token), token);
    }
    const staffSessions = new Map<Department, string>();
    for (const [department, username] of Object.entries(DEMO_STAFF) as [Department, string][])
      staffSessions.set(department, await login(url, username, PASSWORD));
    const adminCall = caller(url, sessions.get('admin'));
    // A 能耗月报 of last month for each side, so the report routes' :id has real ids.
    const reportOf = async (e: EnterpriseEntity) => {
      const body = { kind: 'energy', period: previousMonth(Date.now()).label, scope: e.id };
      const res = await adminCall('POST', '/api/reports', body);
      if (res.status !== 201) throw new Error(`report: ${res.status} ${res.text}`);
      return (res.body as { id: string }).id;
    };
    const reports = { own: await reportOf(entA), other: await reportOf(entB) };
    // A 资质证书 with an attached document for each side, so the qualification routes' ids are real.
    const qualificationOf = async (e: EnterpriseEntity) => {
      const path = `/api/enterprises/${e.id}/qualifications`;
      const body = {
        type: 'tech-sme',
        level: 'national',
        certificateNo: `SEC-${e.id.slice(0, 8)}`,
        issuedOn: '2026-03-01',
        expiresOn: '2027-02-28',
      };
      const res = await adminCall('POST', path, body);
      if (res.status !== 201) throw new Error(`qualification: ${res.status} ${res.text}`);
      const id = (res.body as { id: string }).id;
      const form = new FormData();
      form.append(
        'file',
        new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }),
        'scan.pdf',
      );
      const doc = await adminCall('POST', `${path}/${id}/documents`, form);
      if (doc.status !== 201) throw new Error(`qualification document: ${doc.status} ${doc.text}`);
      return { id, documentId: (doc.body as { id: string }).id };
    };
    const qualifications = { own: await qualificationOf(entA), other: await qualificationOf(entB) };
    // A timeline event with an attached document on each side's enterprise and parcel, for the event-document routes.
    const eventWithDocument = async (subject: 'enterprises' | 'parcels', id: string) => {
      const path = `/api/${subject}/${id}/events`;
      const body = { type: 'industry-agreement', occurredOn: '2026-03-01', summary: '安全扫描协议' };
      const res = await adminCall('POST', path, body);
      if (res.status !== 201) throw new Error(`event: ${res.status} ${res.text}`);
      const eventId = (res.body as { id: string }).id;
      const form = new FormData();
      form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), 'x.pdf');
      const doc = await adminCall('POST', `${path}/${eventId}/documents`, form);
      if (doc.status !== 201) throw new Error(`event document: ${doc.status} ${doc.text}`);
      return { eventId, documentId: (doc.body as { id: string }).id };
    };
    const enterpriseEvents = {
      own: await eventWithDocument('enterprises', entA.id),
      other: await eventWithDocument('enterprises', entB.id),
    };
    const parcelEvents = {
      own: await eventWithDocument('parcels', parcels.own),
      other: await eventWithDocument('parcels', parcels.other),
    };
    // A source system of the exchange with its key, for the inbound route (@SourceKey()).
    const source = await adminCall('POST', '/api/exchange/sources', {
      name: '安全扫描来源',
      kind: 'other',
      scopes: [...EXCHANGE_METRICS],
      rateLimitPerMinute: 10_000,
    });
    if (source.status !== 201) throw new Error(`exchange source: ${source.status} ${source.text}`);
    const sourceKey = (source.body as { key: string }).key;
    const exchangeSourceId = (source.body as { source: { id: string } }).source.id;
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

    // A signed alert link to each side's alert, sent to the officer, current for the whole walk.
    const officer = await records.getRepository(UserEntity).findOneByOrFail({ username: 'officer' });
    const linkTo = (alertId: string) =>
      signAlertLink(SWEEP_ALERT_LINK_SECRET, {
        alertId,
        recipient: { userId: officer.id },
        channel: 'sms',
        expiresAt: Date.now() + 3_600_000,
      });
    // A park-wide demo plan task split from no other (a monthly one), the same on both sides.
    const planTask = await records
      .getRepository(PlanTaskEntity)
      .findOneOrFail({ where: { isDemo: true, periodKind: 'month' }, order: { dueOn: 'ASC' } });
    // A park-wide demo policy (惠企政策), the same on both sides.
    const policy = await records
      .getRepository(PolicyEntity)
      .findOneOrFail({ where: { demo: true }, order: { name: 'ASC' } });
    const values: Record<string, { own: string[]; other: string[] }> = {
      'alerts:id': { own: [own.alertEvent.alert.id], other: [other.alertEvent.alert.id] },
      'alert-links:token': {
        own: [linkTo(own.alertEvent.alert.id)],
        other: [linkTo(other.alertEvent.alert.id)],
      },
      'rules:id': { own: [rule.id], other: [rule.id] },
      'webhooks:id': { own: [webhook.id], other: [webhook.id] },
      'notification-channels:id': { own: [channel.id], other: [channel.id] },
      'enterprises:id': { own: [entA.id], other: [entB.id] },
      'enterprises:year': { own: ['2024'], other: ['2024'] },
      'enterprises:qualificationId': { own: [qualifications.own.id], other: [qualifications.other.id] },
      'enterprises:documentId': {
        own: [qualifications.own.documentId],
        other: [qualifications.other.documentId],
      },
      'parcels:id': { own: [parcels.own], other: [parcels.other] },
      'enterprises:eventId': { own: [enterpriseEvents.own.eventId], other: [enterpriseEvents.other.eventId] },
      'enterprises:eventDocumentId': {
        own: [enterpriseEvents.own.documentId],
        other: [enterpriseEvents.other.documentId],
      },
      'parcels:eventId': { own: [parcelEvents.own.eventId], other: [parcelEvents.other.eventId] },
      'parcels:eventDocumentId': {
        own: [parcelEvents.own.documentId],
        other: [parcelEvents.other.documentId],
      },
      'carriers:id': { own: [tenancyB.carrierId], other: [tenancyB.carrierId] },
      'carriers:tenancyId': { own: [tenancyB.id], other: [tenancyB.id] },
      'admission-list:code': { own: [admission[0].industryCode], other: [admission[0].industryCode] },
      'devices:id': { own: [own.deviceIds[0]], other: [...other.deviceIds] },
      'device-states:id': { own: [own.deviceIds[0]], other: [...other.deviceIds] },
      'users:id': { own: [managerA.id], other: [managerB.id] },
      'imports:kind': { own: ['enterprises'], other: ['enterprises'] },
      'exports:kind': {
        own: ['enterprises'],
        other: ['enterprises', 'indicators', 'parcels', 'carriers', 'devices'],
      },
      'analytics:indicator': { own: ['carrier-occupancy'], other: ['carrier-occupancy'] },
      'analytics:year': { own: ['2024'], other: ['2024'] },
      'analytics:id': { own: [entA.id], other: [entB.id] },
      'display-tokens:id': { own: [display.id], other: [display.id] },
      'maintenance-windows:id': { own: [own.maintenanceWindowId], other: [other.maintenanceWindowId] },
      'duty-shifts:id': { own: [dutyShift.id], other: [dutyShift.id] },
      'escalation-steps:id': { own: [escalationStep.id], other: [escalationStep.id] },
      'safety-contacts:enterpriseId': { own: [entA.id], other: [entB.id] },
      'reports:id': { own: [reports.own], other: [reports.other] },
      'projects:id': { own: [own.projectId], other: [other.projectId] },
      'projects:milestoneId': { own: [own.projectMilestoneId], other: [other.projectMilestoneId] },
      'projects:year': { own: ['2024'], other: ['2024'] },
      'plan-tasks:id': { own: [planTask.id], other: [planTask.id] },
      'exchange:id': { own: [exchangeSourceId], other: [exchangeSourceId] },
      'policies:id': { own: [policy.id], other: [policy.id] },
    };

    return {
      dialect,
      records,
      app: api,
      url,
      routes,
      jwtSecret,
      sessions,
      staffSessions,
      own,
      other,
      call: (token) => caller(url, token),
      sourceKey,
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
      fingerprint: () => fingerprint(records),
      async publish(topic, messages) {
        bus ??= backend.openBus(api);
        await bus.publish(topicName(topic, backend.namespace), messages);
      },
      async close() {
        await bus?.close();
        await api.close();
        await backend.teardown();
      },
    };
  } catch (error) {
    await app?.close();
    await backend.teardown();
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
  records: DataSource,
  enterprise: EnterpriseEntity,
  ruleId: string,
): Promise<TenantRecords> {
  const devices = await records.getRepository(DeviceEntity).findBy({ enterpriseId: enterprise.id });
  if (devices.length === 0) throw new Error(`${enterprise.name} has no devices in the demo park`);
  const alerts = new AlertRepository(records);
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
  const maintenance = await new MaintenanceRepository(records).create(
    'security-sweep',
    {
      subjectType: 'device',
      subjectId: devices[0].id,
      enterpriseId: enterprise.id,
      startsAt: now + 3_600_000,
      endsAt: now + 7_200_000,
      reason: `安全扫描检修 ${enterprise.name}`,
    },
    now,
  );
  const parcels = await records.getRepository(LandParcelEntity).findBy({ enterpriseId: enterprise.id });
  const projects = new ProjectRepository(records);
  const today = parkCalendarDay(now);
  const project = await projects.create(
    'security-sweep',
    {
      name: `安全扫描项目 ${enterprise.name}`,
      enterpriseId: enterprise.id,
      parcelId: parcels[0]?.id ?? null,
      signedOn: '2023-05-18',
      promisedInvestment: 10_000,
      promisedSales: 20_000,
      promisedTax: 1_000,
      ownerName: '安全扫描责任人',
      department: '经济发展局',
      note: null,
    },
    today,
  );
  const milestone = await projects.addMilestone(
    'security-sweep',
    project.id,
    {
      title: `安全扫描节点 ${enterprise.name}`,
      dueOn: '2024-06-30',
      ownerName: '安全扫描责任人',
      department: '规划建设局',
    },
    today,
  );
  const events = await records.getRepository(RecordEventEntity).findBy({ enterpriseId: enterprise.id });
  const indicators = await records
    .getRepository(EnterpriseIndicatorEntity)
    .findBy({ enterpriseId: enterprise.id });
  return {
    enterprise,
    deviceIds: devices.map((d) => d.id),
    alertEvent,
    maintenanceWindowId: maintenance.id,
    projectId: project.id,
    projectMilestoneId: milestone.id,
    identifiers: [
      enterprise.id,
      enterprise.name,
      enterprise.creditCode,
      alertEvent.alert.id,
      maintenance.id,
      project.id,
      project.name,
      milestone.id,
      milestone.title,
      ...devices.map((d) => d.id),
      ...parcels.flatMap((p) => [p.id, p.code]),
      ...events.map((e) => e.id),
      ...indicators.map((i) => i.id),
    ],
  };
}

/** Every row of every table, digested per table in JS so that both dialects are compared the same way. */
async function fingerprint(records: DataSource): Promise<Map<string, string>> {
  const tables = await records.query<{ name: string }[]>(
    records.options.type === 'postgres'
      ? `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`
      : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  // No table found would make every comparison equal: a broken fingerprint must not pass as "nothing written".
  if (tables.length < 10) throw new Error(`fingerprint: only ${tables.length} tables found`);
  const out = new Map<string, string>();
  for (const { name } of tables) {
    const rows = await records.query<Record<string, unknown>[]>(`SELECT * FROM "${name}"`);
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    out.set(name, createHash('md5').update(lines.join('\n')).digest('hex'));
  }
  return out;
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}
