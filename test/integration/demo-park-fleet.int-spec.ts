/**
 * The standalone demo's fleet against the seeded demo park (records in SQLite, as `npm start` keeps them): every
 * enabled demo device — the simulator's showcase devices and the seed's background devices of every other
 * enterprise — is driven at the interval the records expect, so the built-in offline rule finds none silent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { checkReadingsForKind, parseTelemetryPayload } from '@park/contracts';
import { DeviceEntity, DeviceRepository, openRecords, seedDemoPark } from '@park/records';
import { DeviceSimulator } from '../../simulators/src/fleet/device-simulator';
import { parseManifest, scheduleOf } from '../../simulators/src/fleet/manifest';
import { parkFleetManifest } from '../../simulators/src/fleet/park-fleet';

const showcase = parseManifest(
  JSON.parse(readFileSync(join(__dirname, '../../simulators/fleets/demo.json'), 'utf8')),
);

describe('the demo park fleet drives every enabled seeded demo device', () => {
  let records: DataSource;

  beforeAll(async () => {
    records = await openRecords('sqlite::memory:', { migrate: true });
    await seedDemoPark(records, 'demo-fleet-password');
  });

  afterAll(async () => {
    await records?.destroy();
  });

  it('one simulated device per enabled demo device, at its expected interval, each sending what ingestion accepts', async () => {
    const seeded = await records.getRepository(DeviceEntity).find({ where: { isDemo: true, enabled: true } });
    // The seed's whole park, not only the showcase: ~19 showcase devices and 2–4 for each other enterprise.
    expect(seeded.length).toBeGreaterThan(showcase.devices.length * 3);

    const { manifest, skipped } = parkFleetManifest(
      showcase,
      await new DeviceRepository(records).enabledDemoDevices(),
    );
    expect(skipped).toEqual([]);
    expect(Object.fromEntries(manifest.devices.map((d) => [d.id, d.expectedIntervalS]))).toEqual(
      Object.fromEntries(seeded.map((d) => [d.id, d.expectedIntervalS])),
    );
    // The showcase devices keep their hand-tuned models.
    for (const d of showcase.devices) expect(manifest.devices.find((m) => m.id === d.id)).toEqual(d);

    const now = Date.now();
    for (const d of manifest.devices) {
      const sim = new DeviceSimulator(d, scheduleOf(manifest, d), 1);
      const ts = sim.firstDue(now - 3_600_000);
      const parsed = parseTelemetryPayload(sim.messageAt(ts, now)!.payload, now);
      if (!parsed.ok) throw new Error(`${d.id}: ${parsed.rejection.reason}`);
      expect([d.id, checkReadingsForKind(d.kind, parsed.readings)]).toEqual([d.id, null]);
    }
  });

  it('leaves out a device an admin disabled (the broker would refuse it, the rules expect nothing from it)', async () => {
    await records.getRepository(DeviceEntity).update({ id: 'demo-smoke-101' }, { enabled: false });
    const { manifest } = parkFleetManifest(
      showcase,
      await new DeviceRepository(records).enabledDemoDevices(),
    );
    expect(manifest.devices.map((d) => d.id)).not.toContain('demo-smoke-101');
    expect(manifest.devices.map((d) => d.id)).toContain('demo-smoke-001');
  });
});
