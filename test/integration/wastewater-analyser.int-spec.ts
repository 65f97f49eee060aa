/**
 * Wastewater compliance and analyser faults end to end on the real services (microservices mode), published over
 * MQTT as a data logger sends them, seen over socket.io:
 * - a wastewater outlet whose COD daily mean over a whole Beijing day exceeds its enterprise's permit limit opens the
 *   built-in daily-mean alert when the day closes. The day is yesterday: its readings carry yesterday's timestamps
 *   (one per hour, as a logger replaying its store would send them) and the first reading of today closes it — the
 *   rule's clock is the readings' time, so nothing sleeps for a day;
 * - a CEMS whose SO₂ analyser flags its values D (fault) for longer than the set 30 min opens the built-in
 *   "analyser abnormal" alert, after a calibration (C) longer than that raised nothing; N resolves it.
 */
import type { MqttClient } from 'mqtt';
import { telemetryTopic, type AlertEvent, type DataQuality } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity, RuleEntity, RuleRepository, seedDemoPark } from '@park/records';
import { BUILT_IN_RULES, DAY_MS, HOUR_MS, beijingDayOf } from '@park/rules-engine';
import { startPlatformStack, type PlatformStack } from '../support/platform-stack';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'wastewater-password-1';
const OUTLET = 'demo-ww-001';
const CEMS = 'demo-cems-001';
const COD_PERMIT = 100;
const MINUTE = 60_000;

interface Reading {
  readonly ts: number;
  readonly values: Record<string, number>;
  readonly flags?: Record<string, DataQuality>;
}

describe('wastewater compliance and analyser faults on the real services', () => {
  let env: TestEnvironment;
  let stack: PlatformStack;
  let alertsReceived: AlertEvent[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('wastewater');
    await seedDemoPark(env.records, PASSWORD);
    await new RuleRepository(env.records).ensureBuiltIns(BUILT_IN_RULES);
    // No simulator drives the demo park here: the offline rule would race the counts below (silent-device.int-spec.ts
    // tests it).
    await env.records.getRepository(RuleEntity).update({ code: 'device.offline' }, { enabled: false });
    // The outlet states no limit of its own here (the demo seeds one): the enterprise's permit (the enterprise layer)
    // is what it is judged by.
    await env.records.getRepository(DeviceEntity).update({ id: OUTLET }, { permitLimits: null });
    const outlet = await env.records.getRepository(DeviceEntity).findOneByOrFail({ id: OUTLET });
    expect(outlet.permitLimits).toBeNull();
    await env.records
      .getRepository(EnterpriseEntity)
      .update({ id: outlet.enterpriseId }, { permitLimits: { cod: COD_PERMIT } });

    stack = await startPlatformStack(env, { label: 'wastewater', password: PASSWORD });
    alertsReceived = await stack.collectAlerts(await stack.login('officer'));
  });

  afterAll(async () => {
    await stack?.stop();
    await env?.teardown();
  });

  /** A logger's batch: an array of readings in one message, in time order. */
  const publish = (client: MqttClient, deviceId: string, readings: readonly Reading[]) =>
    client.publishAsync(telemetryTopic(deviceId), JSON.stringify(readings), { qos: 1 });

  const eventsOf = (deviceId: string, kind: string) =>
    alertsReceived.filter((e) => e.alert.deviceId === deviceId && e.alert.ruleKind === kind);

  it("opens the daily COD alert when yesterday's mean exceeds the enterprise permit, leaving flagged values out", async () => {
    const outlet = await stack.connectDevice(OUTLET);
    const yesterday = beijingDayOf(Date.now()) - DAY_MS;
    const readings: Reading[] = [];
    for (let h = 0; h < 24; h++) {
      // Valid COD of 120 and 140 mg/L alternate (mean 130); each hour also carries a D-flagged 0, which a
      // rule blind to flags would average in (mean 65, compliant).
      readings.push({ ts: yesterday + h * HOUR_MS + 10 * MINUTE, values: { cod: h % 2 ? 140 : 120 } });
      readings.push({ ts: yesterday + h * HOUR_MS + 40 * MINUTE, values: { cod: 0 }, flags: { cod: 'D' } });
    }
    // The first reading of today closes yesterday. One message, as a logger sends its store: separate messages may
    // reach the rules in another order, and a reading older than one already applied is ignored.
    readings.push({ ts: Date.now(), values: { cod: 30 } });
    await publish(outlet, OUTLET, readings);

    const opened = await waitFor('the daily COD alert on the socket', () =>
      eventsOf(OUTLET, 'hourly-mean-emission').find(
        (e) => e.type === 'opened' && e.alert.ruleName.en === 'COD daily mean over the permit limit',
      ),
    );
    expect(opened.alert).toMatchObject({
      metric: 'cod',
      unit: 'mg/L',
      value: 130,
      limit: COD_PERMIT,
      level: 2,
      severity: 'critical',
      status: 'open',
    });
    expect(opened.alert.explanation.zh).toContain('化学需氧量日均值 130 mg/L，超过许可排放限值 100 mg/L');
    expect(opened.alert.explanation.zh).toContain('HJ 356-2019');
    // The hourly means warned within the day (level 1), one alert for the whole run of exceeding hours.
    const hourly = eventsOf(OUTLET, 'hourly-mean-emission').filter(
      (e) => e.type === 'opened' && e.alert.ruleName.en === 'COD hourly mean over the permit limit',
    );
    expect(hourly).toHaveLength(1);
    expect(hourly[0]?.alert.level).toBe(1);
  });

  it('opens "analyser abnormal" for an SO₂ analyser flagging D longer than 30 min, not for calibration; N resolves it', async () => {
    const cems = await stack.connectDevice(CEMS);
    const now = Date.now();
    const at = (minutesAgo: number, flag?: DataQuality): Reading => ({
      ts: now - minutesAgo * MINUTE,
      values: { so2: flag ? 0 : 18, nox: 40, o2: 9 },
      ...(flag ? { flags: { so2: flag } } : {}),
    });
    // 50 minutes of calibration (planned work): no alarm.
    await publish(cems, CEMS, [at(130, 'C'), at(105, 'C'), at(80, 'C')]);
    // Then 35 minutes of fault.
    await publish(cems, CEMS, [at(40, 'D'), at(20, 'D'), at(5, 'D')]);

    const opened = await waitFor('the analyser-abnormal alert on the socket', () =>
      eventsOf(CEMS, 'analyser-abnormal').find((e) => e.type === 'opened'),
    );
    expect(opened.alert).toMatchObject({
      value: 35,
      limit: 30,
      unit: 'min',
      status: 'open',
      severity: 'warning',
    });
    expect(opened.alert.ruleName.zh).toBe('烟气分析仪异常');
    expect(opened.alert.explanation.zh).toContain('so2 在线监控（监测）仪器仪表故障（D）已持续 35 分钟');
    expect(opened.alert.explanation.zh).not.toContain('校准');
    expect(eventsOf(CEMS, 'analyser-abnormal').filter((e) => e.type === 'opened')).toHaveLength(1);

    await publish(cems, CEMS, [at(0)]);
    const resolved = await waitFor('the analyser alert resolved by normal data', () =>
      eventsOf(CEMS, 'analyser-abnormal').find((e) => e.type === 'resolved'),
    );
    expect(resolved.alert.id).toBe(opened.alert.id);
    expect(resolved.alert.resolutionNote).toContain('分析仪恢复正常');
  });
});
