import fc from 'fast-check';
import { evaluateThreshold, type MetricInfo, type ThresholdRule, type Verdict } from './evaluate';
import type { ThresholdLevel } from './threshold';

const LEL_RULE: ThresholdRule = {
  id: 'rule-lel',
  kind: 'threshold',
  name: { zh: '可燃气体浓度报警', en: 'Combustible gas concentration' },
  deviceKind: 'combustible-gas',
  metric: 'lel',
  params: { direction: 'above', level1: 25, level2: 50, hysteresis: 2 },
  autoResolve: true,
  source: 'GB/T 50493-2019 §5.5.2',
};
const LEL: MetricInfo = { unit: '%LEL', label: { zh: '可燃气体浓度', en: 'Combustible gas' } };

const O2_RULE: ThresholdRule = {
  ...LEL_RULE,
  id: 'rule-o2',
  name: { zh: '缺氧报警', en: 'Oxygen deficiency' },
  deviceKind: 'oxygen',
  metric: 'o2',
  params: { direction: 'below', level1: 19.5, hysteresis: 0.2 },
  source: null,
};
const O2: MetricInfo = { unit: '%VOL', label: { zh: '氧气浓度', en: 'O₂' } };

function triggered(verdict: Verdict) {
  if (verdict.action !== 'trigger') throw new Error(`expected a trigger, got ${verdict.action}`);
  return verdict;
}

describe('evaluateThreshold', () => {
  it('raises a level-1 warning at 25 %LEL, explaining value, unit, level and standard', () => {
    const v = triggered(evaluateThreshold(LEL_RULE, LEL, 26, 0));
    expect(v).toMatchObject({ level: 1, severity: 'warning', value: 26, limit: 25 });
    expect(v.explanation.zh).toContain('26 %LEL');
    expect(v.explanation.zh).toContain('一级报警');
    expect(v.explanation.zh).toContain('25 %LEL');
    expect(v.explanation.zh).toContain('GB/T 50493-2019 §5.5.2');
    expect(v.explanation.en).toContain('26 %LEL');
    expect(v.explanation.en).toContain('level-1 alarm');
  });

  it('raises a level-2 critical alarm at 50 %LEL against the level-2 set point', () => {
    const v = triggered(evaluateThreshold(LEL_RULE, LEL, 55.5, 0));
    expect(v).toMatchObject({ level: 2, severity: 'critical', value: 55.5, limit: 50 });
    expect(v.explanation.zh).toContain('55.5 %LEL');
    expect(v.explanation.zh).toContain('二级报警');
    expect(v.explanation.zh).toContain('50 %LEL');
    expect(v.explanation.zh).not.toContain('一级报警');
    expect(v.explanation.en).toContain('level-2 alarm');
  });

  it('escalates an open level-1 alert to level 2', () => {
    expect(triggered(evaluateThreshold(LEL_RULE, LEL, 50, 1))).toMatchObject({
      level: 2,
      severity: 'critical',
    });
  });

  it('keeps reporting level 2 while the value stays inside the level-2 band', () => {
    expect(triggered(evaluateThreshold(LEL_RULE, LEL, 49, 2))).toMatchObject({ level: 2, limit: 50 });
  });

  it('keeps a level-1 alert open at 24 %LEL (hysteresis 2) instead of clearing it', () => {
    expect(triggered(evaluateThreshold(LEL_RULE, LEL, 24, 1))).toMatchObject({ level: 1, value: 24 });
  });

  it('clears an open alert at 22.9 %LEL, saying so with value, set point and hysteresis', () => {
    const v = evaluateThreshold(LEL_RULE, LEL, 22.9, 1);
    expect(v.action).toBe('clear');
    if (v.action !== 'clear') return;
    expect(v.value).toBe(22.9);
    expect(v.explanation.zh).toContain('恢复至 22.9 %LEL');
    expect(v.explanation.zh).toContain('25 %LEL');
    expect(v.explanation.zh).toContain('回差 2 %LEL');
    expect(v.explanation.en).toContain('back to 22.9 %LEL');
  });

  it('clears a level-2 alert in one step when the value drops well below both set points', () => {
    expect(evaluateThreshold(LEL_RULE, LEL, 0, 2).action).toBe('clear');
  });

  it('does nothing for a normal value with no alert open', () => {
    expect(evaluateThreshold(LEL_RULE, LEL, 3.2, 0)).toEqual({ action: 'none' });
    expect(evaluateThreshold(LEL_RULE, LEL, 24, 0)).toEqual({ action: 'none' });
  });

  it('ignores boolean readings', () => {
    expect(evaluateThreshold(LEL_RULE, LEL, true, 0)).toEqual({ action: 'none' });
    expect(evaluateThreshold(LEL_RULE, LEL, false, 1)).toEqual({ action: 'none' });
  });

  it('words a "below" rule as falling to the set point (oxygen deficiency)', () => {
    const v = triggered(evaluateThreshold(O2_RULE, O2, 18.2, 0));
    expect(v).toMatchObject({ level: 1, severity: 'warning', limit: 19.5 });
    expect(v.explanation.zh).toContain('18.2 %VOL');
    expect(v.explanation.zh).toContain('低于或等于');
    expect(v.explanation.zh).toContain('一级报警');
    expect(v.explanation.en).toContain('fell to');
  });

  it('leaves out the standard when the rule cites none', () => {
    const v = triggered(evaluateThreshold(O2_RULE, O2, 18.2, 0));
    expect(v.explanation.zh).not.toContain('依据');
    expect(v.explanation.en).not.toContain('per ');
  });

  it('writes no dangling space for a unitless metric', () => {
    const v = triggered(evaluateThreshold(LEL_RULE, { unit: '', label: { zh: '指数', en: 'Index' } }, 30, 0));
    expect(v.explanation.zh).toContain('指数 30 达到或超过一级报警设定值 25（依据');
  });
});

describe('evaluateThreshold — properties over random sequences', () => {
  // fast-check: a failure is shrunk and reported with its seed and path; replay it with fc.assert(…, { seed, path }).
  const tenths = (lo: number, hi: number) => fc.integer({ min: lo * 10, max: hi * 10 }).map((x) => x / 10);
  const sequences = fc.record({
    rule: fc.constantFrom(LEL_RULE, O2_RULE),
    start: tenths(-10, 10),
    moves: fc.array(tenths(-4, 4), { minLength: 1, maxLength: 80, size: 'max' }),
  });

  it('never clears an alert that is not open, and fed its own verdicts it reports every change once', () => {
    fc.assert(
      fc.property(sequences, ({ rule, start, moves }) => {
        const metric = rule === LEL_RULE ? LEL : O2;
        const failures: unknown[] = [];
        let open: ThresholdLevel = 0;
        let value = rule.params.level1 + start;
        for (const move of moves) {
          value = Math.round((value + move) * 10) / 10;
          const fresh = evaluateThreshold(rule, metric, value, 0);
          if (fresh.action === 'clear') failures.push({ value, fresh });
          const verdict = evaluateThreshold(rule, metric, value, open);
          if (verdict.action === 'clear' && open === 0) failures.push({ value, verdict });
          if (verdict.action === 'none' && open !== 0) failures.push({ value, open, verdict });
          if (verdict.action === 'trigger' && !verdict.explanation.zh.includes(`${value} ${metric.unit}`)) {
            failures.push({ value, explanation: verdict.explanation.zh });
          }
          open = verdict.action === 'trigger' ? verdict.level : 0;
        }
        expect(failures).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
