/**
 * The device simulator against the real Mosquitto: a demo fleet (ids suffixed with a run id, so parallel runs do not
 * collide) at ×600, observed by a real MQTT subscriber. Each device publishes under its own topic with payloads the
 * platform accepts; gas-leak crosses the alarm levels; silent-drop makes the broker publish the last will;
 * bad-payloads sends what the platform must reject.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import {
  checkReadingsForKind,
  parseDeviceTopic,
  parseTelemetryPayload,
  statusTopic,
  telemetryTopic,
  type RejectReason,
} from '@park/contracts';
import { Fleet } from '../../simulators/src/fleet/fleet';
import { parseManifest, withIdSuffix, type FleetManifest } from '../../simulators/src/fleet/manifest';
import { BAD_PAYLOAD_VARIANTS } from '../../simulators/src/models/bad-payloads';
import { waitFor } from '../support/wait-for';

const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const RUN = `it${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const HOUR = 3_600_000;

interface Received {
  readonly ts: number | null;
  readonly payload: Buffer;
  readonly at: number;
}

describe('device simulator on the real Mosquitto', () => {
  let manifest: FleetManifest;
  let fleet: Fleet;
  let observer: MqttClient;
  const telemetry = new Map<string, Received[]>();
  const status = new Map<string, string[]>();
  const id = (base: string) => `${base}-${RUN}`;
  const kindOf = (deviceId: string) => manifest.devices.find((d) => d.id === deviceId)!.kind;
  const readingsOf = (deviceId: string) => telemetry.get(deviceId) ?? [];

  /** The platform's verdict on a payload: 'OK' or the reject reason. */
  const verdict = (deviceId: string, payload: Buffer): RejectReason | 'OK' => {
    const parsed = parseTelemetryPayload(payload, Date.now());
    if (!parsed.ok) return parsed.rejection.reason;
    return checkReadingsForKind(kindOf(deviceId), parsed.readings)?.reason ?? 'OK';
  };
  const valueOf = (r: Received, metric: string) =>
    (JSON.parse(r.payload.toString('utf8')) as { values: Record<string, number> }).values[metric];

  beforeAll(async () => {
    const demo = parseManifest(
      JSON.parse(readFileSync(join(__dirname, '../../simulators/fleets/demo.json'), 'utf8')),
    );
    manifest = withIdSuffix(demo, RUN);

    observer = mqtt.connect(MQTT_URL, { clientId: `observer-${RUN}`, protocolVersion: 5, clean: true });
    await new Promise<void>((resolve, reject) => {
      observer.once('connect', () => resolve());
      observer.once('error', reject);
    });
    observer.on('message', (topic, payload) => {
      const parsed = parseDeviceTopic(topic);
      if (!parsed) return;
      if (parsed.channel === 'status') {
        status.set(parsed.deviceId, [...(status.get(parsed.deviceId) ?? []), payload.toString('utf8')]);
        return;
      }
      let ts: number | null = null;
      try {
        ts = (JSON.parse(payload.toString('utf8')) as { ts?: number }).ts ?? null;
      } catch {
        ts = null;
      }
      telemetry.set(parsed.deviceId, [...readingsOf(parsed.deviceId), { ts, payload, at: Date.now() }]);
    });
    await observer.subscribeAsync(
      manifest.devices.flatMap((d) => [telemetryTopic(d.id), statusTopic(d.id)]),
      { qos: 1 },
    );

    // Three hours in the past at ×600: ~18 sim minutes per wall-clock second, never ahead of the real clock.
    fleet = await Fleet.start({
      brokerUrl: MQTT_URL,
      manifest,
      seed: 1,
      speed: 600,
      simStart: Date.now() - 3 * HOUR,
    });
  });

  afterAll(async () => {
    await fleet?.stop();
    await observer?.endAsync();
  });

  it('connects every device, announces it online and publishes valid readings under its own topic', async () => {
    await waitFor(
      'three readings from every device',
      () => manifest.devices.every((d) => readingsOf(d.id).length >= 3),
      30_000,
    );
    for (const d of manifest.devices) {
      expect(status.get(d.id)?.[0]).toBe('online');
      const verdicts = readingsOf(d.id).map((r) => verdict(d.id, r.payload));
      expect({ device: d.id, verdicts: [...new Set(verdicts)] }).toEqual({ device: d.id, verdicts: ['OK'] });
    }
    // Each device's connection publishes only under its own id.
    expect([...telemetry.keys()].sort()).toEqual(manifest.devices.map((d) => d.id).sort());
  });

  it('gas-leak drives a detector past 25 %LEL and then past 50', async () => {
    const gas = id('demo-gas-001');
    const leakFrom = fleet.clock.now();
    fleet.setScenario(gas, { name: 'gas-leak', on: true });
    await waitFor('a reading of 50 %LEL or more', () =>
      readingsOf(gas).some((r) => r.ts !== null && r.ts >= leakFrom && valueOf(r, 'lel') >= 50),
    );
    const during = readingsOf(gas).filter((r) => r.ts !== null && r.ts >= leakFrom);
    const first = (level: number) => during.findIndex((r) => valueOf(r, 'lel') >= level);
    expect(first(25)).toBeGreaterThan(0);
    expect(first(50)).toBeGreaterThan(first(25));
    expect(
      readingsOf(gas)
        .filter((r) => r.ts! < leakFrom)
        .every((r) => valueOf(r, 'lel') <= 2),
    ).toBe(true);
    expect(during.every((r) => verdict(gas, r.payload) === 'OK')).toBe(true);
  });

  it('silent with drop vanishes without DISCONNECT: the broker publishes the last will `offline`', async () => {
    const temp = id('demo-temp-001');
    const other = id('demo-press-001');
    const silentFrom = fleet.clock.now();
    fleet.setScenario(temp, { name: 'silent', on: true, param: 'drop' });
    await waitFor('the last will on the status topic', () => status.get(temp)?.includes('offline'));
    expect(status.get(temp)).toEqual(['online', 'offline']);
    // While the others go on, it sends nothing it measured after falling silent.
    const othersAt = readingsOf(other).length;
    await waitFor('the pressure sensor to publish five more', () => readingsOf(other).length >= othersAt + 5);
    expect(readingsOf(temp).filter((r) => r.ts! >= silentFrom)).toEqual([]);

    fleet.setScenario(temp, { name: 'silent', on: false });
    await waitFor('it to come back online and publish', () =>
      readingsOf(temp).some((r) => r.ts! > silentFrom) && status.get(temp)?.length === 3 ? true : undefined,
    );
    expect(status.get(temp)).toEqual(['online', 'offline', 'online']);
    // No other device was announced offline: only a dropped connection triggers the will.
    for (const d of manifest.devices.filter((x) => x.id !== temp))
      expect(status.get(d.id)).toEqual(['online']);
  });

  it('bad-payloads publishes every kind of invalid message the platform must reject', async () => {
    const tox = id('demo-tox-001');
    const from = fleet.clock.now();
    fleet.setScenario(tox, { name: 'bad-payloads', on: true, param: '1' });
    // Readings measured before the switch may still arrive; everything after it is bad (rate 1). A malformed or
    // batched payload has no readable ts.
    const after = () => readingsOf(tox).filter((r) => r.ts === null || r.ts >= from);
    const expected: RejectReason[] = [
      'MALFORMED_JSON',
      'WRONG_TYPE',
      'NON_FINITE',
      'UNKNOWN_METRIC',
      'TS_IN_FUTURE',
      'PAYLOAD_TOO_LARGE',
    ];
    expect(expected).toHaveLength(BAD_PAYLOAD_VARIANTS.length);
    const seen = await waitFor('every kind of bad payload', () => {
      const reasons = new Set(after().map((r) => verdict(tox, r.payload)));
      return expected.every((x) => reasons.has(x)) ? reasons : undefined;
    });
    expect([...seen].sort()).toEqual([...expected].sort());
    fleet.setScenario(tox, { name: 'bad-payloads', on: false });
  });

  it('meter-replaced sends the kWh counter back to a small value once, then counts up again', async () => {
    const meter = id('demo-meter-003');
    const before = readingsOf(meter).length;
    fleet.setScenario(meter, { name: 'meter-replaced', on: true, param: '2' });
    const kwh = await waitFor('three readings from the new meter', () => {
      const values = readingsOf(meter).map((r) => valueOf(r, 'kwh'));
      const reset = values.findIndex((v, i) => i >= before && v < 100);
      return reset >= 0 && values.length >= reset + 3 ? values.slice(reset) : undefined;
    });
    expect(kwh[0]).toBeGreaterThanOrEqual(2);
    expect(kwh.every((v, i) => i === 0 || v >= kwh[i - 1])).toBe(true);
  });
});
