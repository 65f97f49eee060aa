import fc from 'fast-check';
import { parseRuleDefinition, RULE_KINDS, RULE_PARAM_KEYS, RuleParamsError } from '@park/rules-engine';
import { translate, type MessageKey, type MessageParams } from '../i18n/messages';
import { fieldOfProblem, ruleProblemText } from './rule-problem-text';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

/** The engine's refusal of `params` for `kind` (fails the test when it accepts them). */
function refusal(kind: string, params: unknown): RuleParamsError {
  try {
    parseRuleDefinition(kind, params);
  } catch (error) {
    if (error instanceof RuleParamsError) return error;
    throw error;
  }
  throw new Error(`${kind} accepted ${JSON.stringify(params)}`);
}

describe('rule parameter problems in the form’s words', () => {
  it('names both parameters of a relation by their labels', () => {
    const error = refusal('threshold', { direction: 'above', level1: 50, level2: 25 });
    expect(fieldOfProblem(error)).toBe('params.level2');
    expect(ruleProblemText(error, zh)).toBe('二级报警值须高于一级报警值');
    expect(ruleProblemText(error, en)).toBe(
      'Alarm level 2 must be above Alarm level 1'.replace(/Alarm level (\d)/g, (_, n: string) =>
        en(`rules.param.level${n}` as MessageKey),
      ),
    );
  });

  it('shows a duration’s bounds in seconds, as the form types it', () => {
    const error = refusal('sustained', { limit: 5, durationMs: 0 });
    expect(fieldOfProblem(error)).toBe('params.durationMs');
    expect(ruleProblemText(error, zh)).toBe('持续时间须为大于 0 秒的时长');
    const required = refusal('rate-of-change', { ratePerMinute: 1 });
    expect(ruleProblemText(required, zh)).toBe('统计窗口为必填项');
  });

  it('words the bounds of a number', () => {
    const error = refusal('emission-spike', { riseFraction: 0 });
    expect(ruleProblemText(error, zh)).toBe('上升幅度须为大于 0、不大于 100 的数值');
    expect(ruleProblemText(error, en)).toBe(`${en('rules.param.riseFraction')} must be a number > 0, ≤ 100`);
  });

  it('words the process-limit order and the alarm-state list', () => {
    expect(ruleProblemText(refusal('process-limit', { high: 10, highHigh: 5 }), zh)).toBe(
      '高高报设定值 (HH)须高于高报设定值 (H)',
    );
    expect(ruleProblemText(refusal('state-signal', { alarmStates: [true, false] }), zh)).toBe(
      '报警状态值不能同时含“是”和“否”（那样就没有正常状态）',
    );
  });

  it('names the analyser flags in words, not letters', () => {
    const text = ruleProblemText(refusal('analyser-abnormal', { flags: ['M'] }), zh);
    expect(text).toContain('故障');
    expect(text).toContain('通讯异常');
    expect(text.split('：')[1]).not.toMatch(/[A-Z]/);
  });

  it('never shows an English word or a parameter code in Chinese, whatever is typed', () => {
    const englishWord =
      /\b(must|be|above|below|required|number|milliseconds|params?|got|of|or|and|true|false)\b/i;
    const value = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(true, false, null, 'x', 'above', 'below', [], [true], [true, false], [1, 1], ['M'], {}),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...RULE_KINDS),
        fc.dictionary(fc.string(), value, { maxKeys: 2 }),
        fc.array(value, { maxLength: 4 }),
        (kind, extra, values) => {
          const keys = RULE_PARAM_KEYS[kind];
          const params: Record<string, unknown> = {};
          values.forEach((v, i) => (params[keys[i % keys.length]] = v));
          if (Object.keys(extra).length > 0 && values.length === 0) Object.assign(params, extra);
          let error: RuleParamsError;
          try {
            parseRuleDefinition(kind, params);
            return;
          } catch (e) {
            if (!(e instanceof RuleParamsError)) throw e;
            error = e;
          }
          const text = ruleProblemText(error, zh);
          expect(text).not.toMatch(englishWord);
          for (const key of keys) expect(text).not.toContain(key);
          expect(text).not.toContain('{');
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
