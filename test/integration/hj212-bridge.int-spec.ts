/**
 * The HJ 212 bridge on the real Mosquitto: a data logger's TCP connection (packets split across writes, several in
 * one write, noise, a bad CRC, a wrong password, an unknown MN) → the readings each device publishes on its MQTT
 * telemetry topic, and the 9014 answers on the socket. Then the whole way on the real services: packets with
 * millisecond DataTime, D/M/T flags and VOC codes → bridge → Mosquitto → ingestion → Kafka → InfluxDB, each value
 * stored with its flag as its quality.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { INestApplication } from '@nestjs/common';
import { hashSecret } from '@park/auth';
import { loadConfig } from '@park/config';
import { telemetryTopic } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity, seedDemoPark } from '@park/records';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { startIngestion } from '../../apps/ingestion/src/main';
import { encodeFrame, Hj212Framer, parseDataTime } from '@park/hj212';
import { hj212BridgeConfigSpec } from '../../apps/hj212-bridge/src/hj212-bridge.config';
import { Hj212Metrics } from '../../apps/hj212-bridge/src/hj212-metrics';
import { Hj212TcpServer } from '../../apps/hj212-bridge/src/hj212-tcp-server';
import { startHj212Bridge } from '../../apps/hj212-bridge/src/main';
import { okPacket, partsOf } from '../fixtures/hj212/golden';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const RUN = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;

/** The two public packets below keep their own MN and PW (123456), so the devices use them. */
const STACK = {
  mn: 'NEWPROTOCOLTEST000000092',
  deviceId: `hj212-cems-${RUN}`,
  kind: 'stack-gas',
  pw: '123456',
};
const WATER = { mn: '81733553213013', deviceId: `hj212-ww-${RUN}`, kind: 'wastewater', pw: '123456' };
const PUBLIC_STACK_2061 = okPacket('obsessiontech.2061-stack-gas-hourly');
const PUBLIC_WATER_2011 = okPacket('foxedge.2011-wastewater');

/** `YYYYMMDDhhmmss` in China Standard Time, whole minutes, `minutesAgo` before now. */
function chinaTime(minutesAgo: number): string {
  const ms = Math.floor(Date.now() / 60_000) * 60_000 - minutesAgo * 60_000 + 8 * 3600_000;
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

let qnCounter = 0;
function nextQn(): string {
  qnCounter++;
  return `${chinaTime(0)}${String(qnCounter).padStart(3, '0')}`;
}

interface Upload {
  readonly qn: string;
  readonly dataTime: string;
  readonly bytes: Buffer;
}

function upload(
  device: { mn: string; pw: string },
  cn: string,
  flag: number,
  pollutants: string,
  pw = device.pw,
): Upload {
  const qn = nextQn();
  const dataTime = chinaTime(10 - qnCounter);
  const bytes = encodeFrame(
    `QN=${qn};ST=31;CN=${cn};PW=${pw};MN=${device.mn};Flag=${flag};CP=&&DataTime=${dataTime};${pollutants}&&`,
  );
  return { qn, dataTime, bytes };
}

function ack(device: { mn: string; pw: string }, qn: string): string {
  return encodeFrame(`QN=${qn};ST=91;CN=9014;PW=${device.pw};MN=${device.mn};Flag=4;CP=&&&&`).toString(
    'latin1',
  );
}

function tsOf(dataTime: string): number {
  const ts = parseDataTime(dataTime);
  if (ts === null) throw new Error(dataTime);
  return ts;
}

async function startBridge(dir: string, env: Record<string, string> = {}) {
  const app = await startHj212Bridge(
    loadConfig(hj212BridgeConfigSpec, {
      MQTT_URL,
      HJ212_HOST: '127.0.0.1',
      HJ212_PORT: '0',
      HJ212_DEVICES_FILE: join(dir, 'devices.json'),
      HJ212_MQTT_CLIENT_PREFIX: `hj212-${RUN}`,
      HJ212_OPS_PORT: '0',
      ...env,
    }),
  );
  return {
    app,
    port: app.get(Hj212TcpServer).address().port,
    metrics: app.get(Hj212Metrics),
    opsUrl: await (app as INestApplication).getUrl(),
  };
}

/** A data logger: a TCP client that collects the packets the bridge sends back. */
async function dataLogger(port: number) {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const replies: string[] = [];
  const framer = new Hj212Framer();
  socket.on('data', (chunk: Buffer) => {
    for (const event of framer.push(chunk)) {
      // Rebuilt byte for byte as received (CRC included); anything that is not a packet shows up as a mismatch.
      replies.push(
        event.kind === 'frame'
          ? `##${String(event.frame.data.length).padStart(4, '0')}${event.frame.data.toString('latin1')}${event.frame.crc}\r\n`
          : `<${event.kind}>`,
      );
    }
  });
  const write = (bytes: Buffer | string) =>
    new Promise<void>((resolve, reject) => socket.write(bytes, (e) => (e ? reject(e) : resolve())));
  return { socket, replies, write };
}

describe('HJ 212 bridge: data logger over TCP → MQTT readings, on the real Mosquitto', () => {
  let dir: string;
  let bridge: Awaited<ReturnType<typeof startBridge>>;
  let probe: MqttClient;
  const readings = new Map<string, unknown[]>();
  const sockets: Socket[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `hj212-${RUN}-`));
    const cheap = { N: 1024, r: 1, p: 1 }; // the cost travels with the hash
    const devices = await Promise.all(
      [STACK, WATER].map(async (d) => ({
        mn: d.mn,
        deviceId: d.deviceId,
        kind: d.kind,
        passwordHash: await hashSecret(d.pw, cheap),
      })),
    );
    await writeFile(join(dir, 'devices.json'), JSON.stringify(devices));

    probe = mqtt.connect(MQTT_URL, { clientId: `hj212-probe-${RUN}`, protocolVersion: 5 });
    await new Promise<void>((resolve, reject) => {
      probe.once('connect', () => resolve());
      probe.once('error', reject);
    });
    probe.on('message', (topic, payload) => {
      readings.set(topic, [...(readings.get(topic) ?? []), JSON.parse(payload.toString('utf8'))]);
    });
    await probe.subscribeAsync([telemetryTopic(STACK.deviceId), telemetryTopic(WATER.deviceId)], { qos: 1 });

    bridge = await startBridge(dir);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await bridge?.app.close();
    await probe?.endAsync();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('publishes each device’s readings, answers what asks for it, and refuses bad packets without hanging up', async () => {
    const logger = await dataLogger(bridge.port);
    sockets.push(logger.socket);

    // 1. Real-time CEMS data split across three writes (inside the header, the CP and the CRC); NOx is in fault (D).
    const p1 = upload(
      STACK,
      '2011',
      5,
      'a21026-Rtd=35.2,a21026-ZsRtd=52.8,a21026-Flag=N;a21002-Rtd=88.0,a21002-Flag=D;a34013-Rtd=4.5,a34013-Flag=N;' +
        'a19001-Rtd=11.2,a19001-Flag=N;a00000-Rtd=12.3,a00000-Flag=N;a01012-Rtd=85.5,a01012-Flag=N;a01011-Rtd=9.8,a01011-Flag=N',
    );
    await logger.write(p1.bytes.subarray(0, 4));
    await logger.write(p1.bytes.subarray(4, 120));
    await logger.write(p1.bytes.subarray(120, p1.bytes.length - 3));
    await logger.write(p1.bytes.subarray(p1.bytes.length - 3));
    await waitFor('the answer to the split packet', () => logger.replies.length === 1);

    // 2. One write: noise and a broken header, minute data, the two public packets (Flag=4: no answer), hourly data.
    const noise = 'AT+CIPSEND\r\n##12x4\r\n';
    const p2 = upload(
      STACK,
      '2051',
      5,
      'a21026-Min=30,a21026-Avg=34.0,a21026-Max=38,a21026-ZsAvg=51.0,a21026-Flag=N;a19001-Avg=11.0',
    );
    const p4 = upload(
      WATER,
      '2061',
      5,
      'w01018-Avg=41.5,w01018-Flag=N;w21003-Avg=2.35,w21003-Flag=N;w01001-Avg=7.12;w00000-Avg=5.5',
    );
    await logger.write(
      Buffer.concat([Buffer.from(noise), p2.bytes, PUBLIC_STACK_2061, PUBLIC_WATER_2011, p4.bytes]),
    );

    // 3. A bad CRC, a wrong password, an unknown MN: all ask for an answer and must get none.
    const p5 = upload(STACK, '2011', 5, 'a21026-Rtd=999');
    const badCrc = Buffer.from(p5.bytes);
    badCrc.write(
      badCrc.toString('latin1', badCrc.length - 6, badCrc.length - 2) === '0000' ? '0001' : '0000',
      badCrc.length - 6,
      'latin1',
    );
    const p6 = upload(STACK, '2011', 5, 'a21026-Rtd=998', 'not-the-password');
    const p7 = upload({ mn: `UNKNOWN${RUN}`, pw: '123456' }, '2011', 5, 'a21026-Rtd=997');
    await logger.write(Buffer.concat([badCrc, p6.bytes, p7.bytes]));

    // 4. The same connection still works: one last real-time packet per device.
    const p8 = upload(STACK, '2011', 5, 'a21026-Rtd=36.0,a21026-Flag=N');
    const p9 = upload(WATER, '2011', 5, 'w01018-Rtd=40.0,w01018-Flag=N');
    await logger.write(Buffer.concat([p8.bytes, p9.bytes]));

    await waitFor('the five answers', () => logger.replies.length >= 5);
    expect(logger.replies).toEqual([
      ack(STACK, p1.qn),
      ack(STACK, p2.qn),
      ack(WATER, p4.qn),
      ack(STACK, p8.qn),
      ack(WATER, p9.qn),
    ]);

    const stackTopic = telemetryTopic(STACK.deviceId);
    const waterTopic = telemetryTopic(WATER.deviceId);
    await waitFor(
      'the readings of both devices',
      () => (readings.get(stackTopic)?.length ?? 0) >= 4 && (readings.get(waterTopic)?.length ?? 0) >= 3,
    );
    expect(readings.get(stackTopic)).toEqual([
      // measured values (not ZsRtd), flow m³/s → m³/h, NOx kept with its fault flag (D), flue-gas velocity
      {
        ts: tsOf(p1.dataTime),
        values: { so2: 35.2, nox: 88, pm: 4.5, o2: 11.2, flow: 44280, temp: 85.5, velocity: 9.8 },
        flags: { nox: 'D' },
      },
      { ts: tsOf(p2.dataTime), values: { so2: 34, o2: 11 } },
      // the public hourly VOC/CEMS packet: VOCs normal; temperature, velocity, humidity and O₂ flagged T; its
      // flue-gas pressure (−123 "kPa", below vacuum: Pa under a kPa code) left out
      {
        ts: Date.parse('2021-07-22T13:00:00+08:00'),
        values: {
          nmhc: 0.0196,
          temp: 39.7515,
          velocity: 5.7286,
          ch4: 0.1293,
          thc: 0.1489,
          humidity: 9.6075,
          o2: 15.1909,
          flow: 14094.36,
        },
        flags: { temp: 'T', velocity: 'T', humidity: 'T', o2: 'T' },
      },
      { ts: tsOf(p8.dataTime), values: { so2: 36 } },
    ]);
    expect(readings.get(waterTopic)).toEqual([
      // the public real-time packet: flow L/s → m³/h, total nitrogen
      {
        ts: Date.parse('2021-03-20T01:34:00+08:00'),
        values: { flow: 654.0552, tn: 45.16, tp: 1.97, nh3n: 53.131, cod: 194.2, ph: 7.496 },
      },
      { ts: tsOf(p4.dataTime), values: { cod: 41.5, nh3n: 2.35, ph: 7.12, flow: 19.8 } },
      { ts: tsOf(p9.dataTime), values: { cod: 40 } },
    ]);

    const m = bridge.metrics;
    expect({
      crcErrors: m.crcErrors,
      wrongPassword: m.wrongPassword,
      unknownMn: m.unknownMn,
      framesDropped: Object.fromEntries(m.framesDropped),
      bytesSkipped: m.bytesSkipped,
      readingsPublished: m.readingsPublished,
      acksSent: m.acksSent,
      valuesFlagged: Object.fromEntries(m.valuesFlagged),
      connectionsOpen: m.connectionsOpen,
    }).toEqual({
      crcErrors: 1,
      wrongPassword: 1,
      unknownMn: 1,
      framesDropped: { 'bad-length': 1 },
      bytesSkipped: noise.length,
      readingsPublished: 7,
      acksSent: 5,
      valuesFlagged: { D: 1, T: 4 },
      connectionsOpen: 1,
    });
    expect(logger.socket.destroyed).toBe(false);
  });

  it('stays on its port, or with HJ212_PORT_ATTEMPTS takes the next free one, when another holds it', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as AddressInfo).port;
    try {
      await expect(
        startBridge(dir, { HJ212_PORT: String(taken), HJ212_MQTT_CLIENT_PREFIX: `hj212-port-${RUN}` }),
      ).rejects.toThrow(/EADDRINUSE/);
      const moved = await startBridge(dir, {
        HJ212_PORT: String(taken),
        HJ212_PORT_ATTEMPTS: '20',
        HJ212_MQTT_CLIENT_PREFIX: `hj212-port2-${RUN}`,
      });
      try {
        expect(moved.port).toBeGreaterThan(taken);
        expect(moved.port).toBeLessThan(taken + 20);
      } finally {
        await moved.app.close();
      }
    } finally {
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });

  it('closes a connection that stays silent longer than HJ212_IDLE_TIMEOUT_MS', async () => {
    const idle = await startBridge(dir, {
      HJ212_IDLE_TIMEOUT_MS: '1000',
      HJ212_MQTT_CLIENT_PREFIX: `hj212-idle-${RUN}`,
    });
    try {
      const logger = await dataLogger(idle.port);
      sockets.push(logger.socket);
      const closed = new Promise<void>((resolve) => logger.socket.once('close', () => resolve()));
      await closed;
      await waitFor(
        'the idle timeout to be counted',
        () => idle.metrics.idleTimeouts === 1 && idle.metrics.connectionsOpen === 0,
      );
    } finally {
      await idle.app.close();
    }
  });
});

describe('HJ 212 as the field speaks it, on the real services: bridge → Mosquitto → ingestion → Kafka → InfluxDB', () => {
  let env: TestEnvironment;
  let dir: string;
  let ingestion: Awaited<ReturnType<typeof startIngestion>>;
  let bridge: Awaited<ReturnType<typeof startBridge>>;
  const sockets: Socket[] = [];
  // The MNs and PW of our golden packets; device ids of this run only, so no other suite's ingestion knows them.
  const CEMS = { mn: 'QDHX0001CEMS01', deviceId: `hj212-e2e-cems-${RUN}`, kind: 'stack-gas', pw: '123456' };
  const WW = { mn: 'QDHX0001WW01', deviceId: `hj212-e2e-ww-${RUN}`, kind: 'wastewater', pw: '123456' };

  /** A golden packet of ours as a logger would send it now: same content, today's QN and DataTime (17 digits). */
  function nowPacket(name: string, qn: string, dataTime: string): Buffer {
    const data = partsOf(okPacket(name))
      .data.toString('latin1')
      .replace(/QN=\d{17}/, `QN=${qn}`)
      .replace(/DataTime=\d{17}/, `DataTime=${dataTime}`);
    return encodeFrame(data);
  }

  /** `YYYYMMDDhhmmsszzz` China Standard Time of an instant. */
  function china17(ms: number): string {
    return new Date(ms + 8 * 3600_000).toISOString().replace(/[-:T.Z]/g, '');
  }

  beforeAll(async () => {
    env = await createTestEnvironment('hj212');
    await seedDemoPark(env.records, 'hj212-e2e-password');
    const enterprise = await env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' });
    const devices = env.records.getRepository(DeviceEntity);
    for (const d of [CEMS, WW]) {
      await devices.insert({
        id: d.deviceId,
        enterpriseId: enterprise.id,
        name: `HJ 212 ${d.kind} ${RUN}`,
        kind: d.kind,
        role: null,
        line: null,
        location: null,
        enabled: true,
        credentialHash: null,
        expectedIntervalS: 60,
        permitLimits: null,
        permitO2Reference: null,
        normalKw: null,
        credentialIssuedAt: null,
      });
    }
    ingestion = await startIngestion(
      loadConfig(ingestionConfigSpec, {
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        PARK_NAMESPACE: env.namespace,
        KAFKA_TOPIC_PARTITIONS: '3',
        INFLUX_URL: env.influxUrl,
        INFLUX_DATABASE: env.influxDatabase,
        MQTT_URL: env.mqttUrl,
        MQTT_CLIENT_ID: `park-ingestion-${env.runId}`,
        MQTT_SHARE_GROUP: `ingestion-${env.runId}`,
        INGEST_HTTP_PORT: '0',
      }),
    );

    dir = await mkdtemp(join(tmpdir(), `hj212-e2e-${RUN}-`));
    const cheap = { N: 1024, r: 1, p: 1 };
    const entries = await Promise.all(
      [CEMS, WW].map(async (d) => ({
        mn: d.mn,
        deviceId: d.deviceId,
        kind: d.kind,
        passwordHash: await hashSecret(d.pw, cheap),
      })),
    );
    await writeFile(join(dir, 'devices.json'), JSON.stringify(entries));
    bridge = await startBridge(dir, { HJ212_MQTT_CLIENT_PREFIX: `hj212-e2e-${RUN}` });
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await bridge?.app.close();
    await ingestion?.close();
    await env?.teardown();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores every mapped value of the CEMS+VOC and the 11-code wastewater packets, each with its flag', async () => {
    // Real-time data stamped to the millisecond; hourly data stamped at the start of the hour (…000 ms).
    const minuteAgo = Date.now() - 60_000;
    const realTime = minuteAgo - (minuteAgo % 1000) + 123;
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const cemsQn = china17(Date.now());
    const wwQn = china17(Date.now() + 1);
    const cems = nowPacket('park.2011-stack-gas-voc.ms-datatime.flags-d-m-t', cemsQn, china17(realTime));
    const ww = nowPacket('park.2061-wastewater.11-codes.flags-d-m', wwQn, china17(hour));

    const logger = await dataLogger(bridge.port);
    sockets.push(logger.socket);
    await logger.write(Buffer.concat([cems, ww]));
    // Both ask for an answer (Flag=5); it comes once the broker has each reading.
    await waitFor('both 9014 answers', () => logger.replies.length === 2);
    expect(logger.replies).toEqual([ack(CEMS, cemsQn), ack(WW, wwQn)]);

    const stored = async (kind: string, deviceId: string, metric: string, ts: number) =>
      env.influx.points({ kind, metric, deviceId, from: ts, to: ts + 1 });
    const cemsMetrics = [
      'so2',
      'nox',
      'pm',
      'o2',
      'flow',
      'temp',
      'velocity',
      'pressure',
      'humidity',
      'nmhc',
      'thc',
      'ch4',
    ];
    const wwMetrics = ['flow', 'cod', 'nh3n', 'tp', 'tn', 'ph', 'do', 'temp', 'conductivity', 'turbidity'];
    await waitFor(
      'every value of both packets in InfluxDB',
      async () => {
        const counts = await Promise.all([
          ...cemsMetrics.map((m) => stored('stack-gas', CEMS.deviceId, m, realTime)),
          ...wwMetrics.map((m) => stored('wastewater', WW.deviceId, m, hour)),
        ]);
        return counts.every((points) => points.length === 1);
      },
      30_000,
    );

    const cemsStored = Object.fromEntries(
      await Promise.all(
        cemsMetrics.map(
          async (m) => [m, (await stored('stack-gas', CEMS.deviceId, m, realTime))[0]] as const,
        ),
      ),
    );
    const at = (value: number, quality?: string) => ({
      ts: realTime,
      value,
      ...(quality ? { quality } : {}),
    });
    expect(cemsStored).toEqual({
      so2: at(18.62),
      nox: at(45.2, 'D'),
      pm: at(3.1, 'M'),
      o2: at(9.8),
      flow: at(51984),
      temp: at(128.5),
      velocity: at(12.4),
      pressure: at(-0.12),
      humidity: at(9.6),
      nmhc: at(182.3, 'T'),
      thc: at(184.1, 'T'),
      ch4: at(1.8),
    });

    const wwStored = Object.fromEntries(
      await Promise.all(
        wwMetrics.map(async (m) => [m, (await stored('wastewater', WW.deviceId, m, hour))[0]] as const),
      ),
    );
    const inHour = (value: number, quality?: string) => ({
      ts: hour,
      value,
      ...(quality ? { quality } : {}),
    });
    expect(wwStored).toEqual({
      flow: inHour(19.8),
      cod: inHour(41.5),
      nh3n: inHour(2.35),
      tp: inHour(0.42, 'D'),
      tn: inHour(9.8),
      ph: inHour(7.12),
      do: inHour(6.2, 'M'),
      temp: inHour(18.5),
      conductivity: inHour(1425),
      turbidity: inHour(13.1),
    });

    // The InfluxDB tag itself: flagged values sit in series tagged quality=<flag>, normal ones in the untagged one.
    const tags = await env.influx.select(
      `SHOW TAG VALUES FROM "wastewater" WITH KEY = "quality" WHERE "device" = '${WW.deviceId}'`,
    );
    expect(tags.flatMap((t) => t.values.map((row) => row[1])).sort()).toEqual(['D', 'M']);
    expect(Object.fromEntries(bridge.metrics.valuesFlagged)).toEqual({ D: 2, M: 2, T: 2 });
    // The same counters for Prometheus, on the bridge's operations port, and its readiness.
    const scraped = await (await fetch(`${bridge.opsUrl}/metrics`)).text();
    expect(scraped).toContain('park_hj212_values_flagged_total{flag="D"} 2');
    expect(scraped).toContain(`park_hj212_readings_published_total ${bridge.metrics.readingsPublished}`);
    const health = await fetch(`${bridge.opsUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { hj212: { status: 'up' } } });
  });
});
