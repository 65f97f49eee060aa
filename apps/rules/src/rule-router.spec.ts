import type { TelemetryRecord } from '@park/contracts';
import type { RuleEntity } from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import { RuleRouter } from './rule-router';
import { compileRules } from './rule-set';

const rows = BUILT_IN_RULES.map(
  (r, i) =>
    ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      code: r.code,
      kind: r.kind,
      nameZh: r.name.zh,
      nameEn: r.name.en,
      deviceKind: r.deviceKind,
      metric: r.metric,
      params: { ...r.params },
      autoResolve: r.autoResolve,
      enabled: true,
      source: r.source,
    }) as unknown as RuleEntity,
);

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

describe('RuleRouter', () => {
  const rules = compileRules(rows);
  const router = new RuleRouter(rules, (id) => (id === 'd1' ? 10 : undefined));
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
});
