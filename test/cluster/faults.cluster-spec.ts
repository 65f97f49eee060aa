/**
 * Faults across hosts on the multi-host test bed (deploy/cluster/testbed.sh; run with `npm run test:cluster`):
 * three KRaft brokers (replication 3, min.insync.replicas 2), two instances each of ingestion, rules and api on
 * hosts of their own, under a steady load of simulated devices (QoS 1, every PUBACK counted). After every fault:
 * every acknowledged reading is in InfluxDB exactly once, every gas detector's alerts are exactly those its known
 * square wave makes (opened, resolved, still open), no alert has two `opened` or two `resolved` events, and no
 * (rule, subject) has two unresolved alerts. Each test records its figures (test/cluster/support/figures.ts).
 */
import { login } from '../support/records-api';
import { waitFor } from '../support/wait-for';
import { createClusterWorld, PASSWORD, type ClusterWorld } from './support/cluster-world';
import { DeviceFleet, gasHigh } from './support/device-fleet';
import { FailoverSocket } from './support/failover-socket';
import { Figures, sleep } from './support/figures';
import { cpuSeconds, DEVICE_MQTT_URL, testbed } from './support/testbed';

const METERS = Number(process.env.CLUSTER_METERS ?? 180);
const GAS = Number(process.env.CLUSTER_GAS ?? 20);
/** Readings per second per device in the fault phases: 200 devices × 1/s. */
const RATE = 1;
/** How long a phase waits for InfluxDB to hold every acknowledged reading (CLUSTER_STORE_WAIT_MS). */
const STORE_WAIT_MS = Number(process.env.CLUSTER_STORE_WAIT_MS ?? 180_000);

describe('the platform across hosts under faults', () => {
  let world: ClusterWorld;
  let fleet: DeviceFleet;
  const figures = new Figures();

  beforeAll(async () => {
    world = await createClusterWorld(METERS, GAS);
    await world.ready();
    fleet = await DeviceFleet.connect(DEVICE_MQTT_URL, world.devices, world.deviceSecret);
  }, 300_000);

  afterAll(async () => {
    fleet?.close();
    figures.write();
    await world?.teardown();
  }, 120_000);

  /** Readings stored in InfluxDB, per device. */
  async function storedPerDevice(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const [measurement, field] of [
      ['power_meter', 'kw'],
      ['combustible_gas', 'lel'],
    ]) {
      const series = await world.env.influx.select(
        `SELECT count("${field}") FROM "raw"."${measurement}" WHERE "enterprise" = '${world.enterpriseId}' GROUP BY "device"`,
      );
      for (const s of series as unknown as { tags: { device: string }; values: [number, number][] }[])
        counts.set(s.tags.device, s.values[0][1]);
    }
    return counts;
  }

  async function storedTotal(): Promise<number> {
    let total = 0;
    for (const n of (await storedPerDevice()).values()) total += n;
    return total;
  }

  /** Waits until every device's stored count equals what was acknowledged; the per-device differences if not. */
  async function expectEveryAckedReadingStored() {
    const started = Date.now();
    const final = await waitFor(
      'every acknowledged reading in InfluxDB',
      async () => {
        const stored = await storedPerDevice();
        const behind = world.devices.filter((d) => (stored.get(d.id) ?? 0) < fleet.ackedOf(d.id).count);
        return behind.length === 0 ? stored : undefined;
      },
      STORE_WAIT_MS,
      1_000,
    ).catch(() => storedPerDevice());
    const want = new Map(world.devices.map((d) => [d.id, fleet.ackedOf(d.id).count]));
    const got = new Map(world.devices.map((d) => [d.id, final.get(d.id) ?? 0]));
    const short = world.devices.filter((d) => (got.get(d.id) ?? 0) < (want.get(d.id) ?? 0));
    const missing = await missingReadings(short.slice(0, 40));
    if (missing.length > 0)
      process.stdout.write(`cluster: acknowledged readings not stored: ${JSON.stringify(missing)}\n`);
    return {
      missing,
      acked: fleet.acked,
      stored: [...got.values()].reduce((a, b) => a + b, 0),
      drainS: (Date.now() - started) / 1000,
      /** Devices whose stored count differs from what was acknowledged: [device, acknowledged, stored]. */
      mismatched: world.devices
        .filter((d) => want.get(d.id) !== got.get(d.id))
        .map((d) => [d.id, want.get(d.id) ?? 0, got.get(d.id) ?? 0] as const),
    };
  }

  /**
   * Which acknowledged readings of these devices are not in InfluxDB: [device, reading index, its ts (ISO)], so a
   * loss can be followed through the telemetry topic, the rejected topics and the services' logs.
   */
  async function missingReadings(devices: readonly { id: string; kind: string }[]) {
    const out: [string, number, string][] = [];
    for (const d of devices) {
      const [measurement, field] =
        d.kind === 'combustible-gas' ? ['combustible_gas', 'lel'] : ['power_meter', 'kw'];
      const series = (await world.env.influx.select(
        `SELECT "${field}" FROM "raw"."${measurement}" WHERE "device" = '${d.id}'`,
      )) as unknown as { values: [string | number, number][] }[];
      const stored = new Set((series[0]?.values ?? []).map(([t]) => new Date(t).getTime()));
      for (const n of fleet.ackedOf(d.id).indexes) {
        const ts = fleet.tsOf(n);
        if (!stored.has(ts)) out.push([d.id, n, new Date(ts).toISOString()]);
      }
    }
    return out;
  }

  /** What a threshold rule must have done for one gas detector, from the readings the broker acknowledged. */
  function expectedAlerts(id: string): { opened: number; resolved: number; open: number } {
    const indexes = [...fleet.ackedOf(id).indexes].sort((a, b) => a - b);
    let high = false;
    let opened = 0;
    let resolved = 0;
    for (const n of indexes) {
      if (gasHigh(n) && !high) opened++;
      if (!gasHigh(n) && high) resolved++;
      high = gasHigh(n);
    }
    return { opened, resolved, open: high ? 1 : 0 };
  }

  /** Waits until the gas detectors' alerts match the square wave, then checks them and the duplicates. */
  async function expectAlertsExact() {
    const gas = world.devices.filter((d) => d.kind === 'combustible-gas').map((d) => d.id);
    const expected = new Map(gas.map((id) => [id, expectedAlerts(id)]));
    const actual = async () => {
      const rows: { device_id: string; opened: string; resolved: string; open: string }[] =
        await world.env.records.query(
          `SELECT a.device_id, count(*) AS opened, count(a.resolved_at) AS resolved,
                  count(*) FILTER (WHERE a.resolved_at IS NULL) AS open
             FROM alerts a JOIN rules r ON r.id = a.rule_id
            WHERE r.code = 'gas.lel.two-level' AND a.enterprise_id = $1
            GROUP BY a.device_id`,
          [world.enterpriseId],
        );
      const byDevice = new Map(rows.map((r) => [r.device_id, r]));
      return new Map(
        gas.map((id) => {
          const r = byDevice.get(id);
          return [
            id,
            {
              opened: Number(r?.opened ?? 0),
              resolved: Number(r?.resolved ?? 0),
              open: Number(r?.open ?? 0),
            },
          ];
        }),
      );
    };
    const got = await waitFor(
      'the gas detectors’ alerts to match their square wave',
      async () => {
        const a = await actual();
        return gas.every((id) => JSON.stringify(a.get(id)) === JSON.stringify(expected.get(id)))
          ? a
          : undefined;
      },
      120_000,
      1_000,
    ).catch(() => actual());
    const duplicates: { n: string }[] = await world.env.records.query(
      `SELECT count(*) AS n FROM (
         SELECT e.alert_id, e.type FROM alert_events e
          WHERE e.type IN ('opened', 'resolved') GROUP BY e.alert_id, e.type HAVING count(*) > 1) d`,
    );
    const twoUnresolved: { n: string }[] = await world.env.records.query(
      `SELECT count(*) AS n FROM (
         SELECT rule_id, subject_id FROM alerts WHERE resolved_at IS NULL
          GROUP BY rule_id, subject_type, enterprise_id, subject_id HAVING count(*) > 1) d`,
    );
    return {
      expectedOpened: [...expected.values()].reduce((s, e) => s + e.opened, 0),
      opened: [...got.values()].reduce((s, e) => s + e.opened, 0),
      expectedResolved: [...expected.values()].reduce((s, e) => s + e.resolved, 0),
      resolved: [...got.values()].reduce((s, e) => s + e.resolved, 0),
      duplicateEvents: Number(duplicates[0].n),
      twoUnresolved: Number(twoUnresolved[0].n),
      /** Detectors whose alerts differ from their square wave: [device, expected, actual]. */
      wrong: gas
        .filter((id) => JSON.stringify(got.get(id)) !== JSON.stringify(expected.get(id)))
        .map((id) => [id, expected.get(id), got.get(id)] as const),
    };
  }

  /**
   * Runs the load for `durationMs` while `fault` runs alongside (it gets the phase's start time); samples the backlog
   * (acknowledged − stored) every second; then checks readings and alerts and records the figures.
   */
  async function phase(
    name: string,
    durationMs: number,
    fault: (t0: number) => Promise<{ faultAt: number; healedAt: number }>,
  ): Promise<void> {
    const ackedBefore = fleet.acked;
    const t0 = Date.now();
    const samples: { t: number; backlog: number }[] = [];
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const stored = await storedTotal().catch(() => null);
        if (stored !== null) samples.push({ t: Date.now(), backlog: fleet.acked - stored });
        await sleep(1_000);
      }
    })();
    const load = fleet.run(RATE, durationMs);
    let times: { faultAt: number; healedAt: number };
    try {
      times = await fault(t0);
    } finally {
      await load;
    }
    const readings = await expectEveryAckedReadingStored();
    sampling = false;
    await sampler;
    const alerts = await expectAlertsExact();
    // Recovered: the first sample after the fault was lifted with no more than 3 s of load in the backlog.
    const steady = 3 * RATE * world.devices.length;
    const recovered = samples.find((s) => s.t >= times.healedAt && s.backlog <= steady);
    const { mismatched, missing, ...stored } = readings;
    const { wrong, ...alertFigures } = alerts;
    figures.add(name, {
      ackedInPhase: fleet.acked - ackedBefore,
      unacked: fleet.sent - fleet.acked,
      ackedTotal: readings.acked,
      storedTotal: readings.stored,
      lost: readings.acked - readings.stored,
      maxBacklog: Math.max(0, ...samples.map((s) => s.backlog)),
      faultAtS: (times.faultAt - t0) / 1000,
      faultS: (times.healedAt - times.faultAt) / 1000,
      recoverS: recovered ? (recovered.t - times.healedAt) / 1000 : null,
      drainAfterLoadS: stored.drainS,
      ...alertFigures,
      devicesWithLoss: mismatched.length,
      detectorsWithWrongAlerts: wrong.length,
      missingReadings: missing.length > 0 ? JSON.stringify(missing.slice(0, 40)) : null,
    });
    expectNothingLostOrDoubled(mismatched, alerts);
  }

  /** The suite's verdict on a phase, after its figures were recorded (a failing run still reports them). */
  function expectNothingLostOrDoubled(
    mismatched: readonly (readonly [string, number, number])[],
    alerts: Awaited<ReturnType<typeof expectAlertsExact>>,
  ): void {
    expect(mismatched).toEqual([]);
    expect(alerts.wrong).toEqual([]);
    expect(alerts.duplicateEvents).toBe(0);
    expect(alerts.twoUnresolved).toBe(0);
  }

  it('steady load, no fault: the baseline', async () => {
    await phase('baseline', 30_000, (t0) => Promise.resolve({ faultAt: t0, healedAt: t0 }));
  }, 600_000);

  it('kill -9 one Kafka broker, then bring it back: leaders move, no acknowledged reading lost', async () => {
    await phase('kafka broker kill -9', 90_000, async () => {
      await sleep(20_000);
      const faultAt = Date.now();
      testbed('kill-kafka', '2', 'KILL');
      await sleep(20_000);
      testbed('start-kafka', '2');
      await waitFor(
        'kafka2 answers again',
        () => testbed('status').includes('kafka2 up'),
        120_000,
        1_000,
      ).catch(() => false);
      return { faultAt, healedAt: Date.now() };
    });
  }, 900_000);

  it('one broker host cut off the network for 60 s (a partition), then reconnected', async () => {
    await phase('kafka broker partitioned 60 s', 110_000, async () => {
      await sleep(20_000);
      const faultAt = Date.now();
      testbed('link', 'kafka3', 'down');
      try {
        await sleep(60_000);
      } finally {
        testbed('link', 'kafka3', 'up');
      }
      return { faultAt, healedAt: Date.now() };
    });
  }, 900_000);

  it('kill -9 one instance of each app mid-stream: the others take over; restarted, they rejoin', async () => {
    await phase('kill -9 ingestion, rules, api (one each)', 90_000, async () => {
      await sleep(20_000);
      const faultAt = Date.now();
      await Promise.all([world.apps.kill('ingest1'), world.apps.kill('rules1'), world.apps.kill('api1')]);
      // Alone for 30 s: ingest2 takes the shared subscription, rules2 every partition after the rebalance.
      await sleep(30_000);
      for (const host of ['ingest1', 'rules1', 'api1'] as const) world.apps.restart(host);
      await world.ready(['ingest1', 'rules1', 'api1']);
      return { faultAt, healedAt: Date.now() };
    });
  }, 900_000);

  it('an api instance dies: its socket.io clients reconnect to the other and catch up with nothing missing', async () => {
    const token = await login(world.apiUrl('api2'), 'officer', PASSWORD);
    const socket = new FailoverSocket([world.apiUrl('api2'), world.apiUrl('api1')], token);
    const [{ max }] = await world.env.records.query<{ max: string | null }[]>(
      'SELECT max(seq) AS max FROM alert_events',
    );
    await socket.start();
    try {
      await phase('api instance kill -9 (socket.io failover)', 60_000, async () => {
        await sleep(20_000);
        const faultAt = Date.now();
        await world.apps.kill('api2');
        await waitFor('the client on api1', () => socket.connections.length >= 2, 30_000, 100);
        const healedAt = socket.connections[1].readyAt;
        world.apps.restart('api2');
        await world.ready(['api2']);
        return { faultAt, healedAt };
      });
      const inDb: { seq: string }[] = await world.env.records.query(
        'SELECT seq FROM alert_events WHERE seq > $1 ORDER BY seq',
        [max ?? 0],
      );
      const want = inDb.map((r) => Number(r.seq));
      await waitFor('the client holds every event', () =>
        want.every((seq) => socket.events.some((e) => e.seq === seq)),
      ).catch(() => undefined);
      const got = new Set(socket.events.map((e) => e.seq));
      const missing = want.filter((seq) => !got.has(seq));
      figures.extend('api instance kill -9 (socket.io failover)', {
        socketEventsExpected: want.length,
        socketEventsMissing: missing.length,
        socketEventsDuplicated: socket.events.length - got.size,
        reconnectS: (socket.connections[1].readyAt - socket.connections[0].readyAt) / 1000,
      });
      expect(missing).toEqual([]);
    } finally {
      socket.close();
    }
  }, 900_000);

  it('throughput of ingestion on the cluster: two instances, then one', async () => {
    const burst = async (label: string, hosts: ('ingest1' | 'ingest2')[]) => {
      const pids = hosts.map((h) => world.apps.pid(h));
      const cpu0 = pids.reduce((s, p) => s + cpuSeconds(p), 0);
      const stored0 = await storedTotal();
      const acked0 = fleet.acked;
      const t0 = Date.now();
      const rate = Number(process.env.CLUSTER_BURST_RATE ?? 5);
      await fleet.run(rate, 30_000);
      const ackedAt = Date.now();
      const readings = await expectEveryAckedReadingStored();
      // When the wait for InfluxDB ended: every reading stored by then (to the wait's 1 s polling), or the bound.
      const storedAt = Date.now();
      const cpu = pids.reduce((s, p) => s + cpuSeconds(p), 0) - cpu0;
      const n = fleet.acked - acked0;
      figures.add(label, {
        offeredPerS: rate * world.devices.length,
        acked: n,
        ackedPerS: Math.round((n / (ackedAt - t0)) * 1000),
        storedPerS: Math.round(((readings.stored - stored0) / (storedAt - t0)) * 1000),
        stored: readings.stored - stored0,
        lost: readings.acked - readings.stored,
        devicesWithLoss: readings.mismatched.length,
        ingestionCpuS: Number(cpu.toFixed(1)),
        cpuSPer1000: Number(((cpu / n) * 1000).toFixed(3)),
      });
      expect(readings.mismatched).toEqual([]);
    };
    await burst('throughput, 2 ingestion instances', ['ingest1', 'ingest2']);
    await world.apps.kill('ingest2', 'TERM');
    // Scaling in for good: Mosquitto keeps dealing the shared subscription's messages to a stopped instance's
    // persistent session (they wait there for it to come back), so the session is ended, as an operator would.
    await world.endIngestionSession('ingest2');
    await burst('throughput, 1 ingestion instance', ['ingest1']);
    const alerts = await expectAlertsExact();
    expectNothingLostOrDoubled([], alerts);
  }, 900_000);
});
