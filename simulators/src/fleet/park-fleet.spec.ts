import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReadingsForKind, DEVICE_KINDS, parseTelemetryPayload, type DeviceKind } from '@park/contracts';
import { createDeviceModel } from '../models/device-model';
import { Rng } from '../models/prng';
import { DeviceSimulator } from './device-simulator';
import { parseManifest, scheduleOf } from './manifest';
import { parkFleetManifest, type ParkDevice } from './park-fleet';

const showcase = parseManifest(JSON.parse(readFileSync(join(__dirname, '../../fleets/demo.json'), 'utf8')));
const CHEM = showcase.enterprises.find((e) => e.key === 'demo-chem')!;
const OTHER = { enterpriseCreditCode: '91320681MA1QD00017', enterpriseName: '启东华鑫化工有限公司' };

const record = (over: Partial<ParkDevice> & Pick<ParkDevice, 'id' | 'kind'>): ParkDevice => ({
  role: null,
  line: null,
  expectedIntervalS: 60,
  normalKw: null,
  permitLimits: null,
  ...OTHER,
  ...over,
});

describe('parkFleetManifest: the fleet of every device the records hold', () => {
  it('keeps a showcase device’s line and tuning, at the interval the records expect', () => {
    const { manifest, skipped } = parkFleetManifest(showcase, [
      record({
        id: 'demo-meter-001',
        kind: 'power-meter',
        role: 'production',
        line: 'synthesis-1',
        expectedIntervalS: 120,
        enterpriseCreditCode: CHEM.creditCode!,
        enterpriseName: CHEM.name,
      }),
    ]);
    expect(skipped).toEqual([]);
    const original = showcase.devices.find((d) => d.id === 'demo-meter-001')!;
    expect(manifest.devices).toEqual([{ ...original, expectedIntervalS: 120 }]);
    expect(manifest.enterprises.find((e) => e.key === 'demo-chem')!.lines).toEqual(CHEM.lines);
  });

  it('drives only the devices the records list: a showcase device that is disabled (absent) is left out', () => {
    const { manifest } = parkFleetManifest(showcase, [
      record({ id: 'demo-gas-001', kind: 'combustible-gas', expectedIntervalS: 10 }),
    ]);
    expect(manifest.devices.map((d) => d.id)).toEqual(['demo-gas-001']);
  });

  it('gives any other device its kind’s model, its enterprise and a line schedule, with the rating the records give', () => {
    const { manifest, skipped } = parkFleetManifest(showcase, [
      record({
        id: 'qd-007-meter-p1',
        kind: 'power-meter',
        role: 'production',
        line: 'line-1',
        normalKw: 350,
      }),
      record({ id: 'qd-007-meter-g1', kind: 'power-meter', role: 'general' }),
      record({ id: 'qd-007-gas-01', kind: 'combustible-gas', line: 'line-1', expectedIntervalS: 10 }),
      record({ id: 'qd-007-ww-01', kind: 'wastewater', line: 'line-1', permitLimits: { cod: 500 } }),
      record({
        id: 'qd-007-cems',
        kind: 'stack-gas',
        line: 'line-1',
        permitLimits: { so2: 35, nox: 50, o2: 3.5 },
      }),
    ]);
    expect(skipped).toEqual([]);
    const enterprise = manifest.enterprises.find((e) => e.creditCode === OTHER.enterpriseCreditCode)!;
    expect(enterprise).toMatchObject({ key: OTHER.enterpriseCreditCode, name: OTHER.enterpriseName });
    expect(enterprise.lines).toHaveLength(1);
    expect(enterprise.lines[0].id).toBe('line-1');
    expect(['three-shift', 'two-shift', 'day-shift']).toContain(enterprise.lines[0].scheduleName);
    const byId = new Map(manifest.devices.map((d) => [d.id, d]));
    expect(byId.get('qd-007-meter-p1')).toMatchObject({
      kind: 'power-meter',
      role: 'production',
      line: 'line-1',
      enterprise: OTHER.enterpriseCreditCode,
      expectedIntervalS: 60,
      params: { ratedKw: 350 },
    });
    expect(byId.get('qd-007-meter-g1')).toMatchObject({ role: 'general', line: null, params: {} });
    expect(byId.get('qd-007-gas-01')).toMatchObject({ role: null, expectedIntervalS: 10, params: {} });
    expect(byId.get('qd-007-cems')!.params).toEqual({ permit: { so2: 35, nox: 50 } });
    // The outlet's permit is what wastewater-exceedance climbs above.
    expect(byId.get('qd-007-ww-01')!.params).toEqual({ waterPermit: { cod: 500 } });
    // Same records, same schedules: the park does not change from one start to the next.
    expect(
      parkFleetManifest(
        showcase,
        manifest.devices.map((d) => record({ ...d })),
      ).manifest.enterprises,
    ).toEqual(manifest.enterprises);
  });

  it('names the devices no model can drive instead of failing the whole fleet', () => {
    const { manifest, skipped } = parkFleetManifest(showcase, [
      record({ id: 'x-1', kind: 'seismograph' }),
      record({ id: 'x-2', kind: 'power-meter', role: 'pollution-control', line: null }),
      record({ id: 'x-3', kind: 'smoke', expectedIntervalS: 0 }),
      record({ id: 'x-4', kind: 'smoke' }),
    ]);
    expect(manifest.devices.map((d) => d.id)).toEqual(['x-4']);
    expect(skipped).toEqual([
      { id: 'x-1', reason: 'no simulator model for kind "seismograph"' },
      { id: 'x-2', reason: 'a pollution-control meter needs a production line to follow' },
      { id: 'x-3', reason: 'expected interval 0 s is outside 1–86400 s' },
    ]);
  });

  it('every generated device sends payloads the platform accepts, for a day, at its own interval', () => {
    const { manifest } = parkFleetManifest(showcase, [
      record({
        id: 'qd-001-meter-p1',
        kind: 'power-meter',
        role: 'production',
        line: 'line-1',
        normalKw: 500,
      }),
      record({ id: 'qd-001-meter-g1', kind: 'power-meter', role: 'general' }),
      record({ id: 'qd-001-gas-01', kind: 'combustible-gas', line: 'line-1', expectedIntervalS: 10 }),
      record({ id: 'qd-001-ww-01', kind: 'wastewater', line: 'line-1', permitLimits: { cod: 500 } }),
    ]);
    const from = Date.parse('2025-03-03T00:00:00+08:00');
    for (const d of manifest.devices) {
      const sim = new DeviceSimulator(d, scheduleOf(manifest, d), 1, 0);
      let count = 0;
      for (let t = sim.firstDue(from); t < from + 86_400_000; t = sim.nextDue(t)) {
        const parsed = parseTelemetryPayload(sim.messageAt(t, t)!.payload, t);
        if (!parsed.ok) throw new Error(`${d.id}: ${parsed.rejection.reason}`);
        expect(checkReadingsForKind(d.kind, parsed.readings)).toBeNull();
        count++;
      }
      expect(count).toBe(86_400 / d.expectedIntervalS);
    }
  });

  it('has a model for every device kind of the contract', () => {
    for (const kind of Object.keys(DEVICE_KINDS) as DeviceKind[]) {
      const model = createDeviceModel({ kind, role: null, schedule: null, params: {} }, new Rng(1));
      expect(model.kind).toBe(kind);
    }
  });
});
