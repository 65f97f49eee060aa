import { RULE_KINDS, RULE_PARAM_KEYS } from '@park/rules-engine';
import { translate, type MessageKey, type MessageParams } from '../i18n/messages';
import {
  checkDraft,
  draftFromRule,
  draftDurationUnit,
  dryRunSubjectText,
  durationUnitFor,
  durationUnitKey,
  dryRunSummary,
  fieldOfMessage,
  NEW_RULE_DRAFT,
  PARAM_SPECS,
  paramKeys,
  paramSummary,
  paramUnitText,
  type RuleDraft,
} from './rules-form';
import type { DryRunResult, RuleView } from './rules-api';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

const gasRule: RuleView = {
  id: '6f1c2d3e-0000-4000-8000-000000000001',
  code: 'gas.lel.two-level',
  kind: 'threshold',
  name: { zh: '可燃气体浓度报警', en: 'Combustible gas concentration' },
  deviceKind: 'combustible-gas',
  metric: 'lel',
  params: { direction: 'above', level1: 25, level2: 50, hysteresis: 2 },
  autoResolve: true,
  enabled: true,
  source: 'GB/T 50493-2019 §5.5.2',
  subject: 'device',
};

describe('rule parameters', () => {
  it('offers the engine’s parameters of every kind, each with a label and a unit', () => {
    for (const kind of RULE_KINDS) {
      expect(paramKeys(kind)).toBe(RULE_PARAM_KEYS[kind]);
      for (const key of paramKeys(kind)) expect(PARAM_SPECS[key]).toBeDefined();
    }
    expect(paramKeys('no-such-kind')).toEqual([]);
  });

  it('summarises a rule’s thresholds with the metric’s unit, in either language', () => {
    expect(paramSummary(gasRule, 'zh-CN', zh)).toEqual([
      '方向 高于',
      '一级报警值 25 %LEL',
      '二级报警值 50 %LEL',
      '回差 2 %LEL',
    ]);
    expect(paramSummary(gasRule, 'en', en)).toEqual([
      'Direction above',
      'Level 1 alarm 25 %LEL',
      'Level 2 alarm 50 %LEL',
      'Hysteresis 2 %LEL',
    ]);
    const offline: RuleView = {
      ...gasRule,
      kind: 'device-offline',
      deviceKind: '*',
      metric: '*',
      params: { expectedIntervalMs: 60000, factor: 3, level: 1 },
    };
    expect(paramSummary(offline, 'zh-CN', zh)).toEqual([
      '预期上报间隔 1 分钟',
      '超时倍数 3 倍',
      '告警级别 一级',
    ]);
  });
});

describe('checkDraft', () => {
  it('sends the typed params as numbers, leaving blanks out', () => {
    const draft = draftFromRule(gasRule);
    const check = checkDraft({ ...draft, params: { ...draft.params, level2: ' 70 ', hysteresis: '' } }, zh);
    expect(check).toEqual({
      ok: true,
      body: {
        kind: 'threshold',
        name: gasRule.name,
        deviceKind: 'combustible-gas',
        metric: 'lel',
        params: { direction: 'above', level1: 25, level2: 70 },
        enabled: true,
        autoResolve: true,
      },
    });
  });

  it('puts the engine’s own message on the field it names', () => {
    const draft = draftFromRule(gasRule);
    expect(checkDraft({ ...draft, params: { ...draft.params, level2: '20' } }, zh)).toEqual({
      ok: false,
      errors: { 'params.level2': '二级报警值须高于一级报警值' },
    });
    expect(checkDraft({ ...draft, params: { ...draft.params, hysteresis: '-1' } }, en)).toEqual({
      ok: false,
      errors: { 'params.hysteresis': `${en('rules.param.hysteresis')} must be a number ≥ 0` },
    });
  });

  it('refuses what is not a number before asking the engine, and checks the rule’s own fields', () => {
    const draft = draftFromRule(gasRule);
    expect(checkDraft({ ...draft, params: { ...draft.params, level1: 'abc' } }, zh)).toEqual({
      ok: false,
      errors: { 'params.level1': '须为数字' },
    });
    const fresh = checkDraft(NEW_RULE_DRAFT, zh);
    expect(fresh.ok).toBe(false);
    if (!fresh.ok)
      expect(Object.keys(fresh.errors).sort()).toEqual(['deviceKind', 'metric', 'nameEn', 'nameZh']);
  });

  const sustained = (durationSeconds: string): RuleDraft => ({
    ...NEW_RULE_DRAFT,
    kind: 'sustained',
    nameZh: '持续',
    nameEn: 'Sustained',
    deviceKind: 'combustible-gas',
    metric: 'lel',
    params: { direction: 'above', limit: '20', durationMs: durationSeconds },
  });

  it('takes durations in seconds, minutes or hours and sends the engine milliseconds', () => {
    const check = checkDraft(sustained('1.5'), zh);
    expect(check.ok && check.body.params).toEqual({ direction: 'above', limit: 20, durationMs: 1500 });
    const inUnit = (unit: string) => {
      const draft = sustained('1.5');
      const checked = checkDraft(
        { ...draft, params: { ...draft.params, [durationUnitKey('durationMs')]: unit } },
        zh,
      );
      return checked.ok ? checked.body.params : null;
    };
    // The unit is the form's, never a parameter of the body.
    expect(inUnit('min')).toEqual({ direction: 'above', limit: 20, durationMs: 90_000 });
    expect(inUnit('h')).toEqual({ direction: 'above', limit: 20, durationMs: 5_400_000 });
    expect(paramUnitText('durationMs', '%LEL', zh)).toBe('秒');
    expect(paramUnitText('durationMs', '%LEL', en)).toBe('s');
  });

  it('checks durations as the engine does (> 0)', () => {
    const check = checkDraft(sustained('0'), zh);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.errors['params.durationMs']).toBe('持续时间须为大于 0 秒的时长');
  });

  it('shows a stored duration in the form in its largest whole unit, and in s / min / h in the table', () => {
    const rule: RuleView = {
      ...gasRule,
      kind: 'sustained',
      params: { direction: 'above', limit: 20, durationMs: 90_000 },
    };
    expect(draftFromRule(rule).params).toMatchObject({ durationMs: '90', 'durationMs@unit': 's' });
    // A whole number of minutes or hours opens in that unit: never 7200 seconds, never milliseconds.
    const tenMinutes = draftFromRule({ ...rule, params: { ...rule.params, durationMs: 600_000 } });
    expect(tenMinutes.params).toMatchObject({ durationMs: '10', 'durationMs@unit': 'min' });
    expect(draftDurationUnit(tenMinutes, 'durationMs')).toBe('min');
    const twoHours = draftFromRule({ ...rule, params: { ...rule.params, durationMs: 7_200_000 } });
    expect(twoHours.params).toMatchObject({ durationMs: '2', 'durationMs@unit': 'h' });
    const back = checkDraft(twoHours, zh);
    expect(back.ok && back.body.params.durationMs).toBe(7_200_000);
    expect(durationUnitFor(1_500)).toBe('s');
    expect(durationUnitFor(0)).toBe('s');
    expect(paramSummary(rule, 'zh-CN', zh)).toContain('持续时间 90 秒');
    expect(paramSummary({ ...rule, params: { ...rule.params, durationMs: 600_000 } }, 'en', en)).toContain(
      'Duration 10 min',
    );
  });
});

describe('state-signal rules in the form', () => {
  const valveRule: RuleView = {
    ...gasRule,
    id: '6f1c2d3e-0000-4000-8000-000000000002',
    code: 'safety-io.valve.stuck-travelling',
    kind: 'state-signal',
    name: { zh: '紧急切断阀行程卡滞', en: 'Emergency shut-off valve stuck travelling' },
    deviceKind: 'safety-io',
    metric: 'valve',
    params: { check: 'stuck', alarmStates: [2], stuckState: 'alarm', stuckAfterMs: 120000, level: 1 },
    source: '园区默认值',
  };

  it('edits alarm states as typed text and sends them back as the engine takes them', () => {
    const draft = draftFromRule(valveRule);
    expect(draft.params.alarmStates).toBe('2');
    const check = checkDraft({ ...draft, params: { ...draft.params, alarmStates: '2，3' } }, zh);
    expect(check.ok && check.body.params).toEqual({
      check: 'stuck',
      alarmStates: [2, 3],
      stuckState: 'alarm',
      stuckAfterMs: 120000,
      level: 1,
    });
    const smoke = checkDraft(
      {
        ...NEW_RULE_DRAFT,
        kind: 'state-signal',
        nameZh: '烟雾',
        nameEn: 'Smoke',
        deviceKind: 'smoke',
        metric: 'smoke',
        params: { alarmStates: 'true', level: '2' },
      },
      en,
    );
    expect(smoke.ok && smoke.body.params).toEqual({ alarmStates: [true], level: 2 });
    const typedInChinese = checkDraft(
      {
        ...NEW_RULE_DRAFT,
        kind: 'state-signal',
        nameZh: '烟雾',
        nameEn: 'Smoke',
        deviceKind: 'smoke',
        metric: 'smoke',
        params: { alarmStates: '是', level: '2' },
      },
      zh,
    );
    expect(typedInChinese.ok && typedInChinese.body.params).toEqual({ alarmStates: [true], level: 2 });
    const smokeRule: RuleView = {
      ...valveRule,
      deviceKind: 'smoke',
      metric: 'smoke',
      params: { alarmStates: [true] },
    };
    expect(paramSummary(smokeRule, 'zh-CN', zh)).toContain('报警状态值 是');
  });

  it('names an emission rule’s averaging period in words', () => {
    const daily: RuleView = {
      ...gasRule,
      kind: 'hourly-mean-emission',
      deviceKind: 'wastewater',
      metric: 'cod',
      params: { period: 'day', minHours: 20 },
    };
    expect(paramSummary(daily, 'zh-CN', zh)).toContain('统计时段 日均值');
    expect(paramSummary(daily, 'en', en).join(' ')).toContain('daily mean');
  });

  it('puts the engine’s message on the alarm states a user mistyped', () => {
    const draft = draftFromRule(valveRule);
    expect(checkDraft({ ...draft, params: { ...draft.params, alarmStates: 'open' } }, en)).toEqual({
      ok: false,
      errors: {
        'params.alarmStates': `${en('rules.param.alarmStates')} must be a non-empty list of yes/no or of whole numbers`,
      },
    });
  });

  it('summarises the check, the watched state and the durations in either language', () => {
    expect(paramSummary(valveRule, 'zh-CN', zh)).toEqual([
      '检查项 状态卡滞',
      '报警状态值 2',
      '卡滞判定时间 2 分钟',
      '卡滞监视状态 报警状态',
      '告警级别 一级',
    ]);
    expect(paramSummary(valveRule, 'en', en)[0]).toBe('Check stuck signal');
  });
});

describe('fieldOfMessage', () => {
  it('finds the first parameter a message names, as a whole word', () => {
    expect(fieldOfMessage('threshold: level2 must be above level1', 'threshold')).toBe('params.level2');
    expect(fieldOfMessage('metric "xyz" is not a metric of combustible-gas', 'threshold')).toBe('metric');
    expect(fieldOfMessage('something else', 'threshold')).toBeNull();
  });
});

describe('dryRunSummary', () => {
  const result: DryRunResult = {
    ruleId: gasRule.id,
    from: Date.UTC(2025, 10, 27, 0, 0, 0),
    to: Date.UTC(2025, 10, 27, 6, 0, 0),
    subjects: [
      {
        subject: 'demo-gas-001',
        inputs: 4,
        confirmations: 1,
        issues: {},
        firings: [
          {
            subject: 'demo-gas-001',
            ts: Date.UTC(2025, 10, 27, 1, 0, 0),
            change: 'opened',
            level: 1,
            value: 30,
            limit: 25,
            unit: '%LEL',
            explanation: { zh: '超过一级', en: 'Above level 1' },
          },
          {
            subject: 'demo-gas-001',
            ts: Date.UTC(2025, 10, 27, 2, 0, 0),
            change: 'cleared',
            level: null,
            value: 10,
            limit: null,
            unit: '%LEL',
            explanation: { zh: '恢复', en: 'Back to normal' },
          },
        ],
      },
    ],
  };

  it('counts and lists the firings newest first, values with units, times in park time', () => {
    const summary = dryRunSummary(result, 'zh-CN', zh);
    expect(summary).toMatchObject({
      hours: 6,
      subjects: 1,
      inputs: 4,
      firings: 2,
      opened: 1,
      confirmations: 1,
    });
    expect(summary.rows.map((r) => [r.time, r.change, r.level, r.value, r.limit, r.explanation])).toEqual([
      ['2025-11-27 10:00:00', '解除', '—', '10 %LEL', '—', '恢复'],
      ['2025-11-27 09:00:00', '新开', '一级', '30 %LEL', '25 %LEL', '超过一级'],
    ]);
    expect(dryRunSummary(result, 'en', en, 1)).toMatchObject({ more: 1, rows: [{ change: 'cleared' }] });
  });

  it('names a line subject by the line in words, not by its key', () => {
    expect(dryRunSubjectText('line:9b2c7a4e-1f00-4c1e-9a51-3f0d2c1b0a99:synthesis-1', 'zh-CN')).toBe(
      '合成 1 号线',
    );
    expect(dryRunSubjectText('line:ent-1:line-2', 'en')).toBe('Line 2');
    expect(dryRunSubjectText('demo-gas-001', 'zh-CN')).toBe('demo-gas-001');
  });
});
