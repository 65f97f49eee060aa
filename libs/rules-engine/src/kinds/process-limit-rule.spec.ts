import fc from 'fast-check';
import { parseRuleDefinition } from '../engine';
import type { MetricInfo } from '../evaluate';
import { PROCESS_LIMIT_RULES } from '../default-rules';
import { resolveRuleDefinition } from '../resolve-thresholds';
import { deviceLayer, type DeviceSettings } from '../subject-settings';
import { MINUTE, clears, opened, reading, ruleOf, run, triggers, type Step } from '../testing/harness';
import { RuleParamsError } from '../threshold';
import type { EngineVerdict } from '../verdicts';

const PRESSURE: MetricInfo = { unit: 'kPa', label: { zh: '压力', en: 'Pressure' } };
const T0 = Date.UTC(2025, 5, 1, 1, 0);
const p = (seconds: number, value: number): Step => reading(T0 + seconds * 1000, 'pressure', value);
const at = (seconds: number) => T0 + seconds * 1000;
const rule = (params: object) =>
  ruleOf('process-limit', params, { metric: 'pressure', info: PRESSURE, source: 'GB 18218-2018' });
const changes = (verdicts: readonly EngineVerdict[]) =>
  verdicts.map((v) => (v.action === 'trigger' ? `${v.change}:${v.level}@${v.ts}` : `clear@${v.ts}`));

// A reactor at 250 kPa: H 300, HH 350, L 150, LL 100.
const REACTOR = { high: 300, highHigh: 350, low: 150, lowLow: 100, hysteresis: 10 };

describe('process-limit parameters', () => {
  it('leaves every set point unset in the park default and fills in the rest', () => {
    expect(parseRuleDefinition('process-limit', {}).params).toEqual({
      high: null,
      highHigh: null,
      low: null,
      lowLow: null,
      hysteresis: 0,
      delayMs: 0,
      level: 2,
    });
  });

  it.each<[string, object, RegExp]>([
    ['HH under H', { high: 300, highHigh: 290 }, /highHigh must be above high/],
    ['LL over L', { low: 100, lowLow: 120 }, /lowLow must be below low/],
    ['L over H', { low: 310, high: 300 }, /low and lowLow must be below high and highHigh/],
    ['a negative hysteresis', { high: 300, hysteresis: -1 }, /hysteresis must be a finite number ≥ 0/],
    ['a misspelt set point', { hihg: 300 }, /process-limit: unknown parameter "hihg"/],
  ])('refuses %s', (_what, params, message) => {
    expect(() => parseRuleDefinition('process-limit', params)).toThrow(RuleParamsError);
    expect(() => parseRuleDefinition('process-limit', params)).toThrow(message);
  });

  it("takes each device's own set points over the park default, value by value", () => {
    const { definition } = resolveRuleDefinition('process-limit', { high: 300, highHigh: 350 }, null, {
      high: null,
      highHigh: null,
      low: null,
      lowLow: null,
      hysteresis: 5,
    });
    expect(definition.params).toMatchObject({ high: 300, highHigh: 350, low: null, hysteresis: 5 });
  });
});

describe('process-limit set points per device', () => {
  const device = (processLimits: DeviceSettings['processLimits']): DeviceSettings => ({
    id: 'demo-press-001',
    kind: 'pressure',
    enterpriseId: 'e1',
    expectedIntervalS: 30,
    role: null,
    line: null,
    normalKw: null,
    permitLimits: null,
    permitO2Reference: null,
    enterprisePermitLimits: null,
    enterprisePermitO2Reference: null,
    processLimits,
  });
  const builtIn = PROCESS_LIMIT_RULES.find((r) => r.metric === 'pressure');

  it('judges the built-in rule with the set points the device states for the rule’s metric', () => {
    if (!builtIn) throw new Error('no built-in pressure rule');
    const layer = deviceLayer(
      'process-limit',
      'pressure',
      device({ pressure: { high: 300, highHigh: 350 } }),
    );
    const { definition } = resolveRuleDefinition(
      'process-limit',
      layer,
      null,
      builtIn.params as Record<string, unknown>,
    );
    const r = run({ ...rule({}), definition }, [p(0, 250), p(30, 360)]);
    expect(opened(r.verdicts)[0]).toMatchObject({ level: 2, limit: 350 });
  });

  it('takes nothing from a device that states no set points for the metric', () => {
    expect(deviceLayer('process-limit', 'pressure', device(null))).toBeUndefined();
    expect(deviceLayer('process-limit', 'pressure', device({ temp: { high: 95 } }))).toBeUndefined();
  });
});

describe('process-limit', () => {
  it('raises H as a warning, escalates to HH as critical, steps down past the band and clears, as one alert', () => {
    const r = run(rule(REACTOR), [
      p(0, 250),
      p(30, 305),
      p(60, 352),
      p(90, 345),
      p(120, 339),
      p(150, 295),
      p(180, 289),
    ]);
    expect(changes(r.verdicts)).toEqual([
      `opened:1@${at(30)}`,
      `escalated:2@${at(60)}`,
      // 345 is inside HH's band (350 − 10): still HH, and nothing said. 339 is past it: back to H.
      `de-escalated:1@${at(120)}`,
      // 295 is inside H's band: still open. 289 is past it.
      `clear@${at(180)}`,
    ]);
    const [h, hh] = triggers(r.verdicts);
    expect(h).toMatchObject({ severity: 'warning', value: 305, limit: 300, unit: 'kPa' });
    expect(hh).toMatchObject({ severity: 'critical', value: 352, limit: 350 });
    expect(hh.explanation).toEqual({
      zh: '压力 352 kPa 达到或超过高高报 (HH)设定值 350 kPa（依据 GB 18218-2018）',
      en: 'Pressure 352 kPa reached the high-high (HH) set point 350 kPa (per GB 18218-2018)',
    });
    expect(clears(r.verdicts)[0].explanation.zh).toBe(
      '压力 恢复至 289 kPa，回到 290 kPa 以下（高报 (H)设定值 300 kPa，回差 10 kPa）',
    );
  });

  it('judges the low side the same way: L, LL, and back', () => {
    const r = run(rule(REACTOR), [p(0, 200), p(30, 150), p(60, 99), p(90, 115), p(120, 170)]);
    expect(changes(r.verdicts)).toEqual([
      `opened:1@${at(30)}`,
      `escalated:2@${at(60)}`,
      `de-escalated:1@${at(90)}`,
      `clear@${at(120)}`,
    ]);
    expect(triggers(r.verdicts)[1].explanation.en).toBe(
      'Pressure 99 kPa fell to the low-low (LL) set point 100 kPa (per GB 18218-2018)',
    );
  });

  it('raises only once the set point has been reached on every reading for delayMs', () => {
    const delayed = rule({ ...REACTOR, delayMs: MINUTE });
    // A one-reading spike to 360 raises nothing; a run from 30 s to 90 s does.
    const r = run(delayed, [p(0, 360), p(10, 250), p(30, 355), p(60, 356), p(89, 357), p(90, 358)]);
    expect(changes(r.verdicts)).toEqual([`opened:2@${at(90)}`]);
    expect(r.verdicts[0].explanation.zh).toBe(
      '压力 358 kPa 达到或超过高高报 (HH)设定值 350 kPa，已持续 1 分钟（延时 1 分钟）（依据 GB 18218-2018）',
    );
  });

  it('caps HH and LL at level 1 when the rule says so', () => {
    const r = run(rule({ ...REACTOR, level: 1 }), [p(0, 360)]);
    expect(opened(r.verdicts)[0]).toMatchObject({ level: 1, severity: 'warning', limit: 350 });
  });

  it('says it is not configured, and judges nothing, when no set point is set', () => {
    const r = run(rule({}), [p(0, 10_000)]);
    expect(r.verdicts).toEqual([]);
    expect(r.issues.map((i) => i.code)).toEqual(['not-configured']);
  });
});

// ---------------------------------------------------------------- properties (fast-check shrinks a failure)

const series = fc
  .array(fc.record({ gapS: fc.integer({ min: 1, max: 120 }), value: fc.integer({ min: 50, max: 400 }) }), {
    minLength: 1,
    maxLength: 80,
  })
  .map((points) => {
    let s = 0;
    return points.map(({ gapS, value }) => p((s += gapS), value));
  });
const settings = fc.record({
  hysteresis: fc.constantFrom(0, 5, 10),
  delayMs: fc.constantFrom(0, 30_000, MINUTE),
});

describe('process-limit properties', () => {
  it('never raises a level whose set point the value has not reached on every reading for the delay', () => {
    fc.assert(
      fc.property(series, settings, (steps, s) => {
        const r = run(rule({ ...REACTOR, ...s }), steps);
        r.perStep.forEach((verdicts, i) => {
          for (const v of verdicts) {
            if (v.action !== 'trigger' || (v.change !== 'opened' && v.change !== 'escalated')) continue;
            const side = v.limit >= 300 ? 1 : -1;
            // Every reading within the delay before this one reached the set point.
            for (let j = i; j >= 0; j--) {
              const step = steps[j].input;
              if (step.kind !== 'reading') continue;
              if (v.ts - step.ts > s.delayMs) break;
              const value = step.values.pressure as number;
              expect(side * value).toBeGreaterThanOrEqual(side * v.limit);
            }
          }
        });
      }),
    );
  });

  it('with no delay, a value at or beyond HH or LL always leaves a critical alert open', () => {
    fc.assert(
      fc.property(series, fc.constantFrom(0, 5, 10), (steps, hysteresis) => {
        const r = run(rule({ ...REACTOR, hysteresis }), steps);
        let level = 0;
        steps.forEach((step, i) => {
          for (const v of r.perStep[i]) level = v.action === 'trigger' ? v.level : 0;
          const value = (step.input as { values: Record<string, number> }).values.pressure;
          if (value >= 350 || value <= 100) expect(level).toBe(2);
          else if (value >= 300 || value <= 150) expect(level).toBeGreaterThanOrEqual(1);
        });
      }),
    );
  });

  it('never clears an alert while the value is still inside the band of its side’s first set point', () => {
    fc.assert(
      fc.property(series, settings, (steps, s) => {
        const r = run(rule({ ...REACTOR, ...s }), steps);
        let side: 'high' | 'low' | null = null;
        for (const v of r.verdicts) {
          if (v.action === 'trigger') {
            side = v.limit >= 300 ? 'high' : 'low';
            continue;
          }
          if (side === 'high') expect(v.value).toBeLessThanOrEqual(300 - s.hysteresis);
          if (side === 'low') expect(v.value).toBeGreaterThanOrEqual(150 + s.hysteresis);
          side = null;
        }
      }),
    );
  });
});
