import { MINUTE, clears, reading, ruleOf, run, triggers } from '../testing/harness';

// A rise of 2 %LEL per minute or faster, judged over 5 minutes (at least 2.5 minutes of span).
const RULE = ruleOf('rate-of-change', { direction: 'rise', ratePerMinute: 2, windowMs: 5 * MINUTE });
const at = (minute: number, value: number) => reading(minute * MINUTE, 'lel', value);

describe('rate-of-change rule', () => {
  it('raises on a fast rise, stating the span, both values and the rate in the metric’s unit per minute', () => {
    const r = run(RULE, [at(0, 3), at(1, 5), at(2, 8), at(3, 12), at(4, 16)]);
    expect(r.perStep.slice(0, 3).flat()).toEqual([]); // spans under 2.5 minutes are too short to judge
    const [v] = r.perStep[3];
    expect(v).toMatchObject({ action: 'trigger', change: 'opened', value: 3, limit: 2, unit: '%LEL/min' });
    expect(v.explanation.zh).toBe(
      '可燃气体浓度 在 3 分钟内由 3 %LEL 升至 12 %LEL，上升速率 3 %LEL/min，达到变化速率设定值 2 %LEL/min（依据 TEST-STD §1）',
    );
    expect(v.explanation.en).toBe(
      'Combustible gas rose from 3 %LEL to 12 %LEL in 3 min, a rise of 3 %LEL/min, reaching the rate set point 2 %LEL/min (per TEST-STD §1)',
    );
    expect(r.perStep[4][0]).toMatchObject({ change: 'continuing', value: 3.25 });
  });

  it('measures over the window, not over the latest two readings: a steady slow climb never raises', () => {
    const steps = Array.from({ length: 60 }, (_, i) => at(i, 3 + i * 1.5));
    expect(triggers(run(RULE, steps).verdicts)).toEqual([]);
  });

  it('ignores a fall when watching for a rise, and raises on it when watching for a fall', () => {
    const steps = [at(0, 20), at(1, 15), at(2, 10), at(3, 5)];
    expect(triggers(run(RULE, steps).verdicts)).toEqual([]);
    const fall = ruleOf('rate-of-change', { direction: 'fall', ratePerMinute: 2, windowMs: 5 * MINUTE });
    const [v] = run(fall, steps).verdicts;
    expect(v).toMatchObject({ action: 'trigger', value: 5 });
    expect(v.explanation.zh).toContain('在 3 分钟内由 20 %LEL 降至 5 %LEL，下降速率 5 %LEL/min');
    const either = ruleOf('rate-of-change', { direction: 'either', ratePerMinute: 2, windowMs: 5 * MINUTE });
    expect(triggers(run(either, steps).verdicts)).toHaveLength(1);
  });

  it('clears when the rate drops below the clear rate (half the set rate by default), not before', () => {
    const r = run(RULE, [at(0, 0), at(3, 9), at(6, 12.5), at(9, 13)]);
    expect(r.perStep[1][0]).toMatchObject({ action: 'trigger', value: 3 });
    expect(r.perStep[2]).toEqual([]); // 3.5 %LEL in 3 minutes: 1.17 %LEL/min, between clear (1) and set (2)
    const [v] = r.perStep[3];
    expect(v).toMatchObject({ action: 'clear', unit: '%LEL/min' });
    expect(v.explanation.zh).toBe(
      '可燃气体浓度 变化趋缓：3 分钟内由 12.5 %LEL 至 13 %LEL，速率 0.17 %LEL/min，低于解除值 1 %LEL/min',
    );
    expect(clears(r.verdicts)).toHaveLength(1);
  });

  it('judges nothing after a gap longer than the window', () => {
    const r = run(RULE, [at(0, 0), at(20, 30)]);
    expect(r.verdicts).toEqual([]);
  });

  it('keeps a bounded number of samples however fast the readings come', () => {
    const rule = ruleOf('rate-of-change', { ratePerMinute: 2, windowMs: 5 * MINUTE, maxSamples: 10 });
    const steps = Array.from({ length: 3000 }, (_, i) => reading(i * 1000, 'lel', 5));
    const { state } = run(rule, steps);
    expect(state).toMatchObject({ kind: 'rate-of-change' });
    if (state?.kind !== 'rate-of-change') return;
    expect(state.samples.length).toBeLessThanOrEqual(11);
  });
});
