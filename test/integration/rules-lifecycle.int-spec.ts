/**
 * Rules, correlation and the alert lifecycle on the real services, driven by the device simulator:
 * Mosquitto → ingestion → Kafka → rules (a child process, so it can be killed with SIGKILL) → PostgreSQL →
 * Kafka → api → socket.io, plus webhooks.
 * - a gas leak opens a level-1 alert, escalates it to level 2 and auto-resolves it, as one alert;
 * - SIGKILL of the rules service mid-scenario, then a restart, and later a replay of the whole topic: no duplicate
 *   and no missing alert or transition;
 * - pollution control switched off while the line produces (分表计电) opens exactly one line alert;
 * - a webhook receiver gets signed calls, and a failed call is retried.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { verifyWebhook } from '../../apps/rules/src/webhook-signature';
import type { AlertEvent, AlertView } from '@park/contracts';
import {
  AlertEntity,
  AlertEventEntity,
  DeviceEntity,
  EnterpriseEntity,
  RuleEntity,
  RuleRepository,
  seedDemoPark,
} from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import { Fleet } from '../../simulators/src/fleet/fleet';
import { parseManifest } from '../../simulators/src/fleet/manifest';
import { freePort } from '../support/mosquitto-instance';
import { startPlatformStack, type PlatformStack } from '../support/platform-stack';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const REPO = resolve(__dirname, '../..');
const PASSWORD = 'rules-password-1';
const SECRET = 'webhook-secret-0123456789';
/** Where the test's webhook receiver listens; webhooks to loopback are refused unless allow-listed. */
const WEBHOOK_RECEIVERS = '127.0.0.1/32';
const MINUTE = 60_000;

interface Received {
  readonly body: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly status: number;
}

/**
 * One leak episode, once: opened first, resolved last, and in between level changes that alternate
 * (escalated, de-escalated, …) — a sensor's noise may cross the level-2 band more than once as the leak rises and
 * falls, but a replayed or duplicated transition would show as the same transition twice in a row.
 */
function expectOneEpisode(trail: string[]): void {
  const transitions = trail.filter((t) => t !== 'repeated');
  expect(transitions[0]).toBe('opened');
  expect(transitions[transitions.length - 1]).toBe('resolved');
  const middle = transitions.slice(1, -1);
  expect(middle.length).toBeGreaterThanOrEqual(1);
  middle.forEach((t, i) => expect({ i, t }).toEqual({ i, t: i % 2 === 0 ? 'escalated' : 'de-escalated' }));
}

describe('rules, correlation and the alert lifecycle on the real services', () => {
  let env: TestEnvironment;
  let stack: PlatformStack;
  let rules: ChildProcess | null = null;
  let receiver: Server;
  let enterpriseId: string;
  const fleets: Fleet[] = [];
  let pushed: AlertEvent[] = [];
  const webhookCalls: Received[] = [];
  let failNextWebhook = true;
  const rulesLogs: string[] = [];
  const run = Date.now().toString(36);
  const gasA = `gas-a-${run}`;
  const gasB = `gas-b-${run}`;
  const line = `line-${run}`;
  const prod = `meter-prod-${run}`;
  const rto = `meter-rto-${run}`;

  const rulesEnv = () => ({
    ...process.env,
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    PARK_NAMESPACE: env.namespace,
    KAFKA_TOPIC_PARTITIONS: '3',
    OUTBOX_POLL_MS: '100',
    RULES_TICK_MS: '1000',
    WEBHOOK_POLL_MS: '100',
    WEBHOOK_BACKOFF_MS: '200',
    RULES_HTTP_PORT: '0',
    // The test's receiver listens on loopback: an internal receiver, let in by the allow-list (docs/alerts.md).
    WEBHOOK_ALLOWED_TARGETS: WEBHOOK_RECEIVERS,
  });

  async function startRules(): Promise<void> {
    const child = spawn(process.execPath, [resolve(REPO, 'dist/apps/rules/src/main.js')], {
      env: rulesEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    rules = child;
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.once('exit', () => rulesLogs.push(out));
    await waitFor('the rules service consuming', () => out.includes('as group rules'), 90_000, 100);
  }

  async function killRules(signal: NodeJS.Signals): Promise<void> {
    const child = rules;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
    rules = null;
  }

  const device = (id: string, kind: string, extra: Partial<DeviceEntity> = {}) => ({
    id,
    enterpriseId,
    name: `${kind} ${id}`,
    kind,
    role: null,
    line: null,
    location: '储罐区 T-101 东侧',
    enabled: true,
    credentialHash: null,
    expectedIntervalS: 10,
    isDemo: true,
    ...extra,
  });

  const manifestDevice = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({
    id,
    kind,
    enterprise: 'demo-chem',
    expectedIntervalS: 10,
    name: id,
    location: 'test',
    ...extra,
  });

  async function startFleet(devices: unknown[]): Promise<Fleet> {
    const manifest = parseManifest({
      name: 'rules-test',
      enterprises: [
        {
          key: 'demo-chem',
          name: '启东示范化工有限公司',
          creditCode: '91320681MA1PARK01Y',
          lines: [{ id: line, name: '合成车间一线', schedule: 'three-shift' }],
        },
      ],
      devices,
    });
    // ×60: a minute of the park per second. Sim time starts 3 h back so that it stays behind the real clock (ingestion
    // refuses readings more than 5 min ahead) for the 3 min of wall time a test may take, kill and rebalance included.
    const fleet = await Fleet.start({
      brokerUrl: env.mqttUrl,
      manifest,
      speed: 60,
      simStart: Date.now() - 180 * MINUTE,
      seed: 7,
      passwordFor: () => null,
    });
    fleets.push(fleet);
    return fleet;
  }

  const ruleByCode = (code: string) => env.records.getRepository(RuleEntity).findOneByOrFail({ code });
  const alertsOf = async (code: string, subjectId: string) =>
    env.records.getRepository(AlertEntity).findBy({ ruleId: (await ruleByCode(code)).id, subjectId });
  const trailOf = async (alertId: string) =>
    (
      await env.records.getRepository(AlertEventEntity).find({ where: { alertId }, order: { seq: 'ASC' } })
    ).map((e) => e.type);

  beforeAll(async () => {
    env = await createTestEnvironment('rules');
    await seedDemoPark(env.records, PASSWORD);
    const enterprise = await env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ creditCode: '91320681MA1PARK01Y' });
    enterpriseId = enterprise.id;
    const devices = env.records.getRepository(DeviceEntity);
    await devices.save(devices.create(device(gasA, 'combustible-gas')));
    await devices.save(devices.create(device(gasB, 'combustible-gas')));
    await devices.save(
      devices.create(device(prod, 'power-meter', { role: 'production', line, expectedIntervalS: 60 })),
    );
    await devices.save(
      devices.create(device(rto, 'power-meter', { role: 'pollution-control', line, expectedIntervalS: 60 })),
    );
    // The line's normal loads: what an admin sets through the rules API (PUT /api/rules/:id) before 分表计电 judges.
    await new RuleRepository(env.records).ensureBuiltIns(BUILT_IN_RULES);
    const treatmentOff = await ruleByCode('line.treatment-off');
    await env.records.getRepository(RuleEntity).update(treatmentOff.id, {
      params: {
        ...treatmentOff.params,
        productionNormalKw: 300,
        treatmentNormalKw: 160,
        durationMs: 5 * MINUTE,
      },
    });

    stack = await startPlatformStack(env, {
      label: 'rules',
      password: PASSWORD,
      rules: startRules,
      api: {
        INFLUX_URL: env.influxUrl,
        INFLUX_DATABASE: env.influxDatabase,
        WEBHOOK_ALLOWED_TARGETS: WEBHOOK_RECEIVERS,
      },
    });

    const port = await freePort();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const status = failNextWebhook ? 503 : 204;
        failNextWebhook = false;
        webhookCalls.push({ body, headers: req.headers, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(port, '127.0.0.1', r));
    const admin = await stack.login('admin');
    const created = await call('POST', '/api/webhooks', admin, {
      name: 'WeCom gateway',
      url: `http://127.0.0.1:${port}/hook`,
      secret: SECRET,
      severities: ['warning', 'critical'],
    });
    expect(created.status).toBe(201);
    expect(await created.json()).not.toHaveProperty('secret');

    pushed = await stack.collectAlerts(await stack.login('officer'));
  });

  afterAll(async () => {
    if (process.env.RULES_TEST_LOG) writeFileSync(process.env.RULES_TEST_LOG, rulesLogs.join('\n----\n'));
    for (const fleet of fleets) await fleet.stop().catch(() => undefined);
    await killRules('SIGTERM');
    await stack?.stop();
    await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
    await env?.teardown();
  });

  function call(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    return fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Sim time runs in the past, so device-offline alerts fire too (the readings are not fresh): match the kind. */
  const pushedFor = (subjectId: string, type: string, ruleKind = 'threshold') =>
    pushed.find((e) => e.alert.subjectId === subjectId && e.type === type && e.alert.ruleKind === ruleKind);

  it('a gas leak opens a level-1 alert, escalates it to level 2 and auto-resolves it, as one alert', async () => {
    const fleet = await startFleet([manifestDevice(gasA, 'combustible-gas')]);
    fleet.setScenario(gasA, { name: 'gas-leak', on: true, param: '80' });

    const opened = await waitFor('level 1 on the socket', () => pushedFor(gasA, 'opened'), 60_000);
    expect(opened.alert).toMatchObject({
      level: 1,
      severity: 'warning',
      limit: 25,
      unit: '%LEL',
      status: 'open',
      ruleKind: 'threshold',
      subjectType: 'device',
      deviceId: gasA,
      location: '储罐区 T-101 东侧',
      enterpriseName: '启东示范化工有限公司',
    });
    expect(opened.alert.explanation.zh).toContain('一级报警');
    expect(opened.alert.explanation.en.length).toBeGreaterThan(10);
    const escalated = await waitFor('level 2 on the socket', () => pushedFor(gasA, 'escalated'), 60_000);
    expect(escalated.alert).toMatchObject({ id: opened.alert.id, level: 2, severity: 'critical', limit: 50 });

    fleet.setScenario(gasA, { name: 'gas-leak', on: false });
    const resolved = await waitFor('auto-resolve on the socket', () => pushedFor(gasA, 'resolved'), 60_000);
    expect(resolved.alert).toMatchObject({ id: opened.alert.id, status: 'resolved', resolvedBy: null });

    const alerts = await alertsOf('gas.lel.two-level', gasA);
    expect(alerts).toHaveLength(1);
    expect(await trailOf(alerts[0].id)).toEqual(expect.arrayContaining(['opened', 'escalated', 'resolved']));
    // 80 %LEL falls back through 50 (de-escalated to level 1) and then below 25 − 2 (resolved).
    expectOneEpisode(await trailOf(alerts[0].id));
  });

  it('SIGKILL of the rules service mid-scenario and a restart: no duplicate and no missing alert', async () => {
    const fleet = await startFleet([manifestDevice(gasB, 'combustible-gas')]);
    fleet.setScenario(gasB, { name: 'gas-leak', on: true, param: '80' });
    await waitFor('level 1 for the second detector', () => pushedFor(gasB, 'opened'), 60_000);
    await killRules('SIGKILL');
    // The leak goes on while the rules service is down; its readings wait in Kafka.
    await new Promise((r) => setTimeout(r, 3_000));
    await startRules();
    const escalated = await waitFor('level 2 after the restart', () => pushedFor(gasB, 'escalated'), 60_000);
    fleet.setScenario(gasB, { name: 'gas-leak', on: false });
    await waitFor('auto-resolve after the restart', () => pushedFor(gasB, 'resolved'), 60_000);
    await fleet.stop();

    const alerts = await alertsOf('gas.lel.two-level', gasB);
    expect(alerts.map((a) => a.id)).toEqual([escalated.alert.id]);
    expectOneEpisode(await trailOf(alerts[0].id));
  });

  it('a replay of the whole telemetry topic raises nothing twice', async () => {
    // Transitions a replay could duplicate (repeats are throttled counts; device-offline follows the wall clock).
    const transitions = () =>
      env.records
        .getRepository(AlertEventEntity)
        .createQueryBuilder('e')
        .innerJoin('e.alert', 'a')
        .innerJoin('a.rule', 'r')
        .where("r.kind <> 'device-offline'")
        .andWhere("e.type IN ('opened', 'escalated', 'de-escalated', 'resolved')")
        .getCount();
    const alerts = () =>
      env.records
        .getRepository(AlertEntity)
        .createQueryBuilder('a')
        .innerJoin('a.rule', 'r')
        .where("r.kind <> 'device-offline'")
        .getCount();
    const before = { alerts: await alerts(), transitions: await transitions() };
    expect(before.transitions).toBeGreaterThanOrEqual(8);
    await killRules('SIGTERM');
    const kafka = new Kafka({
      clientId: 'rules-test-admin',
      brokers: env.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([`rules.${env.namespace}`]);
    await admin.disconnect();
    await startRules(); // no committed offsets: consumes park.telemetry.v1 from the beginning
    await new Promise((r) => setTimeout(r, 8_000));
    expect({ alerts: await alerts(), transitions: await transitions() }).toEqual(before);
    const gasAlerts = await alertsOf('gas.lel.two-level', gasA);
    expect(gasAlerts).toHaveLength(1);
  });

  it('pollution control off while the line produces (分表计电) opens exactly one line alert', async () => {
    const fleet = await startFleet([
      manifestDevice(prod, 'power-meter', {
        role: 'production',
        line,
        expectedIntervalS: 60,
        params: { ratedKw: 900, voltage: 10000 },
      }),
      manifestDevice(rto, 'power-meter', {
        role: 'pollution-control',
        line,
        expectedIntervalS: 60,
        params: { ratedKw: 160, voltage: 380, startLagS: 180, stopLagS: 600 },
      }),
    ]);
    // Let both meters report normally for a while (sim minutes), then switch the treatment meter off.
    await new Promise((r) => setTimeout(r, 5_000));
    fleet.setScenario(rto, { name: 'treatment-off', on: true });
    const opened = await waitFor(
      'the line alert',
      () => pushedFor(line, 'opened', 'treatment-power'),
      90_000,
    );
    expect(opened.alert).toMatchObject({
      subjectType: 'line',
      subjectId: line,
      ruleKind: 'treatment-power',
      unit: 'kW',
      enterpriseName: '启东示范化工有限公司',
    });
    // Keep the condition going: confirmations raise the count of the same alert, never a second alert.
    await new Promise((r) => setTimeout(r, 6_000));
    const lineAlerts = await env.records
      .getRepository(AlertEntity)
      .findBy({ subjectType: 'line', subjectId: line });
    expect(lineAlerts).toHaveLength(1);
    expect(lineAlerts[0].count).toBeGreaterThan(1);
    await fleet.stop();
  });

  it('delivers alert events to the webhook, signed with HMAC, retrying a failed call', async () => {
    const opened = pushedFor(gasA, 'opened')!;
    const calls = await waitFor('the signed calls for the first alert', () => {
      const mine = webhookCalls.filter(
        (c) => (JSON.parse(c.body) as AlertEvent).alert.id === opened.alert.id && c.status === 204,
      );
      return mine.length >= 3 ? mine : undefined;
    });
    for (const c of calls) {
      const timestamp = Number(c.headers['x-park-timestamp']);
      expect(verifyWebhook(SECRET, timestamp, c.body, String(c.headers['x-park-signature']))).toBe(true);
      expect(
        verifyWebhook('another-secret-0000000', timestamp, c.body, String(c.headers['x-park-signature'])),
      ).toBe(false);
    }
    expect(calls.map((c) => c.headers['x-park-event'])).toEqual(
      expect.arrayContaining(['opened', 'escalated', 'resolved']),
    );
    // The very first call was answered 503 and delivered again later.
    expect(webhookCalls[0].status).toBe(503);
    const firstSeq = (JSON.parse(webhookCalls[0].body) as AlertEvent).seq;
    expect(
      webhookCalls.some((c) => c.status === 204 && (JSON.parse(c.body) as AlertEvent).seq === firstSeq),
    ).toBe(true);
  });

  it('the alert API filters, assigns and audits; the rules API validates params and dry-runs on recent data', async () => {
    const officer = await stack.login('officer');
    const admin = await stack.login('admin');
    const manager = await stack.login('manager');
    const list = async (query: string, token = officer) => {
      const res = await call('GET', `/api/alerts?${query}`, token);
      expect(res.status).toBe(200);
      return (await res.json()) as AlertView[];
    };
    const lineAlerts = await list('kind=treatment-power&status=open');
    expect(lineAlerts.map((a) => a.subjectId)).toEqual([line]);
    expect(lineAlerts[0].contacts).toBeDefined();
    const threshold = await list('kind=threshold');
    const critical = await list('kind=threshold&severity=critical');
    const warning = await list('kind=threshold&severity=warning');
    expect(critical.every((a) => a.severity === 'critical' && a.ruleKind === 'threshold')).toBe(true);
    expect(warning.every((a) => a.severity === 'warning' && a.ruleKind === 'threshold')).toBe(true);
    expect(critical.length + warning.length).toBe(threshold.length);
    expect((await list(`kind=threshold&from=${Date.now() + 60_000}`)).length).toBe(0);
    expect((await list('kind=threshold')).length).toBeGreaterThanOrEqual(2);
    expect((await call('GET', '/api/alerts?severity=loud', officer)).status).toBe(400);
    // An energy manager's enterprise scope wins over any enterprise filter.
    expect(
      (await list(`enterprise=00000000-0000-4000-8000-000000000000`, manager)).every(
        (a) => a.enterpriseId === enterpriseId,
      ),
    ).toBe(true);

    const assign = await call('POST', `/api/alerts/${lineAlerts[0].id}/assign`, officer, {
      assignee: 'zhang.san',
    });
    expect(assign.status).toBe(200);
    expect(((await assign.json()) as AlertEvent).alert).toMatchObject({ assignedTo: 'zhang.san' });
    const ack = await call('POST', `/api/alerts/${lineAlerts[0].id}/acknowledge`, officer);
    expect(ack.status).toBe(200);
    const resolve = await call('POST', `/api/alerts/${lineAlerts[0].id}/resolve`, officer, {
      note: '已恢复 RTO 运行 / RTO restarted',
    });
    expect(resolve.status).toBe(200);
    const trail = (await (
      await call('GET', `/api/alerts/${lineAlerts[0].id}/events`, officer)
    ).json()) as AlertEvent[];
    expect(trail.map((e) => [e.type, e.actor]).filter(([t]) => t !== 'repeated')).toEqual([
      ['opened', null],
      ['assigned', 'officer'],
      ['acknowledged', 'officer'],
      ['resolved', 'officer'],
    ]);

    const gasRule = await ruleByCode('gas.lel.two-level');
    const bad = await call('PUT', `/api/rules/${gasRule.id}`, admin, {
      kind: 'threshold',
      name: { zh: '可燃气体浓度报警', en: 'Combustible gas concentration' },
      deviceKind: 'combustible-gas',
      metric: 'lel',
      params: { direction: 'above', level1: 25, levle2: 50 },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('levle2');
    expect((await call('PUT', `/api/rules/${gasRule.id}`, officer, {})).status).toBe(403);

    const dry = await call('POST', `/api/rules/${gasRule.id}/dry-run?hours=6`, officer);
    expect(dry.status).toBe(200);
    const result = (await dry.json()) as { subjects: { subject: string; firings: { change: string }[] }[] };
    const gas = result.subjects.find((x) => x.subject === gasA);
    expect(gas?.firings.map((f) => f.change)).toEqual(
      expect.arrayContaining(['opened', 'escalated', 'cleared']),
    );

    // Draft params, not saved: a level 2 out of reach never escalates; bad params are refused as an update would be.
    const draft = await call('POST', `/api/rules/${gasRule.id}/dry-run?hours=6`, officer, {
      params: { direction: 'above', level1: 25, level2: 1000, hysteresis: 2 },
    });
    expect(draft.status).toBe(200);
    const drafted = (await draft.json()) as typeof result;
    const gasDraft = drafted.subjects.find((x) => x.subject === gasA);
    expect(gasDraft?.firings.map((f) => f.change)).toContain('opened');
    expect(gasDraft?.firings.map((f) => f.change)).not.toContain('escalated');
    const badDraft = await call('POST', `/api/rules/${gasRule.id}/dry-run`, officer, {
      params: { direction: 'above', level1: 25, level2: 10 },
    });
    expect(badDraft.status).toBe(400);
    expect(((await badDraft.json()) as { message: string }).message).toContain('level2 must be above level1');
  });
});
