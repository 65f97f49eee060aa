/**
 * The HJ 212 bridge in the standalone mode: a data logger of the demo park (its MN in the devices file the first
 * start writes to the data folder) connects with a raw TCP client and sends our golden CEMS and wastewater packets
 * as it would now; the bridge hands each reading to the embedded broker as its device, answers 9014 once ingestion
 * has it, and the readings are then served by the API. A wrong PW gets no answer and stores nothing. Nothing but
 * the standalone process: SQLite, the in-process bus, the embedded store and broker.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@park/config';
import type { TelemetrySeries } from '@park/contracts';
import { encodeFrame, Hj212Framer } from '@park/hj212';
import { startStandalone, type RunningPlatform } from '../../apps/standalone/src/standalone';
import { standaloneConfigSpec } from '../../apps/standalone/src/standalone.config';
import { okPacket, partsOf } from '../fixtures/hj212/golden';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'standalone-hj212-password';
const DEVICE_SECRET = 'standalone-hj212-device-secret';

/** `YYYYMMDDhhmmsszzz` in China Standard Time (the loggers' clock). */
function china17(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().replace(/[-:T.Z]/g, '');
}

/** A golden packet of ours as the demo logger sends it now: its PW, today's QN and DataTime, a fresh CRC. */
function nowPacket(name: string, pw: string, dataTime: number): { qn: string; bytes: Buffer } {
  const qn = china17(Date.now());
  const data = partsOf(okPacket(name))
    .data.toString('latin1')
    .replace(/QN=\d{17}/, `QN=${qn}`)
    .replace(/PW=[^;]*/, `PW=${pw}`)
    .replace(/DataTime=\d{17}/, `DataTime=${china17(dataTime)}`);
  return { qn, bytes: encodeFrame(data) };
}

describe('standalone mode: an HJ 212 data logger over TCP → the API', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'park-standalone-hj212-'));
  let platform: RunningPlatform;
  let socket: Socket | undefined;

  beforeAll(async () => {
    platform = await startStandalone(
      loadConfig(standaloneConfigSpec, {
        PARK_DATA_DIR: dataDir,
        API_PORT: '0',
        MQTT_PORT: '0',
        OPS_PORT: '0',
        HJ212_PORT: '0',
        // The logger's readings only: no simulated reading of the same devices in between.
        SIMULATE: 'false',
        DEMO_PASSWORD: PASSWORD,
        DEMO_DEVICE_SECRET: DEVICE_SECRET,
      }),
      { webRoot: null },
    );
  });

  afterAll(async () => {
    socket?.destroy();
    await platform?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async <T>(path: string, token: string): Promise<T> => {
    const res = await fetch(`${platform.webUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };

  it('listens on loopback with the demo loggers in the data folder’s devices file', () => {
    const hj212 = platform.hj212;
    if (!hj212) throw new Error('the standalone mode started without its HJ 212 bridge');
    expect(new URL(hj212.url).hostname).toBe('127.0.0.1');
    expect(hj212.devicesFile).toBe(join(dataDir, 'hj212-devices.json'));
    const devices = JSON.parse(readFileSync(hj212.devicesFile, 'utf8')) as { mn: string; deviceId: string }[];
    expect(devices.map((d) => [d.mn, d.deviceId])).toEqual([
      ['QDHX0001CEMS01', 'demo-cems-001'],
      ['QDHX0001WW01', 'demo-ww-001'],
    ]);
  });

  it('answers each upload once the reading is in, and the API serves it; a wrong PW gets nothing', async () => {
    const url = new URL(platform.hj212?.url ?? 'tcp://missing');
    socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true });
    const logger = socket;
    await new Promise<void>((resolve, reject) => {
      logger.once('connect', resolve);
      logger.once('error', reject);
    });
    const answers: string[] = [];
    const framer = new Hj212Framer();
    logger.on('data', (chunk: Buffer) => {
      for (const event of framer.push(chunk)) {
        if (event.kind === 'frame') answers.push(event.frame.data.toString('latin1'));
      }
    });

    const at = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    const wrong = nowPacket('park.2011-stack-gas-voc.ms-datatime.flags-d-m-t', 'not-the-pw', at - 60_000);
    const cems = nowPacket('park.2011-stack-gas-voc.ms-datatime.flags-d-m-t', DEVICE_SECRET, at);
    const water = nowPacket('park.2061-wastewater.11-codes.flags-d-m', DEVICE_SECRET, at);
    logger.write(Buffer.concat([wrong.bytes, cems.bytes, water.bytes]));

    await waitFor('the two answers', () => answers.length >= 2);
    expect(answers).toEqual([
      `QN=${cems.qn};ST=91;CN=9014;PW=${DEVICE_SECRET};MN=QDHX0001CEMS01;Flag=4;CP=&&&&`,
      `QN=${water.qn};ST=91;CN=9014;PW=${DEVICE_SECRET};MN=QDHX0001WW01;Flag=4;CP=&&&&`,
    ]);

    const login = await fetch(`${platform.webUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const series = (deviceId: string, metric: string) =>
      api<TelemetrySeries>(
        `/api/telemetry/series?deviceId=${deviceId}&metric=${metric}&from=${at - 3_600_000}&to=${Date.now()}`,
        accessToken,
      );
    // Answered means on the bus; the telemetry writer stores it a moment later, each value with its data flag.
    // The wrong PW's packet (a minute earlier) is not there.
    await waitFor(
      'the CEMS reading in the API',
      async () => (await series('demo-cems-001', 'so2')).points.length > 0,
    );
    await waitFor(
      'the wastewater reading in the API',
      async () => (await series('demo-ww-001', 'cod')).points.length > 0,
    );
    expect((await series('demo-cems-001', 'so2')).points).toEqual([{ ts: at, value: 18.62 }]);
    expect((await series('demo-cems-001', 'nox')).points).toEqual([{ ts: at, value: 45.2, quality: 'D' }]);
    expect((await series('demo-cems-001', 'nmhc')).points).toEqual([{ ts: at, value: 182.3, quality: 'T' }]);
    expect((await series('demo-ww-001', 'cod')).points).toEqual([{ ts: at, value: 41.5 }]);
    expect((await series('demo-ww-001', 'tp')).points).toEqual([{ ts: at, value: 0.42, quality: 'D' }]);
    // The bridge's and the rules service's counters are on the operations port's /metrics, beside ingestion's.
    const scraped = await (await fetch(`${platform.opsUrl}/metrics`)).text();
    expect(scraped).toMatch(/^park_hj212_wrong_password_total [1-9]/m);
    expect(scraped).toMatch(/^park_hj212_readings_published_total [1-9]/m);
    expect(scraped).toMatch(/^park_ingest_accepted_total [1-9]/m);
    expect(scraped).toMatch(/^park_rules_batches_total [1-9]/m);
  });
});
