import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVICE_KIND_NAMES } from '@park/contracts';
import { creditCodeCheckChar, DEMO_ENTERPRISE_CODE_BODY, DEMO_GAS_DEVICE } from '@park/records';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { parseManifest, scheduleOf, selectDevices, withIdSuffix } from './manifest';

const DEMO_PATH = join(__dirname, '../../fleets/demo.json');
const demoJson = () => JSON.parse(readFileSync(DEMO_PATH, 'utf8')) as Record<string, unknown>;

function problemsOf(input: unknown): readonly string[] {
  try {
    parseManifest(input);
  } catch (error) {
    if (error instanceof SimulatorException && error.code === SimulatorErrorCode.BAD_MANIFEST)
      return error.problems;
    throw error;
  }
  throw new Error('expected the manifest to be refused');
}

const minimal = () => ({
  name: 'mini',
  enterprises: [{ key: 'e1', name: 'E1', lines: [{ id: 'l1', schedule: 'two-shift' }] }],
  devices: [{ id: 'gas-1', kind: 'combustible-gas', enterprise: 'e1', expectedIntervalS: 10 }],
});

describe('the demo fleet', () => {
  const demo = parseManifest(demoJson());

  it('is a superset of the demo park the records seed today', () => {
    const gas = demo.devices.find((d) => d.id === DEMO_GAS_DEVICE);
    expect(gas).toMatchObject({ kind: 'combustible-gas', role: null, expectedIntervalS: 10 });
    const chem = demo.enterprises.find((e) => e.key === gas!.enterprise)!;
    expect(chem.creditCode).toBe(DEMO_ENTERPRISE_CODE_BODY + creditCodeCheckChar(DEMO_ENTERPRISE_CODE_BODY));
  });

  it('gives every enterprise a valid 统一社会信用代码', () => {
    for (const e of demo.enterprises) {
      expect(e.creditCode![17]).toBe(creditCodeCheckChar(e.creditCode!.slice(0, 17)));
    }
  });

  it('covers every device kind, and meters of every role on lines that have both production and pollution control', () => {
    expect([...new Set(demo.devices.map((d) => d.kind))].sort()).toEqual([...DEVICE_KIND_NAMES].sort());
    for (const e of demo.enterprises) {
      for (const line of e.lines) {
        const roles = demo.devices
          .filter((d) => d.enterprise === e.key && d.line === line.id)
          .map((d) => d.role);
        expect(roles).toEqual(expect.arrayContaining(['production', 'pollution-control']));
      }
    }
    expect(demo.devices.some((d) => d.role === 'general')).toBe(true);
  });

  it('resolves each device to its line schedule', () => {
    const meter = demo.devices.find((d) => d.id === 'demo-meter-102')!;
    expect(scheduleOf(demo, meter)?.dayFactors[0]).toBe(0);
    expect(
      scheduleOf(
        demo,
        demo.devices.find((d) => d.id === DEMO_GAS_DEVICE)!,
      ),
    ).toBeNull();
  });
});

describe('manifest validation', () => {
  it('accepts a minimal manifest and fills in what is optional', () => {
    expect(parseManifest(minimal()).devices[0]).toEqual({
      id: 'gas-1',
      kind: 'combustible-gas',
      role: null,
      line: null,
      enterprise: 'e1',
      expectedIntervalS: 10,
      name: null,
      location: null,
      password: null,
      passwordEnv: null,
      params: {},
    });
  });

  it('names every problem with its path, not just the first', () => {
    const m = minimal();
    const problems = problemsOf({
      ...m,
      devices: [
        { id: 'bad id!', kind: 'laser', enterprise: 'e1', expectedIntervalS: 10 },
        { id: 'pm-1', kind: 'power-meter', enterprise: 'nope', expectedIntervalS: 0.5 },
        { id: 'pm-2', kind: 'power-meter', role: 'production', enterprise: 'e1', expectedIntervalS: 60 },
        {
          id: 'pm-3',
          kind: 'power-meter',
          role: 'general',
          enterprise: 'e1',
          line: 'l9',
          expectedIntervalS: 60,
        },
        { id: 'gas-1', kind: 'combustible-gas', role: 'production', enterprise: 'e1', expectedIntervalS: 10 },
        { id: 'gas-1', kind: 'combustible-gas', enterprise: 'e1', expectedIntervalS: 10, colour: 'red' },
      ],
    });
    expect(problems).toEqual([
      'devices[0].id: "bad id!" must be 1–64 letters, digits, "_", "." or "-", starting with a letter or digit',
      'devices[0].kind: must be one of power-meter, stack-gas, wastewater, combustible-gas, toxic-gas, oxygen, temperature, pressure, smoke, liquid-level, safety-io',
      'devices[1].role: a power meter needs a role: production, pollution-control, general',
      'devices[1].enterprise: no enterprise with key "nope"',
      'devices[1].expectedIntervalS: must be a whole number of seconds, 1–86400',
      'devices[2].line: a production meter must belong to a production line',
      'devices[3].line: enterprise "e1" has no line "l9"',
      'devices[4].role: only power meters have a role',
      'devices[5]: unknown field "colour" (allowed: id, kind, role, line, enterprise, expectedIntervalS, name, location, password, passwordEnv, params)',
      'devices[5].id: "gas-1" is listed twice',
    ]);
  });

  it('checks parameters against the kind', () => {
    const m = minimal();
    const problems = problemsOf({
      ...m,
      devices: [
        {
          id: 'pc-1',
          kind: 'power-meter',
          role: 'pollution-control',
          line: 'l1',
          enterprise: 'e1',
          expectedIntervalS: 60,
          params: { ratedKw: -5, startLagS: 600, stopLagS: 60 },
        },
        { id: 'g', kind: 'combustible-gas', enterprise: 'e1', expectedIntervalS: 10, params: { ratedKw: 5 } },
        {
          id: 'c',
          kind: 'stack-gas',
          enterprise: 'e1',
          expectedIntervalS: 60,
          params: { permit: { so2: 0, co: 10 } },
        },
      ],
    });
    expect(problems).toEqual([
      'devices[0].params.ratedKw: must be a number above 0 to 500000',
      'devices[0].params.stopLagS: must not be shorter than startLagS',
      'devices[1].params: a combustible-gas device takes no params',
      'devices[2].params.permit: unknown field "co" (allowed: so2, nox, pm)',
      'devices[2].params.permit.so2: must be a number above 0 to 10000',
    ]);
  });

  it('checks custom line schedules', () => {
    const m = minimal();
    const problems = problemsOf({
      ...m,
      enterprises: [
        {
          key: 'e1',
          name: 'E1',
          lines: [
            { id: 'l1', schedule: 'four-shift' },
            {
              id: 'l2',
              schedule: {
                shifts: [{ startHour: 6, endHour: 30, level: 1 }],
                dayFactors: [1, 1, 1],
                idleLevel: 0.1,
                rampMinutes: 10,
              },
            },
          ],
        },
      ],
    });
    expect(problems).toEqual([
      'enterprises[0].lines[0].schedule: must be one of three-shift, two-shift, day-shift or a schedule object',
      'enterprises[0].lines[1].schedule: shift 1: endHour must be an integer after startHour, at most 24',
      'enterprises[0].lines[1].schedule: dayFactors must be 7 numbers within 0–1.5, Sunday first',
    ]);
  });

  it('refuses a manifest that is not an object or has no devices', () => {
    expect(problemsOf([])).toEqual(['the manifest must be a JSON object']);
    expect(problemsOf({ ...minimal(), devices: [] })).toContain('devices: must be a non-empty array');
  });

  it('takes a password or the name of a variable holding it, not both', () => {
    const m = minimal();
    const device = { ...m.devices[0], password: 'x', passwordEnv: 'GAS_1_PASSWORD' };
    expect(problemsOf({ ...m, devices: [device] })).toEqual([
      'devices[0]: give password or passwordEnv, not both',
    ]);
    expect(problemsOf({ ...m, devices: [{ ...m.devices[0], passwordEnv: 'lower-case' }] })).toEqual([
      'devices[0].passwordEnv: must be an environment variable name (A–Z, 0–9, _)',
    ]);
  });
});

describe('fleet transformations', () => {
  it('suffixes every id for a parallel run, and refuses a suffix that breaks the id contract', () => {
    const m = parseManifest(minimal());
    expect(withIdSuffix(m, 'run7').devices.map((d) => d.id)).toEqual(['gas-1-run7']);
    expect(() => withIdSuffix(m, 'x'.repeat(70))).toThrow('makes invalid device ids');
  });

  it('cuts a fleet down to the devices named', () => {
    const demo = parseManifest(demoJson());
    expect(selectDevices(demo, ['demo-gas-001', 'demo-meter-002']).devices.map((d) => d.id)).toEqual([
      'demo-gas-001',
      'demo-meter-002',
    ]);
    expect(() => selectDevices(demo, ['demo-gas-999'])).toThrow('not in the fleet: demo-gas-999');
  });
});
