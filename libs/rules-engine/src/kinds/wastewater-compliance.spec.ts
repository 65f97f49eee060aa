import fc from 'fast-check';
import type { DataQuality } from '@park/contracts';
import { BUILT_IN_RULES } from '../default-rules';
import type { MetricInfo } from '../evaluate';
import { resolveRuleDefinition } from '../resolve-thresholds';
import { HOUR_MS, DAY_MS, beijingDayOf } from './hourly-mean-emission-rule';
import { clears, opened, ruleOf, run, triggers, type Step } from '../testing/harness';

const COD: MetricInfo = { unit: 'mg/L', label: { zh: '化学需氧量', en: 'COD' } };
const PH: MetricInfo = { unit: 'pH', label: { zh: 'pH值', en: 'pH' } };
/** 2025-06-01 00:00 Beijing time. */
const DAY0 = Date.UTC(2025, 4, 31, 16, 0, 0);
const reading = (ts: number, metric: string, value: number, flag?: DataQuality): Step => ({
  input: { kind: 'reading', ts, values: { [metric]: value }, ...(flag ? { flags: { [metric]: flag } } : {}) },
});
/** One reading at the half hour of each of the first `hours` hours of the Beijing day starting at `day`. */
const dayOf = (day: number, hours: number, value: (h: number) => number, metric = 'cod'): Step[] =>
  Array.from({ length: hours }, (_, h) => reading(day + h * HOUR_MS + HOUR_MS / 2, metric, value(h)));

const builtIn = (code: string) => {
  const rule = BUILT_IN_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no built-in rule ${code}`);
  return rule;
};

describe('wastewater compliance (hourly-mean-emission with period and range)', () => {
  const daily = ruleOf(
    'hourly-mean-emission',
    { limit: 100, period: 'day', minHours: 20, level: 2 },
    { metric: 'cod', info: COD, source: '排污许可证' },
  );

  it('judges the Beijing calendar day: 00:00–24:00 UTC+8', () => {
    expect(beijingDayOf(DAY0)).toBe(DAY0);
    expect(beijingDayOf(DAY0 + DAY_MS - 1)).toBe(DAY0);
    expect(beijingDayOf(DAY0 - 1)).toBe(DAY0 - DAY_MS);
  });

  it('raises on a daily mean over the permit limit when the day closes (first reading of the next day)', () => {
    const result = run(daily, [
      ...dayOf(DAY0, 24, (h) => (h < 12 ? 90 : 130)),
      reading(DAY0 + DAY_MS, 'cod', 20),
    ]);
    const [alert] = opened(result.verdicts);
    expect(alert).toMatchObject({ value: 110, limit: 100, level: 2, ts: DAY0 + DAY_MS, unit: 'mg/L' });
    expect(alert?.explanation.zh).toBe(
      '2025-06-01 化学需氧量日均值 110 mg/L，超过许可排放限值 100 mg/L（依据 排污许可证）',
    );
    expect(alert?.explanation.en).toBe(
      '2025-06-01 COD daily mean 110 mg/L exceeds the permit limit 100 mg/L (per 排污许可证)',
    );
  });

  it('closes the day on a tick at its end too, and clears on a compliant day', () => {
    const first = run(daily, [
      ...dayOf(DAY0, 24, () => 150),
      { input: { kind: 'tick' }, now: DAY0 + DAY_MS },
    ]);
    expect(triggers(first.verdicts)).toHaveLength(1);
    const next = run(
      daily,
      [...dayOf(DAY0 + DAY_MS, 24, () => 40), { input: { kind: 'tick' }, now: DAY0 + 2 * DAY_MS }],
      first.state,
    );
    expect(clears(next.verdicts)).toHaveLength(1);
  });

  it('does not judge a day with fewer valid hours than minHours: not judged, never compliant', () => {
    const result = run(daily, [
      ...dayOf(DAY0, 19, () => 500),
      { input: { kind: 'tick' }, now: DAY0 + DAY_MS },
    ]);
    expect(result.verdicts).toEqual([]);
    expect(result.issues.map((i) => i.code)).toEqual(['too-few-samples']);
    expect(result.issues[0]?.message.zh).toContain('仅 19 个小时有有效数据，少于 20 个');
  });

  it('leaves flagged values out: a day of D-flagged zeros does not dilute an exceedance', () => {
    const steps: Step[] = [];
    for (let h = 0; h < 24; h++) {
      steps.push(reading(DAY0 + h * HOUR_MS + 10 * 60_000, 'cod', 150));
      steps.push(reading(DAY0 + h * HOUR_MS + 40 * 60_000, 'cod', 0, 'D'));
    }
    const result = run(daily, [...steps, { input: { kind: 'tick' }, now: DAY0 + DAY_MS }]);
    expect(opened(result.verdicts)[0]?.value).toBe(150);
  });

  it('judges pH as a range: below 6 or above 9 is an exceedance', () => {
    const ph = ruleOf('hourly-mean-emission', { limit: 9, lowerLimit: 6 }, { metric: 'ph', info: PH });
    const low = run(ph, [reading(DAY0 + 60_000, 'ph', 5.2), reading(DAY0 + HOUR_MS + 60_000, 'ph', 7)]);
    expect(opened(low.verdicts)[0]).toMatchObject({ value: 5.2, limit: 6 });
    expect(opened(low.verdicts)[0]?.explanation.en).toContain('outside the permitted range 6–9 pH');
    const high = run(ph, [reading(DAY0 + 60_000, 'ph', 9.5), reading(DAY0 + HOUR_MS + 60_000, 'ph', 7)]);
    expect(opened(high.verdicts)[0]).toMatchObject({ value: 9.5, limit: 9 });
    const back = run(ph, [reading(DAY0 + 2 * HOUR_MS + 60_000, 'ph', 7.5)], low.state);
    expect(clears(back.verdicts)).toHaveLength(1);
  });

  it('refuses a lower limit at or above the limit', () => {
    expect(() => ruleOf('hourly-mean-emission', { limit: 6, lowerLimit: 9 })).toThrow(
      /lowerLimit must be below/,
    );
  });

  it('built-in COD rules take the limit from the device permit, else the enterprise; pH ships 6–9', () => {
    const cod = builtIn('wastewater.cod.daily-mean');
    const params: Readonly<Record<string, unknown>> = Object.fromEntries(Object.entries(cod.params));
    const fromDevice = resolveRuleDefinition(cod.kind, { limit: 60 }, { limit: 100 }, params);
    expect(fromDevice.definition.params).toMatchObject({ limit: 60, period: 'day', minHours: 20, level: 2 });
    const fromEnterprise = resolveRuleDefinition(cod.kind, { limit: null }, { limit: 100 }, params);
    expect(fromEnterprise.sources.limit).toBe('enterprise');
    const ph = builtIn('wastewater.ph.hourly-range');
    expect(ph.params).toMatchObject({ limit: 9, lowerLimit: 6, period: 'hour' });
    for (const metric of ['cod', 'nh3n', 'tp', 'tn'])
      for (const period of ['hourly', 'daily'])
        expect(() => builtIn(`wastewater.${metric}.${period}-mean`)).not.toThrow();
  });

  it('property: the daily verdict is exactly "mean of valid values > limit" when enough hours hold valid data', () => {
    const hourly = fc.record({
      value: fc.integer({ min: 0, max: 300 }),
      flag: fc.option(fc.constantFrom<DataQuality>('D', 'M', 'C', 'T', 'B', 'F', 'S'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(hourly, { minLength: 24, maxLength: 24 }), (hours) => {
        const steps = hours.map((h, i) => reading(DAY0 + i * HOUR_MS + 1000, 'cod', h.value, h.flag));
        const result = run(daily, [...steps, { input: { kind: 'tick' }, now: DAY0 + DAY_MS }]);
        const valid = hours.filter((h) => h.flag === undefined).map((h) => h.value);
        if (valid.length < 20) {
          expect(result.verdicts).toEqual([]);
          expect(result.issues.map((i) => i.code)).toEqual(['too-few-samples']);
          return;
        }
        const mean = valid.reduce((a, b) => a + b, 0) / valid.length;
        expect(triggers(result.verdicts).map((v) => v.value)).toEqual(mean > 100 ? [mean] : []);
      }),
    );
  });
});
