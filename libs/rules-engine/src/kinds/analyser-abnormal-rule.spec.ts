import fc from 'fast-check';
import type { DataQuality } from '@park/contracts';
import { parseRuleDefinition } from '../engine';
import { MINUTE, clears, opened, ruleOf, run, triggers, type Step } from '../testing/harness';
import { RuleParamsError } from '../threshold';

const T0 = Date.UTC(2025, 5, 1, 0, 0, 0);
const rule = ruleOf('analyser-abnormal', { durationMs: 30 * MINUTE }, { metric: '*' });
const at = (min: number, values: Record<string, number>, flags?: Record<string, DataQuality>): Step => ({
  input: { kind: 'reading', ts: T0 + min * MINUTE, values, ...(flags ? { flags } : {}) },
});

describe('analyser-abnormal', () => {
  it('defaults to D, B and F and refuses M or C as abnormal flags', () => {
    expect(parseRuleDefinition('analyser-abnormal', { durationMs: MINUTE }).params).toEqual({
      flags: ['D', 'B', 'F'],
      durationMs: MINUTE,
      level: 1,
    });
    expect(() => parseRuleDefinition('analyser-abnormal', { durationMs: MINUTE, flags: ['C'] })).toThrow(
      RuleParamsError,
    );
    expect(() => parseRuleDefinition('analyser-abnormal', { durationMs: MINUTE, flags: [] })).toThrow(
      /non-empty array/,
    );
  });

  it('raises when a metric is flagged D on every reading for the set time, and clears when N returns', () => {
    const result = run(rule, [
      at(0, { so2: 0, o2: 9 }, { so2: 'D' }),
      at(15, { so2: 0, o2: 9 }, { so2: 'D' }),
      at(30, { so2: 0, o2: 9 }, { so2: 'D' }),
      at(31, { so2: 0, o2: 9 }, { so2: 'D' }),
      at(32, { so2: 12, o2: 9 }),
    ]);
    expect(result.perStep.map((v) => v.map((x) => x.action))).toEqual([
      [],
      [],
      ['trigger'],
      ['trigger'],
      ['clear'],
    ]);
    const [first] = opened(result.verdicts);
    expect(first).toMatchObject({ value: 30, limit: 30, unit: 'min', level: 1, ts: T0 + 30 * MINUTE });
    expect(first?.explanation.zh).toContain('so2 在线监控（监测）仪器仪表故障（D）已持续 30 分钟');
    expect(first?.explanation.en).toContain('so2 instrument fault (D) for 30 min');
    expect(clears(result.verdicts)[0]?.explanation.en).toContain('so2 report normal (N) data again');
  });

  it('leaves the state of a healthy analyser untouched, so the service has nothing to write', () => {
    const first = run(rule, [at(0, { so2: 3 })], null, true);
    const again = run(rule, [at(1, { so2: 4 }), at(2, { so2: 5 })], first.state, true);
    expect(again.state).toEqual(first.state);
    expect(again.verdicts).toEqual([]);
  });

  it('treats M and C as planned: they never raise and never count toward a run', () => {
    const planned = run(rule, [
      at(0, { so2: 0 }, { so2: 'C' }),
      at(40, { so2: 0 }, { so2: 'M' }),
      at(90, { so2: 0 }, { so2: 'C' }),
    ]);
    expect(planned.verdicts).toEqual([]);
    // D, then calibration, then D again: the run starts afresh after the calibration.
    const broken = run(rule, [
      at(0, { so2: 0 }, { so2: 'D' }),
      at(20, { so2: 0 }, { so2: 'C' }),
      at(40, { so2: 0 }, { so2: 'D' }),
      at(60, { so2: 0 }, { so2: 'D' }),
    ]);
    expect(broken.verdicts).toEqual([]);
  });

  it('keeps an open alert through calibration, clearing only when N returns', () => {
    const result = run(rule, [
      at(0, { cod: 0 }, { cod: 'B' }),
      at(30, { cod: 0 }, { cod: 'B' }),
      at(40, { cod: 0 }, { cod: 'C' }),
      at(50, { cod: 20 }),
    ]);
    expect(result.perStep.map((v) => v.map((x) => x.action))).toEqual([[], ['trigger'], [], ['clear']]);
  });

  it('judges each metric on its own: one metric in fault keeps the alert open while another recovers', () => {
    const result = run(rule, [
      at(0, { so2: 0, nox: 0 }, { so2: 'D', nox: 'F' }),
      at(30, { so2: 0, nox: 0 }, { so2: 'D', nox: 'F' }),
      at(31, { so2: 5, nox: 0 }, { nox: 'F' }),
      at(32, { so2: 5, nox: 7 }),
    ]);
    expect(result.perStep.map((v) => v.map((x) => x.action))).toEqual([
      [],
      ['trigger'],
      ['trigger'],
      ['clear'],
    ]);
    expect(result.state).toMatchObject({ active: false, alerted: [], since: {} });
  });

  it('property: it raises only after a run of watched flags of at least the set time, never on M/C/T/S/N', () => {
    const flag = fc.option(fc.constantFrom<DataQuality>('D', 'B', 'F', 'M', 'C', 'T', 'S'), {
      nil: undefined,
    });
    fc.assert(
      fc.property(
        fc.array(fc.record({ gap: fc.integer({ min: 1, max: 20 }), flag }), { minLength: 1, maxLength: 40 }),
        (items) => {
          let ts = 0;
          const steps = items.map((it) => {
            ts += it.gap;
            return at(ts, { so2: 1 }, it.flag ? { so2: it.flag } : undefined);
          });
          const result = run(rule, steps);
          // Oracle: the start of the current run of D/B/F at each reading.
          let since: number | null = null;
          let minute = 0;
          items.forEach((it, i) => {
            minute += it.gap;
            const abnormal = it.flag === 'D' || it.flag === 'B' || it.flag === 'F';
            since = abnormal ? (since ?? minute) : null;
            const fires = since !== null && minute - since >= 30;
            expect(triggers(result.perStep[i] ?? []).length).toBe(fires ? 1 : 0);
          });
        },
      ),
    );
  });
});
