import type { MetricInfo } from '../evaluate';
import type { Step } from '../testing/harness';
import { MINUTE, clears, opened, ruleOf, run } from '../testing/harness';

const PM: MetricInfo = { unit: 'mg/m³', label: { zh: '颗粒物', en: 'Particulate matter' } };
// Baseline over the last 30 minutes in 1-minute buckets; production normal 100 kW (running from 30 kW).
const RULE = ruleOf(
  'emission-spike',
  { baselineWindowMs: 30 * MINUTE, productionNormalKw: 100, minBaselineSamples: 10 },
  { metric: 'pm', info: PM, source: 'docs/rules.md' },
);
const pm = (minute: number, value: number): Step => ({
  input: { kind: 'reading', ts: minute * MINUTE, values: { pm: value } },
});
const kw = (minute: number, value: number): Step => ({
  input: { kind: 'meter', ts: minute * MINUTE, meterId: 'P1', role: 'production', kw: value },
});
/** Production and emission each minute from `from` to `to`. */
const steady = (from: number, to: number, productionKw: number, pmValue: number): Step[] =>
  Array.from({ length: to - from + 1 }, (_, i) => [kw(from + i, productionKw), pm(from + i, pmValue)]).flat();

describe('emission-spike rule', () => {
  it('raises when the emission jumps while production load stays flat, with both changes in the explanation', () => {
    const r = run(RULE, [...steady(0, 30, 80, 10), kw(31, 80), pm(31, 16)]);
    const [v] = opened(r.verdicts);
    expect(v).toMatchObject({ value: 16, limit: 15, unit: 'mg/m³', ts: 31 * MINUTE });
    expect(v.explanation.zh).toBe(
      '排放突增且与生产负荷不符：颗粒物 由近 30 分钟均值 10 mg/m³ 变为 16 mg/m³（+60 %），同期生产用电由均值 80 kW 变为 80 kW（+0 %），' +
        '排放升幅达到设定 +50 %，而生产负荷升幅不足其 50 %（依据 docs/rules.md）',
    );
  });

  it('raises nothing when production rose with the emission', () => {
    expect(run(RULE, [...steady(0, 30, 60, 10), kw(31, 90), pm(31, 16)]).verdicts).toEqual([]);
  });

  it('raises nothing while production is not running, nor on a baseline too short to trust', () => {
    expect(run(RULE, [...steady(0, 30, 20, 10), kw(31, 20), pm(31, 40)]).verdicts).toEqual([]);
    expect(run(RULE, [...steady(0, 5, 80, 10), kw(6, 80), pm(6, 40)]).verdicts).toEqual([]);
  });

  it('clears when the emission is back near its baseline', () => {
    const r = run(RULE, [...steady(0, 30, 80, 10), kw(31, 80), pm(31, 16), kw(32, 80), pm(32, 10.5)]);
    const [c] = clears(r.verdicts);
    expect(c).toMatchObject({ value: 10.5, ts: 32 * MINUTE });
    expect(c.explanation.en).toContain('Emission spike cleared');
  });

  it('asks for the line’s normal load before judging', () => {
    const bare = ruleOf('emission-spike', {}, { metric: 'pm', info: PM });
    const r = run(bare, [...steady(0, 30, 80, 10), pm(31, 50)]);
    expect(r.verdicts).toEqual([]);
    expect(r.issues.at(-1)).toMatchObject({ code: 'not-configured' });
  });

  it('keeps at most one bucket per minute of the window however many readings arrive', () => {
    const steps = Array.from({ length: 5000 }, (_, i): Step[] => [
      { input: { kind: 'meter', ts: i * 2000, meterId: 'P1', role: 'production', kw: 80 } },
      { input: { kind: 'reading', ts: i * 2000, values: { pm: 10 } } },
    ]).flat();
    const { state } = run(RULE, steps);
    if (state?.kind !== 'emission-spike') throw new Error('expected emission-spike state');
    expect(state.emission.length).toBeLessThanOrEqual(31);
    expect(state.production.length).toBeLessThanOrEqual(31);
  });
});
