import type { MeterRole } from '@park/contracts';
import type { Step } from '../testing/harness';
import { MINUTE, clears, opened, ruleOf, run, triggers } from '../testing/harness';

// Line normal loads: production 100 kW (running from 30 kW), pollution control 20 kW (running from 6 kW).
const LOADS = { productionNormalKw: 100, treatmentNormalKw: 20 };
const rule = (check: string, durationMin: number, extra: object = {}) =>
  ruleOf(
    'treatment-power',
    { check, ...LOADS, durationMs: durationMin * MINUTE, ...extra },
    { metric: 'kw', source: 'docs/rules.md' },
  );
const meter = (minute: number, meterId: string, role: MeterRole, kw: number): Step => ({
  input: { kind: 'meter', ts: minute * MINUTE, meterId, role, kw },
});
/** Both meters every minute from `from` to `to` (inclusive) at the given loads. */
const both = (from: number, to: number, productionKw: number, treatmentKw: number): Step[] =>
  Array.from({ length: to - from + 1 }, (_, i) => [
    meter(from + i, 'P1', 'production', productionKw),
    meter(from + i, 'T1', 'pollution-control', treatmentKw),
  ]).flat();

describe('treatment-power rule (分表计电)', () => {
  describe('treatment off while producing', () => {
    const OFF = rule('treatment-off', 30);

    it('raises once production has run with treatment off for the set time, with both loads in the explanation', () => {
      const r = run(OFF, both(0, 31, 80, 1));
      const first = opened(r.verdicts);
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ value: 1, limit: 6, unit: 'kW', ts: 30 * MINUTE, level: 1 });
      expect(first[0].explanation.zh).toBe(
        '生产设施运行期间治污设施未运行：生产运行而治污设施未运行已持续 30 分钟（设定 30 分钟）；' +
          '生产用电 80 kW（运行判定 ≥ 30 kW），治污设施用电 1 kW（运行判定 ≥ 6 kW）（依据 docs/rules.md）',
      );
      expect(first[0].explanation.en).toContain(
        'the line has produced with pollution control off for 30 min',
      );
    });

    it('raises nothing while production is below its running threshold (plant shut down)', () => {
      expect(run(OFF, both(0, 120, 29, 0)).verdicts).toEqual([]);
    });

    it('clears when treatment runs again, and when production stops', () => {
      const back = run(OFF, [...both(0, 30, 80, 0), ...both(31, 31, 80, 15)]);
      expect(back.verdicts.at(-1)).toMatchObject({ action: 'clear', value: 15 });
      expect(back.verdicts.at(-1)?.explanation.zh).toContain('已解除：治污设施已恢复运行');
      const stopped = run(OFF, [...both(0, 30, 80, 0), ...both(31, 31, 2, 0)]);
      expect(stopped.verdicts.at(-1)?.explanation.zh).toContain('已解除：生产线已停止生产');
    });

    it('sums several meters of a role and leaves out the general-purpose ones', () => {
      const steps = Array.from({ length: 31 }, (_, m) => [
        meter(m, 'P1', 'production', 20),
        meter(m, 'P2', 'production', 20),
        meter(m, 'G1', 'general', 500),
        meter(m, 'T1', 'pollution-control', 3),
        meter(m, 'T2', 'pollution-control', 2),
      ]).flat();
      const [v] = opened(run(OFF, steps).verdicts);
      expect(v.explanation.zh).toContain('生产用电 40 kW');
      expect(v.explanation.zh).toContain('治污设施用电 5 kW');
    });

    it('counts only observed time: a slow production meter cannot stretch a shutdown into a violation', () => {
      // Production meter reports every 15 minutes; treatment every minute. Treatment stops at 0, production at 5:
      // the production reading at 14 shows the stop, so nothing confirmed production running 30 minutes on.
      const steps: Step[] = [meter(-1, 'P1', 'production', 80), meter(-1, 'T1', 'pollution-control', 15)];
      for (let m = 0; m <= 40; m++) {
        if (m === 14 || m === 29) steps.push(meter(m, 'P1', 'production', 0));
        steps.push(meter(m, 'T1', 'pollution-control', 0));
      }
      expect(run(rule('treatment-off', 10), steps).verdicts).toEqual([]);
    });

    it('pauses, with an issue, when a role has no fresh meter, and says so once', () => {
      const steps = [
        ...both(0, 5, 80, 0),
        ...Array.from({ length: 30 }, (_, i) => meter(6 + i, 'P1', 'production', 80)),
      ];
      const r = run(OFF, steps);
      expect(r.verdicts).toEqual([]);
      expect(r.issues.map((i) => i.code)).toEqual(['meters-stale']);
      expect(r.issues[0].message.zh).toBe('治污电表超过 15 分钟无数据，分表计电暂停判定');
    });

    it('judges nothing until the line’s normal loads are configured, and says so once an hour', () => {
      const bare = ruleOf('treatment-power', { check: 'treatment-off', durationMs: MINUTE });
      const r = run(bare, both(0, 130, 80, 0));
      expect(r.verdicts).toEqual([]);
      expect(r.issues.map((i) => [i.code, i.ts])).toEqual([
        ['not-configured', 0],
        ['not-configured', 60 * MINUTE],
        ['not-configured', 120 * MINUTE],
      ]);
    });

    it('applies each meter’s readings in its own order: a replay is ignored, another meter’s older reading is not', () => {
      const steps = both(0, 31, 80, 1);
      const once = run(OFF, steps);
      expect(run(OFF, steps, once.state).verdicts).toEqual([]);
      const reordered = run(OFF, [
        meter(0, 'P1', 'production', 80),
        meter(5, 'P1', 'production', 80),
        meter(3, 'T1', 'pollution-control', 1),
      ]);
      expect(reordered.state).toMatchObject({ meters: { T1: { ts: 3 * MINUTE } } });
    });
  });

  describe('treatment started later than production', () => {
    const LATE = rule('late-start', 15);

    it('raises when treatment has not started by the tolerance after production started, and clears when it does', () => {
      const r = run(LATE, [...both(0, 9, 0, 0), ...both(10, 34, 80, 0), ...both(35, 40, 80, 15)]);
      const [v] = opened(r.verdicts);
      expect(v).toMatchObject({ ts: 25 * MINUTE });
      expect(v.explanation.zh).toContain(
        '治污设施晚于生产设施启动：生产已启动 15 分钟，治污设施仍未启动（设定 15 分钟）',
      );
      const [c] = clears(r.verdicts);
      expect(c).toMatchObject({ ts: 35 * MINUTE });
      expect(c.explanation.zh).toContain('已解除：治污设施已启动（晚于生产 25 分钟）');
      expect(triggers(r.verdicts).filter((t) => t.ts > 35 * MINUTE)).toEqual([]);
    });

    it('raises nothing when treatment starts first or within the tolerance', () => {
      expect(
        run(LATE, [...both(0, 9, 0, 0), ...both(10, 14, 0, 15), ...both(15, 60, 80, 15)]).verdicts,
      ).toEqual([]);
      expect(
        run(LATE, [...both(0, 9, 0, 0), ...both(10, 20, 80, 0), ...both(21, 60, 80, 15)]).verdicts,
      ).toEqual([]);
    });

    it('does not judge a run whose start it did not see (e.g. the rule was added mid-shift)', () => {
      expect(run(LATE, both(0, 60, 80, 0)).verdicts).toEqual([]);
    });
  });

  describe('treatment stopped earlier than production', () => {
    const EARLY = rule('early-stop', 10);

    it('raises when treatment stopped and production ran on past the grace time', () => {
      const r = run(EARLY, [...both(0, 10, 80, 15), ...both(11, 25, 80, 0)]);
      const [v] = opened(r.verdicts);
      expect(v).toMatchObject({ ts: 21 * MINUTE, value: 0 });
      expect(v.explanation.zh).toContain(
        '治污设施早于生产设施停止：治污设施已停止 10 分钟，生产仍在运行（设定 10 分钟）',
      );
    });

    it('raises nothing when production stops within the grace time (orderly shutdown)', () => {
      expect(
        run(EARLY, [...both(0, 10, 80, 15), ...both(11, 18, 80, 0), ...both(19, 60, 0, 0)]).verdicts,
      ).toEqual([]);
    });

    it('clears when production stops after all', () => {
      const r = run(EARLY, [...both(0, 10, 80, 15), ...both(11, 25, 80, 0), ...both(26, 27, 0, 0)]);
      expect(r.verdicts.at(-1)).toMatchObject({ action: 'clear', ts: 26 * MINUTE });
    });
  });
});
