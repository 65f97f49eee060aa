import {
  checkForm,
  credentialsText,
  deviceRow,
  EMPTY_FORM,
  fieldsFor,
  kindLabel,
  metricLabel,
  pageCount,
  type DeviceForm,
} from './device-form';
import type { DeviceView } from './devices-api';

const ENTERPRISE = '6f1c2d3e-0000-4000-8000-000000000001';
const form = (changes: Partial<DeviceForm>): DeviceForm => ({
  ...EMPTY_FORM,
  id: 'qd-cems-01',
  enterpriseId: ENTERPRISE,
  name: '1号锅炉烟囱',
  kind: 'stack-gas',
  ...changes,
});

describe('device provisioning form', () => {
  it('requires an id, enterprise, name and kind', () => {
    const check = checkForm(EMPTY_FORM);
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.errors).toEqual({
        id: 'devices.form.error.required',
        enterpriseId: 'devices.form.error.required',
        name: 'devices.form.error.required',
        kind: 'devices.form.error.required',
      });
  });

  it('checks the id against the MQTT username pattern', () => {
    for (const id of ['-x', 'a b', 'x'.repeat(65), 'qd/meter']) {
      const check = checkForm(form({ id }));
      expect(check.ok ? null : check.errors.id).toBe('devices.form.error.id');
    }
    expect(checkForm(form({ id: 'qd.meter_01-a' })).ok).toBe(true);
  });

  it('sends a stack-gas device with its permit limits and reference O₂, leaving blanks out', () => {
    const check = checkForm(
      form({ permitLimits: { so2: '50', nox: ' 150 ', pm: '' }, permitO2Reference: '3.5', line: ' L1 ' }),
    );
    expect(check).toEqual({
      ok: true,
      body: {
        id: 'qd-cems-01',
        enterpriseId: ENTERPRISE,
        name: '1号锅炉烟囱',
        kind: 'stack-gas',
        line: 'L1',
        expectedIntervalS: 60,
        permitLimits: { so2: 50, nox: 150 },
        permitO2Reference: 3.5,
      },
    });
  });

  it('refuses non-positive or non-numeric limits and an O₂ reference above air', () => {
    const check = checkForm(
      form({ permitLimits: { so2: '0', nox: 'abc' }, permitO2Reference: '21', expectedIntervalS: '1.5' }),
    );
    expect(check.ok ? null : check.errors).toEqual({
      'permitLimits.so2': 'devices.form.error.positive',
      'permitLimits.nox': 'devices.form.error.positive',
      permitO2Reference: 'devices.form.error.o2',
      expectedIntervalS: 'devices.form.error.interval',
    });
  });

  it('needs a role for a power meter, and sends a normal load only for production and pollution control', () => {
    const meter = form({ kind: 'power-meter', normalKw: '900', permitO2Reference: '3.5' });
    expect(checkForm(meter).ok ? null : (checkForm(meter) as { errors: object }).errors).toEqual({
      role: 'devices.form.error.roleRequired',
    });
    const production = checkForm({ ...meter, role: 'production' });
    expect(production.ok && production.body).toMatchObject({ role: 'production', normalKw: 900 });
    expect(production.ok && production.body.permitO2Reference).toBeUndefined();
    const general = checkForm({ ...meter, role: 'general' });
    expect(general.ok && general.body.normalKw).toBeUndefined();
  });

  it('offers each kind only the fields the API accepts for it', () => {
    expect(fieldsFor('stack-gas', '')).toEqual({
      role: false,
      normalKw: false,
      permitLimits: [
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
      ],
      permitO2Reference: true,
      processLimits: [],
    });
    expect(fieldsFor('wastewater', '').permitLimits).toContain('cod');
    expect(fieldsFor('smoke', '')).toEqual({
      role: false,
      normalKw: false,
      permitLimits: [],
      permitO2Reference: false,
      processLimits: [],
    });
    expect(fieldsFor('power-meter', 'pollution-control')).toMatchObject({ role: true, normalKw: true });
  });
});

describe('process safety set points in the provisioning form', () => {
  const reactor = (processLimits: Record<string, string>) =>
    form({ id: 'qd-press-01', name: '反应釜 R-301 压力', kind: 'pressure', processLimits });

  it('offers them for the temperature, pressure and level instruments a process-limit rule judges', () => {
    expect(fieldsFor('pressure', '').processLimits).toEqual(['pressure']);
    expect(fieldsFor('temperature', '').processLimits).toEqual(['temp']);
    expect(fieldsFor('liquid-level', '').processLimits).toEqual(['level']);
  });

  it('sends what is filled in, the delay in ms, as the process-limit rule takes it', () => {
    const check = checkForm(
      reactor({
        'pressure.high': '300',
        'pressure.highHigh': '350',
        'pressure.hysteresis': '10',
        'pressure.delayS': '10',
      }),
    );
    expect(check.ok && check.body.processLimits).toEqual({
      pressure: { high: 300, highHigh: 350, hysteresis: 10, delayMs: 10_000 },
    });
    const blank = checkForm(reactor({}));
    expect(blank.ok && blank.body.processLimits).toBeUndefined();
  });

  it('refuses set points out of order, and what is not a number, on their fields', () => {
    const inverted = checkForm(reactor({ 'pressure.high': '300', 'pressure.highHigh': '290' }));
    expect(inverted.ok ? null : inverted.errors).toEqual({
      'processLimits.pressure': 'devices.form.error.processLimits',
    });
    const text = checkForm(reactor({ 'pressure.low': 'low' }));
    expect(text.ok ? null : text.errors).toEqual({
      'processLimits.pressure.low': 'devices.form.error.number',
    });
  });
});

describe('device table', () => {
  const device: DeviceView = {
    id: 'qd-cems-01',
    enterpriseId: ENTERPRISE,
    name: 'Boiler stack',
    kind: 'stack-gas',
    role: null,
    line: null,
    location: null,
    enabled: true,
    expectedIntervalS: 60,
    permitLimits: { so2: 50 },
    permitO2Reference: 3.5,
    normalKw: null,
    processLimits: null,
    credentialIssuedAt: '2026-01-01T00:00:00.000Z',
    hasCredential: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };

  it('names the kind and the enterprise in the interface language', () => {
    expect(deviceRow(device, [{ id: ENTERPRISE, name: '启东化工' }], 'zh-CN')).toEqual({
      id: 'qd-cems-01',
      name: 'Boiler stack',
      kind: '烟气在线监测(CEMS)',
      enterprise: '启东化工',
      line: '—',
      lineCode: null,
      enabled: true,
      hasCredential: true,
    });
    expect(deviceRow({ ...device, line: 'L2' }, [], 'en')).toMatchObject({
      kind: 'Stack gas CEMS',
      enterprise: ENTERPRISE,
      line: 'Line 2',
      lineCode: 'L2',
    });
    expect(deviceRow({ ...device, line: 'synthesis-1' }, [], 'zh-CN')).toMatchObject({
      line: '合成 1 号线',
      lineCode: 'synthesis-1',
    });
    expect(kindLabel('unknown-kind', 'en')).toBe('unknown-kind');
    expect(metricLabel('stack-gas', 'so2', 'zh-CN')).toBe('二氧化硫 (mg/m³)');
    expect(metricLabel('wastewater', 'ph', 'en')).toBe('pH (pH)');
  });

  it('counts pages and writes the credentials for copying', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(41, 20)).toBe(3);
    expect(credentialsText({ username: 'u', password: 'p', telemetryTopic: 't/1', statusTopic: 's/1' })).toBe(
      'username: u\npassword: p\ntelemetry topic: t/1\nstatus topic: s/1',
    );
  });
});
