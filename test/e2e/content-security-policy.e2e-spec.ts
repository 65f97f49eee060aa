/**
 * The web app runs under the API's Content-Security-Policy (apps/api/src/http/security-headers.ts) in a real
 * browser: the standalone mode (`npm start`, its simulator feeding live readings) serves the production build,
 * an admin opens every page of the app, the wall display and the API docs, hovers over each chart so ECharts
 * draws its tooltips, and not one `securitypolicyviolation` may fire. The build it serves has no source maps.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
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

const DEVICE_SECRET = 'csp-e2e-device-secret';

/** Every page an admin can open (apps/web/src/shell/routes.ts), then the wall and the API docs. */
const PAGES = [
  '/alerts',
  '/plan',
  '/energy',
  '/enterprises',
  '/parcels',
  '/carriers',
  '/admin/devices',
  '/admin/users',
  '/admin/display-tokens',
  '/admin/rules',
  '/admin/imports',
  '/wall',
  '/api/docs',
];

interface Violation {
  readonly page: string;
  readonly directive: string;
  readonly blocked: string;
  readonly sample: string;
}

/** The page global the init script fills (this file is type-checked without the DOM lib). */
interface PageGlobals {
  parkCspViolations?: Omit<Violation, 'page'>[];
  addEventListener(
    type: 'securitypolicyviolation',
    listener: (event: { violatedDirective: string; blockedURI: string; sample: string }) => void,
  ): void;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the web app under its Content-Security-Policy, in a real browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'park-csp-'));
  let platform: RunningPlatform;
  let browser: Browser;
  let page: Page;
  /** Pages with an ECharts chart: an alert's detail (its metric chart) and an enterprise's energy page. */
  const chartPages: string[] = [];
  const violations: Violation[] = [];
  const consoleReports: string[] = [];

  beforeAll(async () => {
    platform = await startStandalone(
      loadConfig(standaloneConfigSpec, {
        PARK_DATA_DIR: dataDir,
        API_PORT: '0',
        MQTT_PORT: '0',
        OPS_PORT: '0',
        SIMULATE: 'true',
        DEMO_TIMELINE: 'false',
        DEMO_PASSWORD,
        DEMO_DEVICE_SECRET: DEVICE_SECRET,
        API_ALLOWED_ORIGINS: 'https://portal.example',
      }),
      { webRoot: E2E_WEB_ROOT },
    );
    chartPages.push(`/alerts/${await raiseAlert()}`, `/energy/${await managersEnterprise()}`);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await context.addInitScript(() => {
      const window = globalThis as unknown as PageGlobals;
      const seen: Omit<Violation, 'page'>[] = [];
      window.parkCspViolations = seen;
      window.addEventListener('securitypolicyviolation', (event) =>
        seen.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample }),
      );
    });
    page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) consoleReports.push(message.text());
    });
  }, 360_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function api<T>(path: string, token: string): Promise<T> {
    const res = await fetch(`${platform.webUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return (await res.json()) as T;
  }

  /**
   * Two readings over MQTT of a gas detector the simulator has let fall silent (its connection dropped), so no
   * simulated reading resolves the alert meanwhile: an alert with a chart to draw.
   */
  async function raiseAlert(): Promise<string> {
    const admin = await loginToken(platform.webUrl, 'admin');
    const fleet = platform.fleet;
    if (!fleet) throw new Error('the standalone mode started without its simulated fleet');
    const gas = fleet.stats().devices.find((d) => d.kind === 'combustible-gas' && d.id !== 'demo-gas-001');
    if (!gas) throw new Error('the simulated fleet has no second gas detector');
    fleet.setScenario(gas.id, { name: 'silent', on: true, param: 'drop' });
    const device = await mqtt.connectAsync(platform.mqttUrl, {
      username: gas.id,
      password: DEVICE_SECRET,
      clientId: `${gas.id}-csp`,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    try {
      for (const [ago, lel] of [
        [120_000, 20],
        [0, 62],
      ])
        await device.publishAsync(
          telemetryTopic(gas.id),
          JSON.stringify({ ts: Date.now() - ago, values: { lel } }),
          {
            qos: 1,
          },
        );
    } finally {
      await device.endAsync();
    }
    const alert = await waitFor(
      'the alert',
      async () =>
        (await api<{ id: string; deviceId: string }[]>('/api/alerts', admin)).find(
          (a) => a.deviceId === gas.id,
        ),
      60_000,
    );
    return alert.id;
  }

  async function managersEnterprise(): Promise<string> {
    const res = await fetch(`${platform.webUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: DEMO_PASSWORD }),
    });
    const { accessToken, user } = (await res.json()) as {
      accessToken: string;
      user: { enterpriseId: string };
    };
    // The energy page draws its load curve once the enterprise's meters have sent two counter readings: the
    // simulated meters report every 30–60 s from a random phase, so wait for them rather than race them.
    const to = Date.now() + 3_600_000;
    await waitFor(
      "the manager's meters' first kWh",
      async () =>
        (
          await api<{ totalKwh: number }>(
            `/api/energy/summary?from=${to - 7 * 86_400_000}&to=${to}`,
            accessToken,
          )
        ).totalKwh > 0,
      170_000,
      1_000,
    );
    return user.enterpriseId;
  }

  async function collect(path: string): Promise<void> {
    const seen = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).parkCspViolations?.splice(0) ?? [],
    );
    violations.push(...seen.map((v) => ({ ...v, page: path })));
  }

  it('serves a build without source maps', () => {
    expect(filesUnder(E2E_WEB_ROOT).filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('hands the API its HTTP settings: an allow-listed origin may open socket.io, another may not', async () => {
    const handshake = async (origin: string) => {
      const res = await fetch(`${platform.webUrl}/socket.io/?EIO=4&transport=polling`, {
        headers: { origin },
      });
      await res.arrayBuffer();
      return res.status;
    };
    expect(await handshake('https://portal.example')).toBe(200);
    expect(await handshake('https://evil.example')).toBe(403);
  });

  it('opens every page, the wall and the API docs, charts hovered, without a CSP violation', async () => {
    await page.goto(`${platform.webUrl}/`);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('h1.console__title').waitFor();

    let hovered = 0;
    for (const path of [...PAGES, ...chartPages]) {
      await page.goto(`${platform.webUrl}${path}`);
      await page.waitForLoadState('networkidle');
      if (path === '/api/docs') await page.locator('.swagger-ui .opblock').first().waitFor();
      // ECharts writes its tooltips as HTML with style attributes: draw them.
      if (chartPages.includes(path)) await page.locator('canvas').first().waitFor();
      for (const canvas of await page.locator('canvas').all()) {
        const box = await canvas.boundingBox();
        if (!box || box.width < 50) continue;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2);
        hovered += 1;
      }
      await page.waitForTimeout(300);
      await collect(path);
    }
    expect(hovered).toBeGreaterThanOrEqual(chartPages.length);
    expect({ violations, consoleReports }).toEqual({ violations: [], consoleReports: [] });
  });

  it('would see a violation: an inline script the page adds is refused and reported', async () => {
    await page.evaluate(() => {
      const document = (
        globalThis as unknown as {
          document: {
            createElement(tag: 'script'): { textContent: string };
            head: { appendChild(node: unknown): void };
          };
        }
      ).document;
      const script = document.createElement('script');
      script.textContent = 'globalThis.parkInlineRan = true;';
      document.head.appendChild(script);
    });
    await page.waitForTimeout(200);
    const seen = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).parkCspViolations?.splice(0) ?? [],
    );
    const ran = await page.evaluate(
      () => (globalThis as unknown as { parkInlineRan?: boolean }).parkInlineRan,
    );
    expect(ran).toBeUndefined();
    expect(seen.map((v) => v.directive)).toContain('script-src-elem');
  });
});
