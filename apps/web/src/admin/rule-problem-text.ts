/**
 * A rule-parameter problem found by the rules engine (RuleParamsError), worded in the interface language with the
 * form's own labels: the engine's English message names parameters by their codes ("level2 must be above level1"),
 * which a Chinese form must not show. Durations are typed in seconds on the form, so their bounds are shown in
 * seconds too.
 */
import type { NumberBounds, RuleParamsError } from '@park/rules-engine';
import type { Translate } from '../api/error-text';
import { MESSAGES, type MessageKey } from '../i18n/messages';

/** The form field a problem belongs to: `params.<key>`, `deviceKind`, `metric`, or null (the whole form). */
export function fieldOfProblem(error: RuleParamsError): string | null {
  if (!error.param) return null;
  return error.param === 'deviceKind' || error.param === 'metric' ? error.param : `params.${error.param}`;
}

export function ruleProblemText(error: RuleParamsError, t: Translate): string {
  const problem = error.problem;
  const param = label(error.param, t);
  const text = ((): string => {
    switch (problem.type) {
      case 'required':
        return t('rules.problem.required', { param });
      case 'number':
        return t('rules.problem.number', { param, what: numberWhat(problem.bounds, problem.duration, t) });
      case 'one-of':
        return t('rules.problem.oneOf', { param });
      case 'boolean':
        return t('rules.problem.boolean', { param });
      case 'level':
        return t('rules.problem.level', { param });
      case 'metric':
        return t('rules.problem.metric', { param });
      case 'order':
        return t(ORDER_KEYS[problem.op], { param, than: label(problem.than, t) });
      case 'multiple-of':
        return t('rules.problem.multipleOf', { param, of: label(problem.of, t), n: problem.maxMultiple });
      case 'states':
        return t(STATES_KEYS[problem.issue], { param });
      case 'flags':
        return t('rules.problem.flags', {
          param,
          allowed: problem.allowed.map((flag) => qualityName(flag, t)).join(t('rules.problem.listSeparator')),
        });
      case 'not-object':
      case 'unknown-kind':
      case 'unknown-params':
        return t('rules.problem.malformed');
    }
  })();
  return error.override.length > 0 ? `${text}${t('rules.problem.override')}` : text;
}

const ORDER_KEYS = {
  above: 'rules.problem.above',
  below: 'rules.problem.below',
  'not-above': 'rules.problem.notAbove',
} as const satisfies Record<string, MessageKey>;

const STATES_KEYS = {
  shape: 'rules.problem.statesShape',
  duplicate: 'rules.problem.statesDuplicate',
  mixed: 'rules.problem.statesMixed',
  both: 'rules.problem.statesBoth',
} as const satisfies Record<string, MessageKey>;

function label(param: string | null, t: Translate): string {
  if (param === null) return t('rules.problem.theParams');
  if (param === 'deviceKind') return t('rules.form.deviceKind');
  if (param === 'metric') return t('rules.form.metric');
  const key = `rules.param.${param}`;
  return isMessageKey(key) ? t(key) : param;
}

function isMessageKey(key: string): key is MessageKey {
  return key in MESSAGES['zh-CN'];
}

function qualityName(flag: string, t: Translate): string {
  const key = `deviceStates.quality.${flag}`;
  return isMessageKey(key) ? t(key) : flag;
}

/** "大于 0 秒的时长", "不小于 0、不大于 1 的数值" / "a whole number > 0". */
function numberWhat(bounds: NumberBounds, duration: boolean, t: Translate): string {
  const value = (n: number) => (duration ? t('rules.problem.seconds', { n: n / 1000 }) : String(n));
  const parts: string[] = [];
  if (bounds.above !== undefined) parts.push(t('rules.problem.gt', { n: value(bounds.above) }));
  if (bounds.min !== undefined) parts.push(t('rules.problem.ge', { n: value(bounds.min) }));
  if (bounds.below !== undefined) parts.push(t('rules.problem.lt', { n: value(bounds.below) }));
  if (bounds.max !== undefined) parts.push(t('rules.problem.le', { n: value(bounds.max) }));
  const noun = t(
    duration ? 'rules.problem.duration' : bounds.integer ? 'rules.problem.integer' : 'rules.problem.finite',
  );
  return parts.length === 0
    ? noun
    : // A number ends the bounds unless it is a duration ("大于 0 的数值", "大于 0 秒的时长").
      t(duration ? 'rules.problem.boundedDuration' : 'rules.problem.bounded', {
        bounds: parts.join(t('rules.problem.listSeparator')),
        noun,
      });
}
