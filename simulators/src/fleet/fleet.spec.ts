/**
 * The fleet runner against an in-memory implementation of the device-connection port (the real MQTT adapter is
 * covered by test/integration/simulator.int-spec.ts against Mosquitto).
 */
import { checkReadingsForKind, parseTelemetryPayload } from '@park/contracts';
import { waitFor } from '../../../test/support/wait-for';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import type { DeviceConnection, DeviceConnectionOptions, DeviceConnector } from './device-connection';
import { Fleet } from './fleet';
import { parseManifest, type FleetManifest } from './manifest';

/** The code of the SimulatorException `run` throws (or its promise rejects with). */
async function refusal(run: () => unknown): Promise<SimulatorErrorCode> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SimulatorException) return error.code;
    throw error;
  }
  throw new Error('expected a SimulatorException');
}

class FakeBroker {
  readonly telemetry: { deviceId: string; payload: Buffer }[] = [];
  /** Status messages as a broker would deliver them: `online` from the device, `offline` as its last will. */
  readonly status: { deviceId: string; status: string }[] = [];
  readonly log: string[] = [];
  readonly options: DeviceConnectionOptions[] = [];
  refuse = new Set<string>();
  holdAcks = false;
  private readonly held: (() => void)[] = [];

  /** Acknowledges everything held back. */
  release(): void {
    this.holdAcks = false;
    this.held.splice(0).forEach((ack) => ack());
  }

  readonly connect: DeviceConnector = (o) => {
    this.options.push(o);
    if (this.refuse.has(o.deviceId)) return Promise.reject(new Error(`${o.deviceId} refused`));
    let open = true;
    this.log.push(`connect ${o.deviceId}`);
    if (o.announceOnline) this.status.push({ deviceId: o.deviceId, status: 'online' });
    const connection: DeviceConnection = {
      get connected() {
        return open;
      },
      publishTelemetry: (payload) => {
        if (!open) return Promise.reject(new Error('closed'));
        this.telemetry.push({ deviceId: o.deviceId, payload });
        return this.holdAcks ? new Promise<void>((ack) => this.held.push(ack)) : Promise.resolve();
      },
      drop: () => {
        open = false;
        this.log.push(`drop ${o.deviceId}`);
        this.status.push({ deviceId: o.deviceId, status: 'offline' });
      },
      close: () => {
        open = false;
        this.log.push(`close ${o.deviceId}`);
        return Promise.resolve();
      },
    };
    return Promise.resolve(connection);
  };

  count(deviceId: string): number {
    return this.telemetry.filter((m) => m.deviceId === deviceId).length;
  }

  /** Sim timestamps of a device's readings. */
  timestamps(deviceId: string): number[] {
    return this.telemetry
      .filter((m) => m.deviceId === deviceId)
      .map((m) => (JSON.parse(m.payload.toString('utf8')) as { ts: number }).ts);
  }
}

const manifest: FleetManifest = parseManifest({
  name: 'spec',
  enterprises: [{ key: 'e', name: 'E', lines: [{ id: 'l', schedule: 'three-shift' }] }],
  devices: [
    { id: 'gas-a', kind: 'combustible-gas', enterprise: 'e', expectedIntervalS: 10 },
    {
      id: 'meter-a',
      kind: 'power-meter',
      role: 'production',
      line: 'l',
      enterprise: 'e',
      expectedIntervalS: 10,
    },
    { id: 'temp-a', kind: 'temperature', enterprise: 'e', expectedIntervalS: 10, password: 'pw-temp' },
  ],
});

describe('Fleet', () => {
  let broker: FakeBroker;
  let fleet: Fleet | null;
  const start = (extra: Partial<Parameters<typeof Fleet.start>[0]> = {}) =>
    Fleet.start({ brokerUrl: 'mqtt://fake', manifest, speed: 2000, connect: broker.connect, ...extra });

  beforeEach(() => {
    broker = new FakeBroker();
    fleet = null;
  });
  afterEach(async () => {
    await fleet?.stop();
  });

  it('connects each device as itself, announces it online and publishes valid readings under its own id', async () => {
    fleet = await start({ passwordFor: (d) => d.password ?? 'shared' });
    expect(broker.options.map((o) => [o.deviceId, o.password])).toEqual([
      ['gas-a', 'shared'],
      ['meter-a', 'shared'],
      ['temp-a', 'pw-temp'],
    ]);
    expect(new Set(broker.options.map((o) => o.clientId)).size).toBe(3);
    expect(broker.options.every((o) => o.clientId.startsWith(`${o.deviceId}-sim-`))).toBe(true);
    expect(broker.status).toEqual(manifest.devices.map((d) => ({ deviceId: d.id, status: 'online' })));
    await waitFor('five readings from every device', () =>
      manifest.devices.every((d) => broker.count(d.id) >= 5),
    );
    for (const m of broker.telemetry) {
      const kind = manifest.devices.find((d) => d.id === m.deviceId)!.kind;
      const parsed = parseTelemetryPayload(m.payload, fleet.clock.now());
      expect(parsed.ok && checkReadingsForKind(kind, parsed.readings)).toBeNull();
    }
  });

  it('stops by disconnecting every device cleanly, without last wills, and publishes nothing after', async () => {
    fleet = await start();
    await waitFor('a reading', () => broker.telemetry.length > 0);
    const stats = await fleet.stop();
    const sent = broker.telemetry.length;
    expect(broker.log.filter((l) => l.startsWith('close'))).toHaveLength(3);
    expect(broker.status.filter((s) => s.status === 'offline')).toEqual([]);
    expect(stats.totals.published).toBe(sent);
    expect(stats.totals.acked).toBe(sent);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(broker.telemetry.length).toBe(sent);
  });

  it('silent drop cuts the connection (the broker sends the last will) and off reconnects and resumes', async () => {
    fleet = await start();
    await waitFor('readings', () => broker.count('temp-a') >= 2);
    fleet.setScenario('temp-a', { name: 'silent', on: true, param: 'drop' });
    expect(broker.log).toContain('drop temp-a');
    expect(broker.status).toContainEqual({ deviceId: 'temp-a', status: 'offline' });
    const silentAt = broker.count('temp-a');
    const othersAt = broker.count('gas-a');
    await waitFor('the others to go on', () => broker.count('gas-a') >= othersAt + 5);
    expect(broker.count('temp-a')).toBe(silentAt);
    expect(fleet.stats().devices.find((d) => d.id === 'temp-a')!.connected).toBe(false);

    fleet.setScenario('temp-a', { name: 'silent', on: false });
    await waitFor('temp-a to publish again', () => broker.count('temp-a') > silentAt);
    expect(broker.log.filter((l) => l === 'connect temp-a')).toHaveLength(2);
    expect(broker.status.filter((s) => s.deviceId === 'temp-a').map((s) => s.status)).toEqual([
      'online',
      'offline',
      'online',
    ]);
  });

  it('silent quiet keeps the connection but publishes nothing', async () => {
    fleet = await start();
    await waitFor('a reading', () => broker.count('gas-a') >= 1);
    const silentFrom = fleet.clock.now();
    fleet.setScenario('gas-a', { name: 'silent', on: true });
    // A reading already due before the switch may still go out — also one due in the very millisecond of sim time
    // the switch happened (the sim clock is floored to ms, so `silentFrom` can equal it); nothing measured after.
    expect(broker.log).not.toContain('drop gas-a');
    await waitFor(
      'gas-a to skip reports',
      () => fleet!.stats().devices.find((d) => d.id === 'gas-a')!.skipped >= 3,
    );
    expect(broker.timestamps('gas-a').filter((ts) => ts > silentFrom)).toEqual([]);
  });

  it('switches a scheduled scenario on at its sim time', async () => {
    fleet = await start();
    fleet.scheduleScenario('gas-a', { name: 'gas-leak', on: true }, fleet.clock.now() + 60_000);
    expect(fleet.scenarios()).toEqual([]);
    const leak = await waitFor('the leak to start', () =>
      fleet!.scenarios().find((s) => s.deviceId === 'gas-a'),
    );
    expect(leak.episodes.map((e) => e.name)).toEqual(['gas-leak']);
  });

  it('refuses scenarios for devices it does not run', async () => {
    fleet = await start();
    expect(await refusal(() => fleet!.setScenario('gas-zz', { name: 'gas-leak', on: true }))).toBe(
      SimulatorErrorCode.UNKNOWN_DEVICE,
    );
    expect(await refusal(() => fleet!.scheduleScenario('meter-a', { name: 'gas-leak', on: true }, 0))).toBe(
      SimulatorErrorCode.SCENARIO_NOT_APPLICABLE,
    );
  });

  it('fails to start as a whole when a device cannot connect, closing the ones that did', async () => {
    broker.refuse.add('meter-a');
    expect(await refusal(() => start())).toBe(SimulatorErrorCode.CONNECT_FAILED);
    expect(broker.log.filter((l) => l.startsWith('close')).sort()).toEqual(['close gas-a', 'close temp-a']);
  });

  it('drops new readings once too many are unacknowledged, as a device with a full buffer does', async () => {
    broker.holdAcks = true;
    fleet = await start({ maxInFlight: 3 });
    await waitFor('overflow', () => fleet!.stats().devices.every((d) => d.overflow > 0));
    const { devices } = fleet.stats();
    expect(devices.every((d) => d.published === 3 && d.acked === 0)).toBe(true);
    broker.release();
    const stats = await fleet.stop();
    expect(stats.totals.acked).toBe(9);
  });
});
