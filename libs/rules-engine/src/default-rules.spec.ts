import { DEVICE_KINDS, METER_ROLES, metricSpec, isDeviceKind } from '@park/contracts';
import { BUILT_IN_RULES, DEFAULT_RULES, STATE_SIGNAL_RULES, TOXIC_GAS_SET_POINTS } from './default-rules';
import { RULE_KIND_INFO, parseRuleDefinition } from './engine';

/** ppm of a gas at 20 °C and 101.325 kPa, the conditions of GBZ 2.1 limits in mg/m³. */
const ppm = (mgPerM3: number, molarMass: number) =>
  (mgPerM3 * ((8.314462618 * 293.15) / 101.325)) / molarMass;

describe('built-in rules', () => {
  it('keeps the first three codes and their params exactly as first seeded', () => {
    expect(DEFAULT_RULES.slice(0, 3).map((r) => [r.code, r.params])).toEqual([
      ['gas.lel.two-level', { direction: 'above', level1: 25, level2: 50, hysteresis: 2 }],
      ['oxygen.deficiency', { direction: 'below', level1: 19.5, hysteresis: 0.2 }],
      ['oxygen.enrichment', { direction: 'above', level1: 23.5, hysteresis: 0.2 }],
    ]);
  });

  it('seeds only threshold rules through DEFAULT_RULES, which the current rules service evaluates', () => {
    expect(new Set(DEFAULT_RULES.map((r) => r.kind))).toEqual(new Set(['threshold']));
    expect(BUILT_IN_RULES.slice(0, DEFAULT_RULES.length)).toEqual(DEFAULT_RULES);
  });

  it.each(BUILT_IN_RULES.map((r) => [r.code, r] as const))(
    '%s parses as its kind and fits the rules table',
    (_code, rule) => {
      expect(() => parseRuleDefinition(rule.kind, rule.params)).not.toThrow();
      expect(rule.code.length).toBeLessThanOrEqual(64);
      expect(rule.kind.length).toBeLessThanOrEqual(32);
      expect(rule.metric.length).toBeLessThanOrEqual(32);
      expect(rule.source.length).toBeGreaterThan(0);
      if (RULE_KIND_INFO[rule.kind].subject === 'device' && rule.deviceKind !== '*') {
        if (!isDeviceKind(rule.deviceKind))
          throw new Error(`${rule.code}: unknown device kind ${rule.deviceKind}`);
        // '*': the rule reads every metric of its kind's readings (analyser abnormal).
        if (rule.metric !== '*') expect(metricSpec(rule.deviceKind, rule.metric)).toBeDefined();
      }
    },
  );

  it('watches every state metric (a flag, or an enumerated state) of every device kind with a state-signal rule', () => {
    const stateMetrics = Object.entries(DEVICE_KINDS).flatMap(([kind, spec]) =>
      Object.entries(spec.metrics as Record<string, { type: string; states?: object }>)
        .filter(([, m]) => m.type === 'boolean' || m.states !== undefined)
        .map(([metric]) => `${kind}.${metric}`),
    );
    const watched = new Set(
      BUILT_IN_RULES.filter((r) => r.kind === 'state-signal').map((r) => `${r.deviceKind}.${r.metric}`),
    );
    expect(stateMetrics.filter((m) => !watched.has(m))).toEqual([]);
    expect(stateMetrics).toEqual(
      expect.arrayContaining(['smoke.smoke', 'smoke.fire', 'combustible-gas.fault']),
    );
  });

  it('raises smoke, fire and flame at once and as critical, and reads state rules only from state metrics', () => {
    for (const metric of ['smoke', 'fire', 'flame']) {
      const rule = STATE_SIGNAL_RULES.find((r) => r.code === `fire.${metric}.alarm`);
      if (!rule) throw new Error(`no fire.${metric}.alarm rule`);
      expect(parseRuleDefinition(rule.kind, rule.params).params).toMatchObject({
        check: 'alarm',
        alarmStates: [true],
        delayMs: 0,
        level: 2,
      });
    }
    for (const rule of STATE_SIGNAL_RULES) {
      if (!isDeviceKind(rule.deviceKind)) throw new Error(`${rule.code}: unknown device kind`);
      const spec = metricSpec(rule.deviceKind, rule.metric);
      expect({ code: rule.code, state: spec?.type === 'boolean' || spec?.states !== undefined }).toEqual({
        code: rule.code,
        state: true,
      });
    }
  });

  it('has unique codes', () => {
    const codes = BUILT_IN_RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('sets toxic gas points at or just below 100 % and 200 % of the occupational limit, in the detectors’ ppm', () => {
    expect(DEVICE_KINDS['toxic-gas'].metrics.h2s.unit).toBe('ppm');
    for (const gas of ['h2s', 'co'] as const) {
      const p = TOXIC_GAS_SET_POINTS[gas];
      const rule = DEFAULT_RULES.find((r) => r.metric === gas);
      expect(rule?.params).toMatchObject({ level1: p.level1Ppm, level2: p.level2Ppm });
      const l1 = ppm(p.oelMgPerM3, p.molarMass);
      const l2 = ppm(2 * p.oelMgPerM3, p.molarMass);
      expect(p.level1Ppm).toBeLessThanOrEqual(l1);
      expect(l1 - p.level1Ppm).toBeLessThan(0.1);
      expect(p.level2Ppm).toBeLessThanOrEqual(l2);
      expect(l2 - p.level2Ppm).toBeLessThan(0.1);
    }
    expect(TOXIC_GAS_SET_POINTS.h2s).toMatchObject({
      oelMgPerM3: 10,
      oelKind: 'MAC',
      level1Ppm: 7,
      level2Ppm: 14.1,
    });
    expect(TOXIC_GAS_SET_POINTS.co).toMatchObject({
      oelMgPerM3: 20,
      oelKind: 'PC-TWA',
      level1Ppm: 17.1,
      level2Ppm: 34.3,
    });
  });

  it('ships the 分表计电 checks for power meters, which carry the roles they correlate', () => {
    expect(METER_ROLES).toEqual(expect.arrayContaining(['production', 'pollution-control']));
    const checks = BUILT_IN_RULES.filter((r) => r.kind === 'treatment-power').map(
      (r) => (r.params as { check: string }).check,
    );
    expect(checks.sort()).toEqual(['early-stop', 'late-start', 'treatment-off']);
  });
});
