import type { TelemetryRecord } from '@park/contracts';
import { BUILT_IN_RULES } from './default-rules';
import { compileRules, RuleRouter, seriesNeeded, type RuleRow } from './rule-router';
import { subjectKey } from './subject-key';
import { subjectSettings, type DeviceSettings } from './subject-settings';

const rows: RuleRow[] = BUILT_IN_RULES.map((r, i) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  code: r.code,
  kind: r.kind,
  nameZh: r.name.zh,
  nameEn: r.name.en,
  deviceKind: r.deviceKind,
  metric: r.metric,
  params: { ...r.params },
  autoResolve: r.autoResolve,
  source: r.source,
}));

const record = (over: Partial<TelemetryRecord>): TelemetryRecord => ({
  v: 1,
  deviceId: 'd1',
  enterpriseId: 'e1',
  kind: 'combustible-gas',
  role: null,
  line: null,
  ts: 1_000,
  values: { lel: 30 },
  receivedAt: 1_000,
  ...over,
});

const info = (over: Partial<DeviceSettings> & Pick<DeviceSettings, 'id' | 'kind'>): DeviceSettings => ({
  enterpriseId: 'e1',
  expectedIntervalS: 60,
  role: null,
  line: null,
  normalKw: null,
  permitLimits: null,
  permitO2Reference: null,
  enterprisePermitLimits: null,
  enterprisePermitO2Reference: null,
  ...over,
});

const devices = [
  info({ id: 'd1', kind: 'combustible-gas', expectedIntervalS: 10 }),
  info({ id: 'm1', kind: 'power-meter', role: 'production', line: 'l1', normalKw: 600 }),
  info({ id: 'm1b', kind: 'power-meter', role: 'production', line: 'l1', normalKw: 300 }),
  info({ id: 'm2', kind: 'power-meter', role: 'pollution-control', line: 'l1', normalKw: 160 }),
  info({ id: 'm9', kind: 'power-meter', role: 'production', line: 'l1', enterpriseId: 'e2', normalKw: 5 }),
  info({
    id: 's1',
    kind: 'stack-gas',
    permitLimits: { so2: 50, nox: 150 },
    permitO2Reference: 3.5,
  }),
  info({ id: 's2', kind: 'stack-gas', permitLimits: { so2: 50 }, permitO2Reference: 21 }),
  info({
    id: 's3',
    kind: 'stack-gas',
    permitLimits: { so2: 35 },
    permitO2Reference: null,
    enterprisePermitLimits: { so2: 50, nox: 100 },
    enterprisePermitO2Reference: 9,
  }),
];

describe('RuleRouter', () => {
  const rules = compileRules(rows);
  const router = new RuleRouter(rules, subjectSettings(devices));
  const codeOf = (ruleId: string) => rows.find((r) => r.id === ruleId)!.code;

  it('compiles every built-in rule', () => {
    expect(rules).toHaveLength(BUILT_IN_RULES.length);
  });

  it('sends a gas reading to the gas rule and the device-offline rule, as the device', () => {
    const routed = router.reading(record({}));
    expect(routed.map((r) => [codeOf(r.rule.engine.id), r.subjectKey]).sort()).toEqual([
      ['device.offline', 'device:d1'],
      ['gas.lel.two-level', 'device:d1'],
    ]);
    const offline = routed.find((r) => r.rule.kind === 'device-offline')!;
    // The device's own reporting interval (10 s) overrides the rule's 60 s.
    expect(offline.engine.definition).toMatchObject({ params: { expectedIntervalMs: 10_000 } });
  });

  it("sends a smoke detector's booleans, intact, to the alarm and chattering rules of each flag it carries", () => {
    const routed = router.reading(
      record({ deviceId: 'x1', kind: 'smoke', values: { smoke: true, fire: false } }),
    );
    expect(routed.map((r) => codeOf(r.rule.engine.id)).sort()).toEqual([
      'device.offline',
      'fire.fire.alarm',
      'fire.fire.chattering',
      'fire.smoke.alarm',
      'fire.smoke.chattering',
    ]);
    const smoke = routed.find((r) => codeOf(r.rule.engine.id) === 'fire.smoke.alarm')!;
    expect(smoke.input).toEqual({ kind: 'reading', ts: 1_000, values: { smoke: true, fire: false } });
    expect(smoke.rule.takesTicks).toBe(true);
  });

  it("gives an enumerated state its names, and a process-limit rule the device's own set points", () => {
    const withLimits = new RuleRouter(
      rules,
      subjectSettings([
        info({ id: 'p1', kind: 'pressure', processLimits: { pressure: { high: 300, highHigh: 350 } } }),
      ]),
    );
    const [pressure] = withLimits
      .reading(record({ deviceId: 'p1', kind: 'pressure', values: { pressure: 320 } }))
      .filter((r) => r.rule.kind === 'process-limit');
    expect(pressure.engine.definition).toMatchObject({ params: { high: 300, highHigh: 350, low: null } });
    const valve = router
      .reading(record({ deviceId: 'v1', kind: 'safety-io', values: { valve: 3 } }))
      .find((r) => codeOf(r.rule.engine.id) === 'safety-io.valve.fault')!;
    expect(valve.engine.metricInfo?.states?.['3']).toEqual({ zh: '故障', en: 'fault' });
  });

  it('sends a line meter to every 分表计电 rule of its line as a meter input, keyed by enterprise and line', () => {
    const routed = router.reading(
      record({
        deviceId: 'm2',
        kind: 'power-meter',
        role: 'pollution-control',
        line: 'l1',
        values: { kw: 0.4 },
      }),
    );
    const line = routed.filter((r) => r.subjectType === 'line');
    expect(line.map((r) => codeOf(r.rule.engine.id)).sort()).toEqual([
      'line.early-stop',
      'line.late-start',
      'line.treatment-off',
    ]);
    expect(line[0]).toMatchObject({
      subjectKey: 'line:e1:l1',
      subjectId: 'l1',
      deviceId: 'm2',
      input: { kind: 'meter', meterId: 'm2', role: 'pollution-control', kw: 0.4 },
    });
  });

  it("gives a line's 分表计电 rules the summed normal loads of its own meters per role", () => {
    const routed = router.reading(
      record({ deviceId: 'm1', kind: 'power-meter', role: 'production', line: 'l1', values: { kw: 500 } }),
    );
    const off = routed.find((r) => r.rule.kind === 'treatment-power')!;
    expect(off.engine.definition).toMatchObject({
      params: { productionNormalKw: 900, treatmentNormalKw: 160 },
    });
    // The rule row itself is untouched: another line without normal loads keeps the park default (null).
    const other = router.reading(
      record({
        deviceId: 'mx',
        enterpriseId: 'e3',
        kind: 'power-meter',
        role: 'production',
        line: 'l1',
        values: { kw: 1 },
      }),
    );
    expect(other.find((r) => r.rule.kind === 'treatment-power')!.engine.definition).toMatchObject({
      params: { productionNormalKw: null, treatmentNormalKw: null },
    });
  });

  it("gives hourly-mean emission rules the device's permit limit for their metric and its reference O₂", () => {
    const routed = router.reading(
      record({ deviceId: 's1', kind: 'stack-gas', values: { so2: 40, nox: 100, pm: 5, o2: 9 } }),
    );
    const params = Object.fromEntries(
      routed
        .filter((r) => r.rule.kind === 'hourly-mean-emission')
        .map((r) => [r.rule.metric, r.engine.definition.params]),
    );
    expect(params.so2).toMatchObject({ limit: 50, o2Reference: 3.5 });
    expect(params.nox).toMatchObject({ limit: 150, o2Reference: 3.5 });
    // No permit limit for pm: the park default (null) stands, and the engine reports it as not configured.
    expect(params.pm).toMatchObject({ limit: null, o2Reference: 3.5 });
  });

  it("falls back to the enterprise's permit where the device states nothing, the device winning field by field", () => {
    const routed = router.reading(
      record({ deviceId: 's3', kind: 'stack-gas', values: { so2: 40, nox: 100, pm: 5, o2: 9 } }),
    );
    const params = Object.fromEntries(
      routed
        .filter((r) => r.rule.kind === 'hourly-mean-emission')
        .map((r) => [r.rule.metric, r.engine.definition.params]),
    );
    // so2: the device's own 35 beats the enterprise's 50; the reference O₂ only the enterprise states.
    expect(params.so2).toMatchObject({ limit: 35, o2Reference: 9 });
    expect(params.nox).toMatchObject({ limit: 100, o2Reference: 9 });
    // Neither layer states pm: the park default (null) stands.
    expect(params.pm).toMatchObject({ limit: null, o2Reference: 9 });
  });

  it('ignores records that do not make a valid rule and keeps the park default', () => {
    const routed = router.reading(record({ deviceId: 's2', kind: 'stack-gas', values: { so2: 40, o2: 9 } }));
    const so2 = routed.find((r) => r.rule.kind === 'hourly-mean-emission' && r.rule.metric === 'so2')!;
    expect(so2.engine).toBe(so2.rule.engine);
  });

  it('uses the same resolved rule for ticks of a stored line subject', () => {
    const rule = rules.find((r) => r.kind === 'treatment-power')!;
    expect(
      router.engineForSubject(rule, subjectKey({ type: 'line', enterpriseId: 'e1', id: 'l1' })).definition,
    ).toMatchObject({
      params: { productionNormalKw: 900, treatmentNormalKw: 160 },
    });
  });

  it('leaves a general meter out of 分表计电', () => {
    const routed = router.reading(
      record({ deviceId: 'm3', kind: 'power-meter', role: 'general', line: 'l1', values: { kw: 10 } }),
    );
    expect(routed.every((r) => r.subjectType === 'device')).toBe(true);
  });

  it('routes a last will to the device-offline rule only', () => {
    const routed = router.status(
      { v: 1, deviceId: 'd1', enterpriseId: null, status: 'offline', at: 5_000, cause: 'last-will' },
      { kind: 'combustible-gas', enterpriseId: 'e1' },
    );
    expect(routed.map((r) => [codeOf(r.rule.engine.id), r.enterpriseId, r.input.kind])).toEqual([
      ['device.offline', 'e1', 'status'],
    ]);
  });
  describe('seriesNeeded: what a replay must read so the router sees what it saw live', () => {
    const lineDevices = [
      ...devices,
      info({ id: 's9', kind: 'stack-gas', line: 'l1' }),
      info({ id: 'm3', kind: 'power-meter', role: 'general', line: 'l1' }),
    ];
    const needs = (rule: (typeof rules)[number]) =>
      seriesNeeded(rule, lineDevices)
        .map((n) => `${n.device.id}:${n.metrics.join('+')}`)
        .sort();

    it("an emission spike reads the line's power meters and its stack monitor's pollutant", () => {
      const [spike] = compileRules([
        {
          id: 'spike',
          kind: 'emission-spike',
          nameZh: '排放突增',
          nameEn: 'Emission spike',
          deviceKind: 'stack-gas',
          metric: 'so2',
          params: {},
          autoResolve: true,
          source: null,
        },
      ]);
      // The drift this guards against: a dry-run that read only the meters saw no SO₂ and reported 0 firings.
      expect(needs(spike)).toEqual(['m1:kw', 'm1b:kw', 'm2:kw', 'm9:kw', 's9:so2']);
    });

    it('an hourly mean reads its pollutant and the O₂ it corrects with; device offline reads every metric', () => {
      const so2 = rules.find((r) => r.kind === 'hourly-mean-emission' && r.metric === 'so2')!;
      expect(needs(so2)).toEqual(['s1:so2+o2', 's2:so2+o2', 's3:so2+o2', 's9:so2+o2']);
      const offline = rules.find((r) => r.kind === 'device-offline')!;
      expect(seriesNeeded(offline, lineDevices).find((n) => n.device.id === 'd1')?.metrics).toEqual([
        'lel',
        'fault',
      ]);
    });
  });
});
