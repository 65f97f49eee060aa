import type { MetricInfo } from '../evaluate';
import { closeHour, evaluate } from '../engine';
import type { Step } from '../testing/harness';
import { MINUTE, clears, opened, ruleOf, run, triggers } from '../testing/harness';

const SO2: MetricInfo = { unit: 'mg/m³', label: { zh: '二氧化硫', en: 'SO₂' } };
const HOUR = 60 * MINUTE;
// 2025-06-01 09:00 Beijing time.
const H9 = Date.UTC(2025, 5, 1, 1, 0);
const so2Rule = (params: object) =>
  ruleOf('hourly-mean-emission', params, { metric: 'so2', info: SO2, source: 'GB 13271-2014 §5.2' });
const at = (ts: number, so2: number, o2?: number): Step => ({
  input: { kind: 'reading', ts, values: o2 === undefined ? { so2 } : { so2, o2 } },
});
const minute = (hour: number, m: number) => H9 + hour * HOUR + m * MINUTE;

describe('hourly-mean emission rule', () => {
  it('judges the clock hour’s arithmetic mean when the next hour’s first reading arrives', () => {
    const rule = so2Rule({ limit: 100 });
    const r = run(rule, [
      at(minute(0, 0), 90),
      at(minute(0, 20), 120),
      at(minute(0, 40), 111),
      at(minute(1, 0), 10),
    ]);
    expect(r.perStep.slice(0, 3).flat()).toEqual([]);
    const [v] = r.perStep[3];
    expect(v).toMatchObject({
      action: 'trigger',
      change: 'opened',
      value: 107,
      limit: 100,
      unit: 'mg/m³',
      ts: H9 + HOUR,
    });
    expect(v.explanation.zh).toBe(
      '2025-06-01 09:00–10:00 二氧化硫小时均值 107 mg/m³，超过许可排放限值 100 mg/m³（依据 GB 13271-2014 §5.2）',
    );
    expect(v.explanation.en).toBe(
      '2025-06-01 09:00–10:00 SO₂ hourly mean 107 mg/m³ exceeds the permit limit 100 mg/m³ (per GB 13271-2014 §5.2)',
    );
  });

  it('corrects the mean to the reference O₂: ρ = ρ′ × (21 − O₂ref) / (21 − O₂measured)', () => {
    // Coal-fired boiler, reference 9 %: measured mean 80 mg/m³ at 13 % O₂ → 80 × 12 / 8 = 120 mg/m³.
    const rule = so2Rule({ limit: 100, o2Reference: 9 });
    const r = run(rule, [at(minute(0, 0), 70, 12), at(minute(0, 30), 90, 14), at(minute(1, 0), 10, 13)]);
    const [v] = r.verdicts;
    expect(v).toMatchObject({ action: 'trigger', value: 120 });
    expect(v.explanation.zh).toContain(
      '小时均值 120 mg/m³（实测均值 80 mg/m³，实测含氧量 13 %，按基准含氧量 9 % 折算）',
    );
  });

  it('a mean equal to the limit complies; clears on the first compliant hour', () => {
    const rule = so2Rule({ limit: 100 });
    const r = run(rule, [at(minute(0, 0), 150), at(minute(1, 0), 100), at(minute(2, 0), 100)]);
    expect(r.perStep[1][0]).toMatchObject({ action: 'trigger' });
    expect(r.perStep[2][0]).toMatchObject({ action: 'clear', value: 100, ts: H9 + 2 * HOUR });
    expect(r.perStep[2][0].explanation.zh).toBe(
      '2025-06-01 10:00–11:00 二氧化硫小时均值 100 mg/m³，已不超过许可排放限值 100 mg/m³',
    );
  });

  it('closeHour(now) closes the open hour once now reaches its end, and only then', () => {
    const rule = so2Rule({ limit: 100 });
    const first = evaluate(
      rule,
      null,
      { kind: 'reading', ts: minute(0, 10), values: { so2: 130 } },
      minute(0, 10),
    );
    expect(closeHour(rule, first.state, minute(0, 59)).verdicts).toEqual([]);
    const closed = closeHour(rule, first.state, minute(1, 0));
    expect(closed.verdicts[0]).toMatchObject({ action: 'trigger', value: 130, ts: H9 + HOUR });
    expect(closeHour(rule, closed.state, minute(1, 5)).verdicts).toEqual([]);
    // A reading of the closed hour that arrives afterwards is not counted, and says so.
    const late = evaluate(
      rule,
      closed.state,
      { kind: 'reading', ts: minute(0, 50), values: { so2: 999 } },
      minute(1, 6),
    );
    expect(late.verdicts).toEqual([]);
    expect(late.issues[0]).toMatchObject({ code: 'late-reading' });
  });

  it('gives no verdict, and an issue, for an hour it cannot judge', () => {
    const o2Invalid = run(so2Rule({ limit: 100, o2Reference: 9 }), [
      at(minute(0, 0), 50, 21),
      at(minute(1, 0), 50, 20),
    ]);
    expect(o2Invalid.verdicts).toEqual([]);
    expect(o2Invalid.issues.map((i) => i.code)).toEqual(['o2-invalid']);
    expect(o2Invalid.issues[0].message.zh).toContain('实测含氧量均值 21 % 不低于 21 %');

    const noO2 = run(so2Rule({ limit: 100, o2Reference: 9 }), [at(minute(0, 0), 500), at(minute(1, 0), 50)]);
    expect(noO2.issues.map((i) => i.code)).toEqual(['o2-missing']);

    const noLimit = run(so2Rule({}), [at(minute(0, 0), 500), at(minute(1, 0), 50)]);
    expect(noLimit.issues.map((i) => i.code)).toEqual(['not-configured']);

    const noReference = run(so2Rule({ limit: 100, requireO2Reference: true }), [
      at(minute(0, 0), 500, 10),
      at(minute(1, 0), 50),
    ]);
    expect(noReference.issues.map((i) => i.code)).toEqual(['not-configured']);

    const sparse = run(so2Rule({ limit: 100, minSamples: 3 }), [
      at(minute(0, 0), 500),
      at(minute(0, 1), 500),
      at(minute(1, 0), 50),
    ]);
    expect(sparse.verdicts).toEqual([]);
    expect(sparse.issues[0].message.en).toContain('only 2 valid readings, fewer than 3');
  });

  it('a skipped hour does not stall the rule: each hour with readings is judged on its own', () => {
    const rule = so2Rule({ limit: 100 });
    const r = run(rule, [at(minute(0, 0), 200), at(minute(3, 0), 200), at(minute(4, 0), 50)]);
    expect(triggers(r.verdicts).map((v) => v.ts)).toEqual([H9 + HOUR, H9 + 4 * HOUR]);
    expect(opened(r.verdicts)).toHaveLength(1);
    expect(clears(r.verdicts)).toHaveLength(0);
  });
});
