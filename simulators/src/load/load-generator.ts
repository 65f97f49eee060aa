/**
 * Load mode for benchmarks: N devices, each its own MQTT connection, publishing R messages per second for a bounded
 * time, in the workload shape ThingsBoard publishes its performance results with — every device a separate
 * connection, each message a small JSON object with three data points (here a power meter's kw, voltage, current;
 * ~90 bytes). Reports how many were sent and acknowledged and the publish-to-PUBACK latency.
 * Refuses any broker that is not on this machine.
 */
import { randomBytes } from 'node:crypto';
import { lookup as dnsLookup } from 'node:dns/promises';
import { SystemClock, type Clock } from '@park/clock';
import { Rng, round } from '../models/prng';
import type { DeviceConnection, DeviceConnector } from '../fleet/device-connection';
import { connectMqttDevice } from '../runtime/mqtt-device-connection';
import { monotonicNow, type Monotonic } from '../runtime/monotonic-clock';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { LatencyRecorder, type LatencySummary } from './latency';
import { assertLoopbackBroker, type HostLookup } from './loopback';
import { loadProblems } from './load-limits';

export interface LoadOptions {
  readonly brokerUrl: string;
  readonly devices: number;
  /** Messages per second per device. */
  readonly ratePerDevice: number;
  /** How long to publish (wall clock). */
  readonly durationMs: number;
  /** Device ids are `<prefix>-<run>-00001` …; seed the platform with the same ids to measure ingestion. */
  readonly idPrefix?: string;
  readonly runId?: string;
  readonly password?: string | null;
  readonly seed?: number;
  /** How long to wait for the last acknowledgements after publishing stops. Default 10 s. */
  readonly drainTimeoutMs?: number;
  readonly connectConcurrency?: number;
  readonly maxInFlightPerDevice?: number;
  readonly wallClock?: Clock;
  readonly monotonic?: Monotonic;
  readonly connect?: DeviceConnector;
  readonly lookup?: HostLookup;
  readonly log?: (line: string) => void;
}

export interface LoadReport {
  readonly brokerUrl: string;
  readonly devices: number;
  readonly firstDeviceId: string;
  readonly ratePerDevice: number;
  readonly targetRate: number;
  /** Wall time spent publishing, ms. */
  readonly publishMs: number;
  readonly sent: number;
  readonly acked: number;
  readonly failed: number;
  /** Sent but not acknowledged when the drain timeout ran out. */
  readonly unacked: number;
  /** Messages not sent because a device had too many unacknowledged. */
  readonly overflow: number;
  /** Acknowledged messages per second over the publishing window. */
  readonly ackedPerSecond: number;
  readonly meanPayloadBytes: number;
  readonly latency: LatencySummary;
}

const defaultLookup: HostLookup = async (hostname) =>
  (await dnsLookup(hostname, { all: true })).map((a) => a.address);

export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  const problems = loadProblems(options);
  if (problems.length > 0)
    throw new SimulatorException(SimulatorErrorCode.BAD_ARGUMENT, problems.join('; '), problems);
  await assertLoopbackBroker(options.brokerUrl, options.lookup ?? defaultLookup);

  const log = options.log ?? (() => undefined);
  const wall = options.wallClock ?? new SystemClock();
  const mono = options.monotonic ?? monotonicNow;
  const connector = options.connect ?? connectMqttDevice;
  const runId = options.runId ?? randomBytes(3).toString('hex');
  const ids = Array.from(
    { length: options.devices },
    (_, i) => `${options.idPrefix ?? 'load'}-${runId}-${String(i + 1).padStart(5, '0')}`,
  );

  // Connect everyone first: the measurement covers publishing, not the connection storm.
  const connections: DeviceConnection[] = new Array<DeviceConnection>(ids.length);
  let next = 0;
  const failures: Error[] = [];
  const worker = async () => {
    while (failures.length === 0 && next < ids.length) {
      const i = next++;
      try {
        connections[i] = await connector({
          brokerUrl: options.brokerUrl,
          deviceId: ids[i],
          clientId: ids[i],
          password: options.password ?? null,
          announceOnline: false,
          onProblem: log,
        });
      } catch (error) {
        failures.push(error as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.connectConcurrency ?? 50, ids.length) }, worker));
  const closeAll = () =>
    Promise.all(connections.filter(Boolean).map((c) => c.close().catch(() => undefined)));
  if (failures.length > 0) {
    await closeAll();
    throw failures[0];
  }
  log(
    `${ids.length} connections open to ${options.brokerUrl}; publishing ${options.ratePerDevice}/s each for ${options.durationMs} ms`,
  );

  // Message j goes to device j mod N at j / (N·R) seconds: every device publishes every 1/R s, the load spread evenly.
  const totalRate = options.devices * options.ratePerDevice;
  const total = Math.floor(totalRate * (options.durationMs / 1000));
  const maxInFlight = options.maxInFlightPerDevice ?? 1000;
  const inFlight = new Int32Array(ids.length);
  const latency = new LatencyRecorder();
  const rng = new Rng(options.seed ?? 1);
  const pending = new Set<Promise<void>>();
  let sent = 0;
  let acked = 0;
  let failed = 0;
  let overflow = 0;
  let bytes = 0;

  const publish = (i: number) => {
    if (inFlight[i] >= maxInFlight) {
      overflow++;
      return;
    }
    const kw = 40 + 160 * rng.next();
    const voltage = 380 * (1 + rng.normal(0, 0.01));
    const current = (kw * 1000) / (Math.sqrt(3) * voltage * 0.9);
    const payload = Buffer.from(
      JSON.stringify({
        ts: wall.now(),
        values: { kw: round(kw, 2), voltage: round(voltage, 1), current: round(current, 2) },
      }),
    );
    bytes += payload.length;
    sent++;
    inFlight[i]++;
    const t0 = mono();
    const p = connections[i].publishTelemetry(payload).then(
      () => {
        acked++;
        latency.record(mono() - t0);
      },
      () => {
        failed++;
      },
    );
    pending.add(p);
    void p.finally(() => {
      inFlight[i]--;
      pending.delete(p);
    });
  };

  const start = mono();
  let j = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = mono() - start;
      const dueUpTo = Math.min(total, Math.floor((elapsed / 1000) * totalRate) + 1);
      for (; j < dueUpTo; j++) publish(j % ids.length);
      if (j >= total || elapsed >= options.durationMs) {
        resolve();
        return;
      }
      setTimeout(tick, Math.max(1, Math.min(10, ((j / totalRate) * 1000 - elapsed) | 0)));
    };
    tick();
  });
  const publishMs = mono() - start;

  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled([...pending]),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.drainTimeoutMs ?? 10_000);
    }),
  ]);
  clearTimeout(timer);
  const unacked = sent - acked - failed;
  await closeAll();

  return {
    brokerUrl: options.brokerUrl,
    devices: ids.length,
    firstDeviceId: ids[0],
    ratePerDevice: options.ratePerDevice,
    targetRate: totalRate,
    publishMs: Math.round(publishMs),
    sent,
    acked,
    failed,
    unacked,
    overflow,
    ackedPerSecond: Math.round((acked / Math.max(publishMs, 1)) * 1000 * 10) / 10,
    meanPayloadBytes: sent === 0 ? 0 : Math.round(bytes / sent),
    latency: latency.summary(),
  };
}
