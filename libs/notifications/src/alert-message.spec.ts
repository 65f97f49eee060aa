import type { AlertEvent, AlertView } from '@park/contracts';
import { alertMessage } from './alert-message';
import { SAMPLE_OPENED_AT as OPENED, sampleAlert, sampleEvent } from './testing/sample-alert';

const alert = (overrides: Partial<AlertView> = {}) => sampleAlert(overrides);
const event = (type: AlertEvent['type'], view: AlertView, at = view.openedAt) => sampleEvent(type, view, at);

describe('alertMessage', () => {
  it('words a new critical alert: severity and event in the title, then where, value against limit and time', () => {
    const message = alertMessage(event('opened', alert()), 'https://park.example.cn/m/alerts/a-1?t=x');
    expect(message.title).toBe('【二级报警】新报警：可燃气体浓度超限');
    expect(message.lines).toEqual([
      ['企业', '华源化工'],
      ['设备', '罐区 1 号可燃气体探测器'],
      ['位置', '储罐区 T-101 东侧'],
      ['可燃气体浓度', '55 %LEL（限值 50 %LEL）'],
      ['发生时间', '2026-12-07 16:49'],
    ]);
    expect(message.link).toBe('https://park.example.cn/m/alerts/a-1?t=x');
  });

  it('words a smoke alarm as 报警, not as the number 1 it is stored as', () => {
    const smoke = alert({
      ruleName: { zh: '烟雾报警', en: 'Smoke alarm' },
      metric: 'smoke',
      unit: '',
      value: 1,
      limit: 1,
    });
    expect(alertMessage(event('opened', smoke), null).lines).toContainEqual(['烟雾报警', '报警']);
  });

  it("words an enumerated state by its name: a shut-off valve's fault position", () => {
    const valve = alert({ metric: 'valve', unit: '', value: 3, limit: 3 });
    expect(alertMessage(event('opened', valve), null).lines).toContainEqual(['紧急切断阀阀位', '故障']);
  });

  it('keeps counts as numbers: a chattering smoke detector, 4 activations against 3', () => {
    const chattering = alert({ metric: 'smoke', unit: '', value: 4, limit: 3 });
    expect(alertMessage(event('opened', chattering), null).lines).toContainEqual(['烟雾报警', '4（限值 3）']);
  });

  it('shows durations and rates in Chinese units, and groups large numbers', () => {
    const offline = alert({ metric: 'offline', unit: 'min', value: 35, limit: 30 });
    expect(alertMessage(event('opened', offline), null).lines).toContainEqual([
      '监测值',
      '35 分钟（限值 30 分钟）',
    ]);
    const rising = alert({ unit: '%LEL/min', value: 12.345, limit: 5 });
    expect(alertMessage(event('opened', rising), null).lines).toContainEqual([
      '可燃气体浓度',
      '12.35 %LEL/分钟（限值 5 %LEL/分钟）',
    ]);
    const energy = alert({ metric: 'kw', unit: 'kW', value: 1234.5, limit: 1000 });
    expect(alertMessage(event('opened', energy), null).lines).toContainEqual([
      '有功功率',
      '1,234.5 kW（限值 1,000 kW）',
    ]);
  });

  it('names the metric only when the device kinds agree on it (flow is flue gas or water)', () => {
    const flow = alert({ metric: 'flow', unit: 'm³/h', value: 120, limit: 100 });
    expect(alertMessage(event('opened', flow), null).lines).toContainEqual([
      '监测值',
      '120 m³/h（限值 100 m³/h）',
    ]);
  });

  it('words a resolution with who resolved it, when, and the note', () => {
    const resolvedAt = OPENED + 42 * 60_000;
    const resolved = alert({
      severity: 'warning',
      level: 1,
      status: 'resolved',
      resolvedAt,
      resolvedBy: '张工',
      resolutionNote: '法兰泄漏，已关阀通风，\n复测 3 %LEL',
    });
    const message = alertMessage(event('resolved', resolved, resolvedAt), null);
    expect(message.title).toBe('【一级报警】已解除：可燃气体浓度超限');
    expect(message.lines).toEqual(
      expect.arrayContaining([
        ['发生时间', '2026-12-07 16:49'],
        ['解除时间', '2026-12-07 17:31'],
        ['解除人', '张工'],
        ['处置说明', '法兰泄漏，已关阀通风， 复测 3 %LEL'],
      ]),
    );
  });

  it('words the escalation events by time: overdue and reminders', () => {
    const later = OPENED + 15 * 60_000;
    expect(alertMessage(event('overdue', alert(), later), null).title).toBe(
      '【二级报警】超时未确认：可燃气体浓度超限',
    );
    const reminder = alertMessage(event('reminder', alert(), later), null);
    expect(reminder.title).toBe('【二级报警】提醒·仍未确认：可燃气体浓度超限');
    expect(reminder.lines).toContainEqual(['提醒时间', '2026-12-07 17:04']);
  });

  it('leaves out what is not recorded: no location, no device name', () => {
    const lineAlert = alert({ location: null, deviceName: '', subjectType: 'line', subjectId: '一号产线' });
    const labels = alertMessage(event('opened', lineAlert), null).lines.map(([label]) => label);
    expect(labels).toEqual(['企业', '产线', '可燃气体浓度', '发生时间']);
  });

  it('names a line’s alert by its line in words, once, not by its code', () => {
    const lineAlert = alert({ deviceName: '合成 1 号线', subjectType: 'line', subjectId: 'synthesis-1' });
    const lines = alertMessage(event('opened', lineAlert), null).lines;
    expect(lines).toContainEqual(['产线', '合成 1 号线']);
    expect(lines.map(([label]) => label)).not.toContain('设备');
    expect(JSON.stringify(lines)).not.toContain('synthesis-1');
  });

  it('words information as 提示', () => {
    expect(alertMessage(event('opened', alert({ severity: 'info' })), null).title).toBe(
      '【提示】新报警：可燃气体浓度超限',
    );
  });
});
