/**
 * The standalone mode loses nothing it acknowledged: devices publish QoS 1 readings as fast as the process
 * acknowledges them (gas detectors among them, their readings crossing the level-1 set point now and then), the
 * process is killed with SIGKILL mid-stream, restarted on the same data folder, and the devices then send what was
 * never acknowledged, as QoS 1 devices do. Every acknowledged reading must be in the telemetry store and every gas
 * excursion must have raised exactly one alert — those acknowledged before the kill but not yet written or judged
 * included (the bus journal replays them), and those judged before the kill and replayed not raised twice.
 * So that the kill surely finds such readings, the test holds the write locks of the telemetry store and the
 * records for a while before it: the writer and the rules cannot commit (they retry), ingestion goes on
 * acknowledging into the bus.
 * Nothing but the standalone process (`dist/apps/standalone/src/main.js`, built by scripts/test.sh).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import { seedStandaloneDevices } from '../support/standalone-devices';
import { waitFor } from '../support/wait-for';

const REPO = resolve(__dirname, '../..');
const SECRET = 'standalone-crash-device-secret';
const METERS = 12;
const GAS_DETECTORS = 4;
const READINGS_PER_DEVICE = 400;
/** QoS 1 messages a device has in flight at once. */
const WINDOW = 20;
/** The stores are locked once this share of all readings is acknowledged. */
const LOCK_AT = 0.2;
/** The process is killed once this many acknowledged readings are not in the telemetry store (the bus has them). */
const BACKLOG = 150;
/** Gas readings at these positions of every hundred cross the level-1 set point (25 %LEL): one alert each time. */
const EXCURSION = { from: 50, to: 54 };
const EXCURSIONS_PER_DETECTOR = READINGS_PER_DEVICE / 100;
const GAS_RULE = 'gas.lel.two-level';
const START_TS = Date.now() - 3 * 3600_000;

interface Device {
  readonly id: string;
  readonly kind: 'power-meter' | 'combustible-gas';
  /** Which readings the process acknowledged (PUBACK), by index. */
  readonly acked: boolean[];
}

const ts = (i: number) => START_TS + i * 1000;

function payload(device: Device, i: number): string {
  if (device.kind === 'combustible-gas') {
    const lel = i % 100 >= EXCURSION.from && i % 100 <= EXCURSION.to ? 30 + (i % 3) : 4 + (i % 5) / 10;
    return JSON.stringify({ ts: ts(i), values: { lel } });
  }
  const kw = 400 + (i % 50);
  return JSON.stringify({ ts: ts(i), values: { kw, voltage: 380, current: +(kw * 1.69).toFixed(2) } });
}

/** Readings (kw or lel points) of devices matching `pattern` in the embedded store, read beside its writer. */
function storedCount(dataDir: string, pattern: string): number {
  let db: Database.Database;
  try {
    db = new Database(join(dataDir, 'telemetry.db'), { readonly: true, fileMustExist: true });
  } catch {
    return 0; // not created yet
  }
  try {
    const row = db
      .prepare(
        `SELECT count(*) AS n FROM raw r JOIN series s ON s.id = r.series_id WHERE s.device LIKE ? AND r.field IN ('kw', 'lel')`,
      )
      .get(pattern) as { n: number };
    return row.n;
  } catch {
    return 0; // no schema yet
  } finally {
    db.close();
  }
}

/** The standalone process on `dataDir`, on free ports, without the simulator or the HJ 212 bridge. */
async function startStandalone(dataDir: string): Promise<{ child: ChildProcess; mqttUrl: string }> {
  const child = spawn(process.execPath, [resolve(REPO, 'dist/apps/standalone/src/main.js')], {
    env: {
      ...process.env,
      PARK_DATA_DIR: dataDir,
      SIMULATE: 'false',
      HJ212: 'false',
      API_PORT: '0',
      MQTT_PORT: '0',
      OPS_PORT: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const port = await waitFor(
    'the standalone banner',
    () => {
      if (child.exitCode !== null)
        throw new Error(`standalone exited ${child.exitCode}: ${out.slice(-2000)}`);
      return /MQTT broker:\s+mqtt:\/\/[\d.]+:(\d+)/.exec(out)?.[1];
    },
    120_000,
    100,
  );
  return { child, mqttUrl: `mqtt://127.0.0.1:${port}` };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

function connect(url: string, id: string): Promise<MqttClient> {
  return mqtt.connectAsync(url, {
    clientId: id,
    username: id,
    password: SECRET,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
}

/**
 * Publishes the device's readings not yet acknowledged, in order, `WINDOW` at a time, marking each acknowledged
 * one; stops (without rejecting) when the connection goes, as it does when the process is killed.
 */
async function publishUnacked(client: MqttClient, device: Device): Promise<void> {
  const topic = `park/v1/devices/${device.id}/telemetry`;
  const todo = device.acked.flatMap((acked, i) => (acked ? [] : [i]));
  let next = 0;
  let gone = false;
  // A QoS 1 publish in flight when the connection goes is never acknowledged; its promise may never settle.
  const closed = new Promise<void>((r) => client.once('close', () => r()));
  void closed.then(() => (gone = true));
  const lane = async () => {
    while (!gone && next < todo.length) {
      const i = todo[next++];
      const acked = client.publishAsync(topic, payload(device, i), { qos: 1 }).then(
        () => (device.acked[i] = true),
        () => (gone = true),
      );
      await Promise.race([acked, closed]);
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, lane));
}

describe('standalone mode: kill -9 under load loses no acknowledged reading and raises no alert twice', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'park-standalone-crash-'));
  const run = Date.now().toString(36);
  const devices: Device[] = [
    ...Array.from({ length: METERS }, (_, n) => ({
      id: `crash-meter-${run}-${n}`,
      kind: 'power-meter' as const,
    })),
    ...Array.from({ length: GAS_DETECTORS }, (_, n) => ({
      id: `crash-gas-${run}-${n}`,
      kind: 'combustible-gas' as const,
    })),
  ].map((d) => ({ ...d, acked: new Array<boolean>(READINGS_PER_DEVICE).fill(false) }));
  let child: ChildProcess | null = null;
  const clients: MqttClient[] = [];

  const ackedCount = () => devices.reduce((n, d) => n + d.acked.filter(Boolean).length, 0);

  beforeAll(async () => {
    // The devices in the data folder's records before the first start (which adds the demo park beside them).
    await seedStandaloneDevices(
      dataDir,
      '断电测试企业',
      devices.map((d) => ({
        id: d.id,
        kind: d.kind,
        role: d.kind === 'power-meter' ? 'production' : null,
        line: d.kind === 'power-meter' ? 'L1' : null,
      })),
      SECRET,
    );
  });

  afterAll(async () => {
    for (const client of clients.splice(0)) client.end(true);
    if (child) await kill(child, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every acknowledged reading and raises every alert exactly once after a SIGKILL and a restart', async () => {
    // Under load, killed mid-stream.
    const first = await startStandalone(dataDir);
    child = first.child;
    const firstClients = await Promise.all(devices.map((d) => connect(first.mqttUrl, d.id)));
    clients.push(...firstClients);
    const publishing = Promise.all(devices.map((d, n) => publishUnacked(firstClients[n], d)));
    const total = devices.length * READINGS_PER_DEVICE;
    await waitFor('the share of readings to lock at', () => ackedCount() >= total * LOCK_AT, 120_000, 5);
    const locks = ['telemetry.db', 'records.db'].map((file) => {
      const db = new Database(join(dataDir, file), { fileMustExist: true, timeout: 30_000 });
      db.exec('BEGIN IMMEDIATE');
      return db;
    });
    const stored = storedCount(dataDir, `crash-%-${run}-%`);
    const ackedAtKill = await waitFor(
      `${BACKLOG} acknowledged readings not stored yet`,
      () => ackedCount() - stored >= BACKLOG && ackedCount(),
      120_000,
      5,
    );
    await kill(first.child, 'SIGKILL');
    for (const db of locks) {
      db.exec('ROLLBACK');
      db.close();
    }
    console.log(`killed with ${ackedAtKill} readings acknowledged, ${stored} of them stored`);
    await publishing;
    const ackedBeforeKill = devices.map((d) => ({
      device: d,
      indexes: d.acked.flatMap((a, i) => (a ? [i] : [])),
    }));
    expect(ackedCount()).toBeLessThan(total);
    for (const client of clients.splice(0)) client.end(true);

    // Restarted on the same data folder; the devices send what was never acknowledged.
    const second = await startStandalone(dataDir);
    child = second.child;
    const secondClients = await Promise.all(devices.map((d) => connect(second.mqttUrl, d.id)));
    clients.push(...secondClients);
    await Promise.all(devices.map((d, n) => publishUnacked(secondClients[n], d)));
    expect(ackedCount()).toBe(total);

    // Every reading in the store: those acknowledged before the kill first among them.
    const telemetry = new Database(join(dataDir, 'telemetry.db'), { readonly: true, fileMustExist: true });
    const storedTimes = (device: Device): Set<number> =>
      new Set(
        (
          telemetry
            .prepare(
              `SELECT r.ts FROM raw r JOIN series s ON s.id = r.series_id WHERE s.device = ? AND r.field = ?`,
            )
            .all(device.id, device.kind === 'power-meter' ? 'kw' : 'lel') as { ts: number }[]
        ).map((r) => r.ts),
      );
    try {
      // Waited for, then listed: a reading lost for good shows by its name below, not as a time-out.
      await waitFor(
        'every reading to be stored',
        () => devices.every((d) => storedTimes(d).size === READINGS_PER_DEVICE),
        60_000,
        250,
      ).catch(() => undefined);
      const lostBeforeKill = ackedBeforeKill.flatMap(({ device, indexes }) => {
        const stored = storedTimes(device);
        return indexes.filter((i) => !stored.has(ts(i))).map((i) => `${device.id}#${i}`);
      });
      expect(lostBeforeKill).toEqual([]);
      const missing = devices.flatMap((device) => {
        const stored = storedTimes(device);
        return device.acked.flatMap((_, i) => (stored.has(ts(i)) ? [] : [`${device.id}#${i}`]));
      });
      expect(missing).toEqual([]);
    } finally {
      telemetry.close();
    }

    // Every excursion one alert, opened and resolved once: the last one resolved means the rules judged every reading.
    const recordsDb = new Database(join(dataDir, 'records.db'), { readonly: true, fileMustExist: true });
    const gasAlerts = () =>
      recordsDb
        .prepare(
          `SELECT a.device_id AS device, a.resolved_at AS resolvedAt FROM alerts a JOIN rules r ON r.id = a.rule_id
           WHERE r.code = ? AND a.device_id LIKE ?`,
        )
        .all(GAS_RULE, `crash-gas-${run}-%`) as { device: string; resolvedAt: string | null }[];
    try {
      const detectors = devices.filter((d) => d.kind === 'combustible-gas');
      await waitFor(
        'every excursion’s alert, resolved',
        () => {
          const alerts = gasAlerts();
          return (
            alerts.length >= detectors.length * EXCURSIONS_PER_DETECTOR &&
            alerts.every((a) => a.resolvedAt !== null)
          );
        },
        60_000,
        250,
      ).catch(() => undefined);
      const perDetector = new Map(detectors.map((d) => [d.id, 0]));
      for (const alert of gasAlerts())
        perDetector.set(alert.device, (perDetector.get(alert.device) ?? 0) + 1);
      expect(Object.fromEntries(perDetector)).toEqual(
        Object.fromEntries(detectors.map((d) => [d.id, EXCURSIONS_PER_DETECTOR])),
      );
    } finally {
      recordsDb.close();
    }
  }, 300_000);
});
