/**
 * The standalone mode (`npm start`) end to end, with nothing but itself: SQLite records, the in-process bus, the
 * embedded telemetry store and the embedded MQTT broker, started while the machine's Mosquitto holds port 1883.
 * The demo fleet's readings are stored and served, an officer logs in in a real browser (Debian's chromium) and
 * sees a live alert raised by a device publishing over MQTT, and after a restart on the same data folder the
 * logins, the alert and the readings are all still there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '@park/config';
import { telemetryTopic } from '@park/contracts';
import { startStandalone, type RunningPlatform } from '../../apps/standalone/src/standalone';
import { standaloneConfigSpec } from '../../apps/standalone/src/standalone.config';
import { waitFor } from '../support/wait-for';
import { launchChromium, loginToken } from './support/browser';
import { DEMO_PASSWORD } from './support/park-stack';
import { E2E_WEB_ROOT } from './support/web-build';

const METER = 'demo-meter-001';
const DEVICE_SECRET = 'standalone-e2e-device-secret';
/** A first reading from every simulated device, on a busy 2-core machine. */
const PIPELINE_TIMEOUT_MS = 60_000;

describe('standalone mode end to end', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'park-standalone-'));
  const config = loadConfig(standaloneConfigSpec, {
    PARK_DATA_DIR: dataDir,
    API_PORT: '0',
    MQTT_PORT: '1883',
    OPS_PORT: '0',
    SIMULATE: 'true',
    // The test raises its own alert; the scripted demo faults would add others.
    DEMO_TIMELINE: 'false',
    DEMO_PASSWORD,
    DEMO_DEVICE_SECRET: DEVICE_SECRET,
  });
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  let gasDevice = '';

  const api = async <T>(path: string, token: string): Promise<T> => {
    const res = await fetch(`${platform.webUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  const meterPoints = async (token: string, from: number) =>
    (
      await api<{ points: { ts: number }[] }>(
        `/api/telemetry/series?deviceId=${METER}&metric=kw&from=${from}&to=${Date.now() + 60_000}`,
        token,
      )
    ).points;

  beforeAll(async () => {
    // The machine's Mosquitto holds 1883: the standalone broker must start anyway, on another port.
    await new Promise<void>((resolve, reject) => {
      const probe = tcpConnect(1883, '127.0.0.1', () => {
        probe.destroy();
        resolve();
      });
      probe.once('error', (error) =>
        reject(new Error(`expected a broker on 1883 (services.sh up): ${error.message}`)),
      );
    });
    platform = await startStandalone(config, { webRoot: E2E_WEB_ROOT });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts beside the broker that holds 1883 and seeds the demo park', () => {
    expect(new URL(platform.mqttUrl).port).not.toBe('1883');
    expect(platform.telemetry).toBe('embedded');
    expect(platform.logins.users.map((u) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'officer', 'operator', 'manager']),
    );
    expect(platform.fleet?.stats().devices.length).toBeGreaterThan(10);
  });

  it("stores the simulated fleet's readings and serves them", async () => {
    const token = await loginToken(platform.webUrl, 'officer');
    const from = Date.now() - 3_600_000;
    await waitFor(
      'readings of the simulated meter',
      async () => (await meterPoints(token, from)).length > 0,
      PIPELINE_TIMEOUT_MS,
    );
  });

  it('shows an officer, logged in in the browser, the live alert of a device publishing over MQTT', async () => {
    // The simulator drives every seeded device: one of its gas detectors falls silent (its connection dropped, as a
    // detector that loses power), so the reading below is the detector's last and no simulated one resolves the
    // alert meanwhile.
    const fleet = platform.fleet;
    if (!fleet) throw new Error('the standalone mode started without its simulated fleet');
    const gas = fleet.stats().devices.find((d) => d.kind === 'combustible-gas' && d.id !== 'demo-gas-001');
    if (!gas) throw new Error('the simulated fleet has no second gas detector');
    gasDevice = gas.id;
    fleet.setScenario(gasDevice, { name: 'silent', on: true, param: 'drop' });

    page = await browser.newPage();
    await page.goto(platform.webUrl);
    await page.locator('input[name="username"]').fill('officer');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();

    const device = await mqtt.connectAsync(platform.mqttUrl, {
      username: gasDevice,
      password: DEVICE_SECRET,
      clientId: `${gasDevice}-e2e`,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    try {
      await device.publishAsync(
        telemetryTopic(gasDevice),
        JSON.stringify({ ts: Date.now(), values: { lel: 62 } }),
        { qos: 1 },
      );
    } finally {
      await device.endAsync();
    }
    const officer = await loginToken(platform.webUrl, 'officer');
    const alert = await waitFor(
      'the alert',
      async () =>
        (await api<{ id: string; deviceId: string }[]>('/api/alerts', officer)).find(
          (a) => a.deviceId === gasDevice,
        ),
      PIPELINE_TIMEOUT_MS,
    );
    const row = page.locator(`.alert-row[data-alert-id="${alert.id}"]`);
    await row.waitFor({ timeout: PIPELINE_TIMEOUT_MS });
    expect(await row.innerText()).toMatch(/62(\.0)? ?%LEL/);
    await page.close();
  });

  it('keeps logins, alerts and readings across a restart on the same data folder', async () => {
    const token = await loginToken(platform.webUrl, 'officer');
    const from = Date.now() - 3_600_000;
    const before = await meterPoints(token, from);
    const alertsBefore = await api<{ id: string; deviceId: string }[]>('/api/alerts', token);
    expect(alertsBefore.some((a) => a.deviceId === gasDevice)).toBe(true);

    await platform.stop();
    platform = await startStandalone({ ...config, SIMULATE: false }, { webRoot: E2E_WEB_ROOT });

    // The session token signed before the restart is still good: the generated secret was kept.
    const alertsAfter = await api<{ id: string; deviceId: string }[]>('/api/alerts', token);
    expect(alertsAfter.map((a) => a.id)).toEqual(expect.arrayContaining(alertsBefore.map((a) => a.id)));
    const after = await meterPoints(token, from);
    expect(after.map((p) => p.ts)).toEqual(expect.arrayContaining(before.map((p) => p.ts)));
  });
});
