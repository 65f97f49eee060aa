import type { RuleEntity } from '@park/records';
import {
  BUILT_IN_RULES,
  compileRules,
  evaluate,
  RuleRouter,
  subjectKey,
  subjectSettings,
  type DeviceSettings,
} from '@park/rules-engine';
import { SilenceWatch } from './silence-watch';

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

const device = (id: string, kind: string, expectedIntervalS: number): DeviceSettings => ({
  id,
  kind,
  enterpriseId: 'e1',
  expectedIntervalS,
  role: null,
  line: null,
  normalKw: null,
  permitLimits: null,
  permitO2Reference: null,
  enterprisePermitLimits: null,
  enterprisePermitO2Reference: null,
});

const START = Date.UTC(2026, 11, 7, 0, 0);

describe('SilenceWatch', () => {
  it('watches the devices enabled at start from the start, and a device enabled later from when it was seen', () => {
    const watch = new SilenceWatch();
    watch.update(['a', 'b'], START);
    watch.update(['a', 'b', 'c'], START + 5_000);
    watch.update(['a', 'b', 'c'], START + 20_000);
    expect(watch.enrolment('a')).toEqual({ enabled: true, since: START });
    expect(watch.enrolment('c')).toEqual({ enabled: true, since: START + 5_000 });
    expect(watch.enrolment('z')).toEqual({ enabled: false });
  });

  it('forgets a device once disabled, so enabling it again starts a new watch', () => {
    const watch = new SilenceWatch();
    watch.update(['a'], START);
    watch.update([], START + 1_000);
    expect(watch.enrolment('a')).toEqual({ enabled: false });
    watch.update(['a'], START + 9_000);
    expect(watch.enrolment('a')).toEqual({ enabled: true, since: START + 9_000 });
  });

  it('a new watch (a restarted service) starts every device from the restart', () => {
    const before = new SilenceWatch();
    before.update(['a'], START);
    const after = new SilenceWatch();
    after.update(['a'], START + 3_600_000);
    expect(after.enrolment('a')).toEqual({ enabled: true, since: START + 3_600_000 });
  });
});

describe('RuleRouter.silenceTicks', () => {
  const devices = [device('gas-1', 'combustible-gas', 10), device('meter-1', 'power-meter', 60)];
  const router = new RuleRouter(compileRules(rows), subjectSettings(devices));

  it('routes a tick with the enrolment to the device-offline rule only, as the device subject', () => {
    const routed = router.silenceTicks(devices[0], { enabled: true, since: START });
    expect(routed.map((r) => r.rule.kind)).toEqual(['device-offline']);
    expect(routed[0]).toMatchObject({
      subjectType: 'device',
      subjectId: 'gas-1',
      subjectKey: subjectKey({ type: 'device', id: 'gas-1' }),
      enterpriseId: 'e1',
      deviceId: 'gas-1',
      input: { kind: 'tick', enrolment: { enabled: true, since: START } },
    });
  });

  it('judges a never-heard device at its own interval × factor: 3 × 10 s for a gas detector, 3 × 60 s for a meter', () => {
    for (const [d, allowedMs] of [
      [devices[0], 30_000],
      [devices[1], 180_000],
    ] as const) {
      const [r] = router.silenceTicks(d, { enabled: true, since: START });
      const due = evaluate(r.engine, null, r.input, START + allowedMs);
      expect(due.verdicts).toEqual([]);
      const late = evaluate(r.engine, due.state, r.input, START + allowedMs + 1);
      expect(late.verdicts).toHaveLength(1);
      expect(late.verdicts[0]).toMatchObject({
        action: 'trigger',
        change: 'opened',
        limit: allowedMs / 60_000,
      });
    }
  });
});
