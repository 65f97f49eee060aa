/**
 * `npm run bench:alerts`: latency from an MQTT publish to the alert reaching a socket.io client, under a background
 * load of 5,000 messages/s, on the real services (PostgreSQL, Kafka, InfluxDB) and a private Mosquitto.
 *
 * - Background: BENCH_DEVICES power meters (registered, so they go through ingestion, InfluxDB and the rules service
 *   like real ones) × BENCH_RATE messages/s each, one MQTT connection per meter, from a child process so it does not
 *   share the measuring process's event loop: lean-load-child.ts (raw mqtt-packet, as bench:ingest uses) by
 *   default, so that on a 2-core machine the stand-in devices take as little CPU as possible from the platform;
 *   BENCH_LOAD=simulator uses the simulator's load generator (`runLoad`, MQTT.js clients) instead.
 * - Probe: one combustible-gas detector alternates 30 %LEL (opens a level-1 alert) and 3 %LEL (auto-resolves it)
 *   every BENCH_PROBE_INTERVAL_MS; each sample is publish → the matching `alert` event on an officer's socket.
 * - Ingestion (its MQTT ingress, and its telemetry writer with the liveness watcher, as two processes), rules and
 *   api run as separate processes from dist/, with their production settings, as scripts/start-local.sh runs them.
 * - Per stage (alert-stages.ts), from what the services already record: the telemetry record's `receivedAt` and
 *   Kafka timestamp (read back from the topic after the run), the alert event's `at` (on the socket), the outbox's
 *   `published_at` (read from the records after the run), the alert record's Kafka timestamp, and when a consumer
 *   of this process's own with the api's fan-out settings got it. The bench creates the two topics with
 *   LogAppendTime, so both Kafka timestamps are the broker's append time.
 * - BENCH_CHANNELS=N (0–3) fans every warning and critical alert out to N notification channels (local stand-ins of
 *   企业微信, 钉钉 and Aliyun SMS); BENCH_BURST=N has N smoke detectors raise a critical alert together a third into
 *   the run. `npm run bench:notify` runs both without and with three channels, one after the other.
 * Prints the machine (CPU model from /proc/cpuinfo), the date and the load average, p50/p90/p99/max end to end, the
 * per-stage table and the background's achieved rate, as rows for docs/benchmarks.md.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { KafkaBus, type IncomingMessage } from '@park/bus';
import {
  decodeAlertEvent,
  decodeTelemetryRecord,
  telemetryTopic,
  topicName,
  type AlertEvent,
} from '@park/contracts';
import { DeviceEntity, EnterpriseEntity, seedDemoPark } from '@park/records';
import { runLoad } from '../../simulators/src/load/load-generator';
import { freePort, startMosquitto } from '../support/mosquitto-instance';
import { createTestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';
import { outOfOrder, stageRows, stageTable, type AlertPathStamps } from './alert-stages';
import { describeMachine, leanLoad, percentile, watchLoadAverage, type LoadReport } from './bench-support';
import {
  burstDevices,
  burstIdPrefix,
  countDeliveries,
  createChannels,
  publishBurst,
  type Fanout,
} from './notification-fanout';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DEVICES = num('BENCH_DEVICES', 500);
const RATE = num('BENCH_RATE', 10);
const DURATION_MS = num('BENCH_DURATION_MS', 180_000);
const WARMUP_MS = num('BENCH_WARMUP_MS', 10_000);
const PROBE_INTERVAL_MS = num('BENCH_PROBE_INTERVAL_MS', 250);
const INGESTION_PROCESSES = num('BENCH_INGESTION_PROCESSES', 2);
/** `lean` (default): raw mqtt-packet publishers, as bench:ingest uses; `simulator`: the simulator's runLoad. */
const LOAD = process.env.BENCH_LOAD === 'simulator' ? 'simulator' : 'lean';
/**
 * The stand-in devices run on the measured machine, where real ones would not: their publisher yields the CPU
 * (niceness BENCH_LOAD_NICE, 10 by default; 0 to compete as an equal).
 */
const LOAD_NICE = num('BENCH_LOAD_NICE', 10);
/** The telemetry writer's niceness, as scripts/start-local.sh runs it (TELEMETRY_WRITER_NICE, 10). */
const WRITER_NICE = num('TELEMETRY_WRITER_NICE', 10);
/** Notification channels each alert fans out to (0–3: 企业微信, 钉钉, Aliyun SMS stand-ins); notification-fanout.ts. */
const CHANNELS = num('BENCH_CHANNELS', 0);
/** Smoke detectors that raise an alert together, once, a third into the run (0: no burst). */
const BURST = num('BENCH_BURST', 0);
const PASSWORD = 'bench-password-1';
const REPO = resolve(__dirname, '../../..');

async function loadChild(): Promise<void> {
  const [brokerUrl, runId] = process.argv.slice(3);
  const report = await runLoad({
    brokerUrl,
    devices: DEVICES,
    ratePerDevice: RATE,
    durationMs: DURATION_MS,
    idPrefix: 'bench',
    runId,
  });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** One probe reading; the services' stamps are joined in after the run. */
interface ProbeSample {
  readonly type: 'opened' | 'resolved';
  /** `Date.now()` at the publish, also the reading's `ts` (unique: probes are ≥ 250 ms apart). */
  readonly publishedAt: number;
  /** Whether it was published after the warm-up. */
  readonly counted: boolean;
  /** Whether its event arrived within 5 s (only those are in the percentiles). */
  inTime: boolean;
}

/** An `opened`/`resolved` event of the probe's gas rule as it reached the officer's socket. */
interface ProbeEvent {
  readonly seq: number;
  readonly type: string;
  /** The event's `at`. */
  readonly eventAt: number;
  /** `Date.now()` on arrival. */
  readonly arrivedAt: number;
}

/** The Kafka timestamp of a record and when a consumer of the bench handed it over. */
interface ConsumedRecord {
  readonly appended: number;
  readonly consumedAt: number;
}

/**
 * The probe's telemetry records, by reading `ts`: ingestion's `receivedAt` and the record's Kafka timestamp. Reads
 * the topic from the start in a group of its own until every reading the probe published is found (or 2 min).
 */
async function probeReadings(
  kafka: KafkaBus,
  namespace: string,
  probeId: string,
  published: ReadonlySet<number>,
): Promise<Map<number, { receivedAt: number; appended: number }>> {
  const found = new Map<number, { receivedAt: number; appended: number }>();
  const subscription = await kafka.consume(
    {
      groupId: `bench-readback.${namespace}`,
      topics: [topicName('telemetry', namespace)],
      fromBeginning: true,
    },
    (messages) => {
      for (const m of messages) {
        if (m.key !== probeId) continue;
        const record = decodeTelemetryRecord(m.value);
        if (published.has(record.ts))
          found.set(record.ts, { receivedAt: record.receivedAt, appended: m.timestamp });
      }
      return Promise.resolve();
    },
  );
  try {
    await waitFor('the probe readings read back', () => found.size >= published.size, 120_000, 200).catch(
      () => undefined,
    );
  } finally {
    await subscription.close();
  }
  return found;
}

/**
 * Creates the telemetry and alerts topics before the apps do (their `ensureTopics` leaves existing topics alone),
 * with `message.timestamp.type=LogAppendTime`: each record's timestamp is then the broker's clock when it appended
 * the batch, rather than the producer's when it encoded the request (which is before the producer waits for its one
 * in-flight request). Nothing else changes for the apps: the only reader of record timestamps, the rules' caught-up
 * check, means "appended to Kafka" already.
 */
async function createStampedTopics(brokers: string[], namespace: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench-topics', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: (['telemetry', 'alerts'] as const).map((key) => ({
        topic: topicName(key, namespace),
        numPartitions: 3,
        replicationFactor: 1,
        configEntries: [{ name: 'message.timestamp.type', value: 'LogAppendTime' }],
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<void> {
  // KafkaBus logs kafkajs's info lines through Nest's logger; the bench's output is its report.
  Logger.overrideLogger(['error', 'warn']);
  const env = await createTestEnvironment('bench');
  const broker = await startMosquitto();
  const runId = env.runId.replace(/_/g, '').slice(-10);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await seedDemoPark(env.records, PASSWORD);
    const enterprise = await env.records.getRepository(EnterpriseEntity).findOneByOrFail({});
    const devices = env.records.getRepository(DeviceEntity);
    const probeId = `bench-gas-${runId}`;
    const rows = [
      { id: probeId, kind: 'combustible-gas', role: null, expectedIntervalS: 10 },
      ...Array.from({ length: DEVICES }, (_, i) => ({
        id: `bench-${runId}-${String(i + 1).padStart(5, '0')}`,
        kind: 'power-meter',
        role: 'general',
        // As configured for real meters; the bench's 10 msg/s per device is a load artefact, not the interval.
        expectedIntervalS: 60,
      })),
      ...burstDevices(runId, BURST),
    ];
    const burstIds = rows.slice(1 + DEVICES).map((r) => r.id);
    for (let i = 0; i < rows.length; i += 500) {
      await devices.insert(
        rows.slice(i, i + 500).map((r) => ({
          ...r,
          enterpriseId: enterprise.id,
          name: r.id,
          line: null,
          location: 'bench',
          enabled: true,
          credentialHash: null,
          isDemo: true,
        })),
      );
    }
    // Each app in its own process, as deployed: sharing one event loop would measure the bench, not the platform.
    const common = {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      PARK_NAMESPACE: env.namespace,
      KAFKA_TOPIC_PARTITIONS: '3',
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
    };
    await createStampedTopics(env.kafkaBrokers, env.namespace);
    const ingestPort = await freePort();
    const apiPort = await freePort();
    /** Ready: the app's /health answers 200 (`healthPort`), or for the rules service, its "consuming" log line. */
    const app = (
      name: string,
      extra: Record<string, string>,
      ready: number | string,
      label = name,
      nice = 0,
    ) => {
      const child = spawn(process.execPath, [resolve(REPO, `dist/apps/${name}/src/main.js`)], {
        env: { ...common, ...extra },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (nice && child.pid) setPriority(child.pid, nice);
      let out = '';
      const onData = (d: Buffer) => {
        out += d.toString('utf8');
        if (out.length > 100_000) out = out.slice(-50_000);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      closers.push(async () => {
        if (process.env.BENCH_LOG_DIR) writeFileSync(resolve(process.env.BENCH_LOG_DIR, `${label}.log`), out);
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      });
      const isReady =
        typeof ready === 'string'
          ? () => out.includes(ready)
          : async () => (await fetch(`http://127.0.0.1:${ready}/health`).catch(() => null))?.ok === true;
      return waitFor(`${label} ready`, isReady, 90_000, 100);
    };
    // Deployed as scripts/start-local.sh does: the MQTT ingress in a process of its own, the telemetry writer and
    // the liveness watcher (the bulk consumers of the telemetry topic) in a second one. BENCH_INGESTION_PROCESSES=1
    // runs all three in one process, for comparison.
    const split = INGESTION_PROCESSES > 1;
    await app(
      'ingestion',
      {
        MQTT_URL: broker.url,
        MQTT_CLIENT_ID: `park-ingestion-${env.runId}`,
        MQTT_SHARE_GROUP: `ingestion-${env.runId}`,
        INGEST_HTTP_PORT: String(ingestPort),
        ...(split ? { RUN_TELEMETRY_WRITER: 'false', RUN_LIVENESS: 'false' } : {}),
      },
      ingestPort,
    );
    if (split) {
      const writerPort = await freePort();
      await app(
        'ingestion',
        { RUN_MQTT_INGRESS: 'false', INGEST_HTTP_PORT: String(writerPort) },
        writerPort,
        'telemetry-writer',
        WRITER_NICE,
      );
    }
    let fanout: Fanout | null = null;
    if (CHANNELS > 0) {
      const created = await createChannels(env.records, CHANNELS);
      fanout = created;
      closers.push(() => created.close());
    }
    const runStartedAt = new Date();
    // The stand-ins listen on loopback, which the rules service refuses as a target unless allowed.
    await app('rules', { WEBHOOK_ALLOWED_TARGETS: '127.0.0.1', RULES_HTTP_PORT: '0' }, 'as group rules');
    await app(
      'api',
      {
        JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
        API_PORT: String(apiPort),
        API_INSTANCE_ID: `bench-${env.runId}`,
      },
      apiPort,
    );
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const login = await fetch(`${apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const socket = io(apiUrl, { auth: { token: accessToken }, transports: ['websocket'] });
    closers.push(() => Promise.resolve(socket.close()));
    // Readings alternate 30 and 3 %LEL, so the probe's gas rule gives exactly one event per reading, in order: the
    // k-th reading's event is the k-th event. Matching by order, not by type alone, keeps a late event of an earlier
    // reading (one that timed out) from being taken for a later reading's.
    const probeEvents: ProbeEvent[] = [];
    let waiting: { index: number; type: string; t0: number; resolve: (ms: number) => void } | null = null;
    socket.on('alert', (event: AlertEvent) => {
      if (event.alert.subjectId !== probeId || event.alert.metric !== 'lel') return;
      if (event.type !== 'opened' && event.type !== 'resolved') return;
      probeEvents.push({ seq: event.seq, type: event.type, eventAt: event.at, arrivedAt: Date.now() });
      if (waiting && probeEvents.length === waiting.index + 1 && event.type === waiting.type) {
        const w = waiting;
        waiting = null;
        w.resolve(performance.now() - w.t0);
      }
    });
    await new Promise<void>((resolve) => socket.once('ready', () => resolve()));

    // A follower of the alerts topic in a group of its own, with the api fan-out's settings (realtime.consumer.ts:
    // maxWaitMs 20, from the end): when it has an event is when the api's consumer could have it, so the rest of the
    // way to the socket is the api's. Only alert events pass here: a few a second, nothing to load the machine with.
    const kafka = new KafkaBus({ brokers: env.kafkaBrokers, clientId: `bench-${runId}`, partitions: 3 });
    closers.push(() => kafka.close());
    const alertRecords = new Map<number, ConsumedRecord>();
    await kafka.consume(
      {
        groupId: `bench-alerts.${env.namespace}`,
        topics: [topicName('alerts', env.namespace)],
        fromBeginning: false,
        maxWaitMs: 20,
      },
      (messages: readonly IncomingMessage[]) => {
        const consumedAt = Date.now();
        for (const m of messages) {
          const event = decodeAlertEvent(m.value);
          if (event.alert.subjectId === probeId)
            alertRecords.set(event.seq, { appended: m.timestamp, consumedAt });
        }
        return Promise.resolve();
      },
    );
    const probe = await mqtt.connectAsync(broker.url, {
      clientId: probeId,
      username: probeId,
      protocolVersion: 5,
    });
    closers.push(() => probe.endAsync());

    const loadReport: Promise<Partial<LoadReport>> =
      LOAD === 'simulator'
        ? new Promise((resolveReport) => {
            const load = spawn(process.execPath, [__filename, '--load-child', broker.url, runId], {
              env: process.env,
              stdio: ['ignore', 'pipe', 'inherit'],
            });
            let loadOut = '';
            load.stdout.on('data', (d: Buffer) => (loadOut += d.toString('utf8')));
            load.once('exit', () =>
              resolveReport(JSON.parse(loadOut.trim().split('\n').pop() ?? '{}') as Partial<LoadReport>),
            );
          })
        : leanLoad(
            broker.url,
            rows.slice(1).map((r) => r.id),
            DEVICES * RATE,
            DURATION_MS,
            undefined,
            LOAD_NICE,
          );
    const started = performance.now();
    const loadStartedAt = Date.now();
    const loadAverage = watchLoadAverage();
    let burstAt: number | null = null;
    const burst =
      burstIds.length > 0
        ? new Promise<void>((resolveBurst) =>
            setTimeout(() => {
              publishBurst(probe, burstIds)
                .then((at) => (burstAt = at))
                .catch((error: unknown) => process.stderr.write(`burst failed: ${String(error)}\n`))
                .finally(resolveBurst);
            }, DURATION_MS / 3),
          )
        : Promise.resolve();
    const probes: ProbeSample[] = [];
    const samples: number[] = [];
    let timeouts = 0;
    let open = false;
    process.stdout.write(
      `background: ${DEVICES} devices × ${RATE}/s = ${DEVICES * RATE} msg/s for ${DURATION_MS / 1000} s; warm-up ${WARMUP_MS / 1000} s\n`,
    );
    while (performance.now() - started < DURATION_MS - 2_000) {
      const type = open ? 'resolved' : 'opened';
      const value = open ? 3 : 30;
      const t0 = performance.now();
      const sample: ProbeSample = {
        type,
        publishedAt: Date.now(),
        counted: t0 - started >= WARMUP_MS,
        inTime: false,
      };
      const index = probes.push(sample) - 1;
      const latency = new Promise<number>((resolve) => {
        waiting = { index, type, t0, resolve };
      });
      await probe.publishAsync(
        telemetryTopic(probeId),
        JSON.stringify({ ts: sample.publishedAt, values: { lel: value } }),
        {
          qos: 1,
        },
      );
      const ms = await Promise.race([latency, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
      if (ms === null) {
        timeouts++;
        waiting = null;
      } else {
        sample.inTime = true;
        if (sample.counted) samples.push(ms);
      }
      open = !open;
      await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
    }
    const report = await loadReport;
    await burst;
    const loadAvg = loadAverage();
    const sorted = [...samples].sort((a, b) => a - b);
    const fmt = (x: number) => `${x.toFixed(1)} ms`;
    const machine = describeMachine();
    process.stdout.write(
      [
        '',
        `### Run — ${new Date().toISOString().slice(0, 10)}, ${machine.cpus} × ${machine.cpuModel}`,
        '',
        `Machine: ${machine.cpus} × ${machine.cpuModel} (/proc/cpuinfo), ${machine.memGiB} GiB, Linux ${machine.kernel}, ` +
          `Node ${machine.node}. Load average (1 min) during the run: ${loadAvg.first.toFixed(2)} at the start, ` +
          `${loadAvg.min.toFixed(2)}–${loadAvg.max.toFixed(2)}, ${loadAvg.last.toFixed(2)} at the end.`,
        '',
        `background achieved: ${report.ackedPerSecond?.toFixed(0)} msg/s acknowledged (${report.acked}/${report.sent})`,
        `alert latency, MQTT publish → socket.io, ${sorted.length} samples after warm-up (${timeouts} timed out):`,
        `  p50 ${fmt(percentile(sorted, 50))}  p90 ${fmt(percentile(sorted, 90))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted[sorted.length - 1] ?? NaN)}`,
        `notification channels: ${fanout?.channels ?? 0}; burst: ${burstIds.length} smoke detectors at once` +
          (burstAt !== null ? ` ${((burstAt - loadStartedAt) / 1000).toFixed(0)} s into the run` : ''),
        '',
      ].join('\n'),
    );
    if (fanout) {
      const count = await countDeliveries(
        env.records,
        fanout,
        runStartedAt,
        { at: burstAt, detectors: burstIds.length, idPrefix: burstIdPrefix(runId) },
        300_000,
      );
      process.stdout.write(
        [
          `deliveries: ${count.delivered} delivered of ${count.expected} expected (${count.failed} failed, ` +
            `${count.pending} still pending, ${count.retries} retries); accepted by the stand-ins: ${count.acceptedByStandins}`,
          `  the burst's: ${count.burstDelivered} delivered of ${count.burstExpected}` +
            (count.burstDrainedMs !== null
              ? `, the last ${(count.burstDrainedMs / 1000).toFixed(1)} s after the burst's publish`
              : ''),
          '',
        ].join('\n'),
      );
    }

    // The stamps the services recorded, read back now that the load is over (reading 5,000 msg/s during the run
    // would load the machine being measured). Late events of timed-out readings are waited for a little, so the
    // second table can say where their time went.
    await waitFor('late probe events', () => probeEvents.length >= probes.length, 15_000, 200).catch(
      () => undefined,
    );
    const bySeq = [...probeEvents].sort((a, b) => a.seq - b.seq);
    const paired = probes
      .map((p, i) => ({ ...p, event: bySeq[i] }))
      .filter((p) => p.counted && p.event !== undefined && p.event.type === p.type);
    const mismatched = probes.filter((p, i) => bySeq[i] !== undefined && bySeq[i].type !== p.type).length;
    const telemetry = await probeReadings(
      kafka,
      env.namespace,
      probeId,
      new Set(paired.map((p) => p.publishedAt)),
    );
    const seqs = paired.map((p) => p.event.seq);
    const relayed = new Map<number, number>(
      (
        await env.records.query<{ seq: string; published_at: Date | null }[]>(
          'SELECT seq, published_at FROM alert_events WHERE seq = ANY($1)',
          [seqs],
        )
      ).map((r) => [Number(r.seq), r.published_at ? r.published_at.getTime() : NaN]),
    );
    const inTime: AlertPathStamps[] = [];
    const all: AlertPathStamps[] = [];
    for (const p of paired) {
      const reading = telemetry.get(p.publishedAt);
      const alert = alertRecords.get(p.event.seq);
      const relayStarted = relayed.get(p.event.seq);
      if (!reading || !alert || relayStarted === undefined || Number.isNaN(relayStarted)) continue;
      const stamps: AlertPathStamps = {
        published: p.publishedAt,
        ingested: reading.receivedAt,
        telemetryAppended: reading.appended,
        evaluated: p.event.eventAt,
        relayStarted,
        alertAppended: alert.appended,
        consumed: alert.consumedAt,
        received: p.event.arrivedAt,
      };
      all.push(stamps);
      if (p.inTime) inTime.push(stamps);
    }
    const table = (title: string, rows: readonly AlertPathStamps[]) => [
      `${title}: ${rows.length} samples with every stamp (${outOfOrder(rows)} with an exact stamp out of order by` +
        ` more than 1 ms)`,
      '',
      ...stageTable(stageRows(rows)),
      '',
    ];
    process.stdout.write(
      [
        `where the time goes (≈: split at a look-alike of the api's consumer, see alert-stages.ts;` +
          ` ${mismatched} readings whose k-th event was of the other type, left out)`,
        '',
        ...table('samples in the percentiles above', inTime),
        ...(all.length > inTime.length
          ? table('every counted sample whose event arrived, also after the 5 s timeout', all)
          : []),
      ].join('\n'),
    );
    if (process.env.BENCH_LOG_DIR)
      writeFileSync(resolve(process.env.BENCH_LOG_DIR, 'alert-stamps.json'), JSON.stringify(all));
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await broker.stop();
    await env.teardown();
  }
}

if (process.argv[2] === '--load-child') {
  loadChild().catch((error: unknown) => {
    process.stderr.write(`load failed: ${String(error)}\n`);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
