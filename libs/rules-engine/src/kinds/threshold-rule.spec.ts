import { MINUTE, reading, ruleOf, run } from '../testing/harness';

const RULE = ruleOf(
  'threshold',
  { direction: 'above', level1: 25, level2: 50, hysteresis: 2 },
  { source: 'GB/T 50493-2019 §5.5.2' },
);
const series = (values: number[]) => values.map((v, i) => reading(i * MINUTE, 'lel', v));

describe('threshold rule, with its open level kept in the engine state', () => {
  it('opens, escalates, de-escalates and clears, with the wording of evaluateThreshold', () => {
    const r = run(RULE, series([10, 26, 55, 45, 20]));
    expect(r.perStep[0]).toEqual([]);
    expect(r.perStep[1][0]).toMatchObject({
      action: 'trigger',
      change: 'opened',
      level: 1,
      limit: 25,
      unit: '%LEL',
      ts: MINUTE,
    });
    expect(r.perStep[1][0].explanation.zh).toBe(
      '可燃气体浓度 26 %LEL 达到或超过一级报警设定值 25 %LEL（依据 GB/T 50493-2019 §5.5.2）',
    );
    expect(r.perStep[2][0]).toMatchObject({ change: 'escalated', level: 2, severity: 'critical', limit: 50 });
    expect(r.perStep[3][0]).toMatchObject({ change: 'de-escalated', level: 1, limit: 25 });
    expect(r.perStep[4][0]).toMatchObject({ action: 'clear', value: 20, ts: 4 * MINUTE });
    expect(r.perStep[4][0].explanation.zh).toContain('恢复至 20 %LEL');
  });

  it('inside the hysteresis band keeps the alert open without claiming the set point was reached', () => {
    const r = run(RULE, series([26, 24, 23.5, 26, 22.9]));
    expect(r.perStep[1]).toEqual([]);
    expect(r.perStep[2]).toEqual([]);
    expect(r.perStep[3][0]).toMatchObject({ change: 'continuing', level: 1 });
    expect(r.perStep[4][0]).toMatchObject({ action: 'clear' });
  });

  it('ignores boolean readings, readings without its metric, and replays', () => {
    const first = run(RULE, series([30]));
    const r = run(
      RULE,
      [
        { input: { kind: 'reading', ts: 2 * MINUTE, values: { lel: true } } },
        { input: { kind: 'reading', ts: 3 * MINUTE, values: { o2: 20.9 } } },
        reading(0, 'lel', 90),
      ],
      first.state,
    );
    expect(r.verdicts).toEqual([]);
    expect(r.state).toEqual(first.state);
  });
});
