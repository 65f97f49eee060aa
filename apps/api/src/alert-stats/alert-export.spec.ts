import { ALERT_SEVERITIES, ALERT_STATUSES, type AlertView } from '@park/contracts';
import { RULE_KINDS } from '@park/rules-engine';
import { translate } from '../../../web/src/i18n/messages';
import {
  ALERT_SHEET_HEADER,
  alertRow,
  metricZh,
  parkExcelDate,
  RESOLVED_BY_RULE,
  RULE_KIND_ZH,
  SEVERITY_ZH,
  STATUS_ZH,
} from './alert-export';

const OPENED = Date.parse('2026-11-30T23:50:00+08:00');

const ALERT: AlertView = {
  id: '6f1c2a52-0d5c-4f7b-9d7e-3c1f1b1a0001',
  ruleId: 'r1',
  ruleName: { zh: '可燃气体二级报警', en: 'Combustible gas level 2' },
  ruleKind: 'threshold',
  deviceId: 'qd-gas-01',
  deviceName: '=HYPERLINK("http://evil","点击")',
  location: '@储罐区',
  enterpriseId: 'e1',
  enterpriseName: '启东化工',
  metric: 'lel',
  unit: '%LEL',
  value: 55,
  limit: 50,
  level: 2,
  severity: 'critical',
  status: 'resolved',
  count: 3,
  openedAt: OPENED,
  lastSeenAt: OPENED,
  acknowledgedAt: OPENED + 120_000,
  acknowledgedBy: 'officer',
  resolvedAt: OPENED + 600_000,
  resolvedBy: null,
  resolutionNote: '-已关闭阀门',
  explanation: { zh: '', en: '' },
};

describe('the alert export rows', () => {
  it('has the 17 Chinese headers in order', () => {
    expect(ALERT_SHEET_HEADER).toEqual([
      '编号',
      '报警',
      '级别',
      '企业',
      '设备',
      '位置',
      '指标',
      '数值',
      '限值',
      '单位',
      '状态',
      '发生时间',
      '确认时间',
      '确认人',
      '解除时间',
      '解除人',
      '处置说明',
    ]);
  });

  it('writes one alert: numbers as numbers, park-time dates, formula-looking text neutralised', () => {
    const row = alertRow(ALERT);
    expect(row).toHaveLength(ALERT_SHEET_HEADER.length);
    const cell = (name: (typeof ALERT_SHEET_HEADER)[number]) => row[ALERT_SHEET_HEADER.indexOf(name)];
    expect(cell('报警')).toBe('可燃气体二级报警');
    expect(cell('级别')).toBe('严重');
    expect(cell('设备')).toBe(`'=HYPERLINK("http://evil","点击")`);
    expect(cell('位置')).toBe(`'@储罐区`);
    expect(cell('处置说明')).toBe(`'-已关闭阀门`);
    expect(cell('指标')).toBe('可燃气体浓度');
    expect([cell('数值'), cell('限值'), cell('单位')]).toEqual([55, 50, '%LEL']);
    expect(cell('状态')).toBe('已解除');
    // 23:50 in Beijing is 15:50 UTC; the Excel date shows the wall clock 23:50.
    expect((cell('发生时间') as Date).toISOString()).toBe('2026-11-30T23:50:00.000Z');
    expect((cell('确认时间') as Date).toISOString()).toBe('2026-11-30T23:52:00.000Z');
    expect(cell('确认人')).toBe('officer');
    expect(cell('解除人')).toBe(RESOLVED_BY_RULE);
  });

  it('leaves the times of what has not happened empty', () => {
    const row = alertRow({
      ...ALERT,
      status: 'open',
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
    });
    expect(row.slice(12, 16)).toEqual(['', '', '', '']);
    expect(parkExcelDate(0).toISOString()).toBe('1970-01-01T08:00:00.000Z');
  });

  it('names metrics as the contracts do, and keeps an unknown key', () => {
    expect(metricZh('lel')).toBe('可燃气体浓度');
    expect(metricZh('no-such-metric')).toBe('no-such-metric');
  });
});

describe('the export speaks the web app’s words', () => {
  it.each(ALERT_SEVERITIES)('severity %s', (s) =>
    expect(SEVERITY_ZH[s]).toBe(translate('zh-CN', `severity.${s}`)),
  );
  it.each(ALERT_STATUSES)('status %s', (s) => expect(STATUS_ZH[s]).toBe(translate('zh-CN', `status.${s}`)));
  it.each(RULE_KINDS)('rule kind %s', (k) =>
    expect(RULE_KIND_ZH[k]).toBe(translate('zh-CN', `rules.kind.${k}`)),
  );
});
