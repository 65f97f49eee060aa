import type { AlertFollowUp, AlertStatistics } from '@park/contracts';
import { alarmDocument, alarmHeadline, minutesText, responseMinutes } from './alarm-report';
import { parsePeriod, type ReportPeriod } from './report-period';

const november = parsePeriod('2026-11') as ReportPeriod;
const labels = {
  severity: { critical: '严重', warning: '警告', info: '提示' },
  kind: { threshold: '两级阈值', 'device-offline': '设备离线' },
} as const;

const statistics: AlertStatistics = {
  from: november.from,
  to: november.to,
  timeZone: 'Asia/Shanghai',
  enterpriseId: null,
  total: 8,
  perDay: [
    { date: '2026-11-01', count: 5, critical: 2, warning: 3, info: 0 },
    { date: '2026-11-02', count: 3, critical: 1, warning: 2, info: 0 },
  ],
  byKind: [
    { kind: 'threshold', count: 6 },
    { kind: 'some-new-kind', count: 2 },
  ],
  byEnterprise: [
    { enterpriseId: 'b', enterpriseName: '乙公司', count: 5 },
    { enterpriseId: 'a', enterpriseName: '甲公司', count: 3 },
  ],
  bySeverity: [
    { severity: 'critical', count: 3 },
    { severity: 'warning', count: 5 },
    { severity: 'info', count: 0 },
  ],
  byStatus: [],
  // 90 s, 150 s and 600 s waits: mean 280 s, median 150 s, p90 510 s.
  acknowledge: { count: 3, meanSeconds: 280, medianSeconds: 150, p90Seconds: 510 },
  resolve: { count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null },
  repeatThreshold: 3,
  repeatOffenders: [
    {
      subjectType: 'device',
      subjectId: 'd1',
      subjectName: '1号锅炉 CEMS',
      location: '锅炉房',
      enterpriseId: 'b',
      enterpriseName: '乙公司',
      alerts: 4,
      lastAlertId: 'x',
      lastOpenedAt: november.from + 3_600_000,
      lastRuleName: { zh: '二氧化硫超标', en: 'SO2 over limit' },
      lastSeverity: 'critical',
    },
  ],
};
const followUp: AlertFollowUp = {
  unresolvedAtEnd: 5,
  unacknowledgedAtEnd: 2,
  overdue: 1,
  levelRaised: 2,
  notificationsDelivered: 12,
  notificationsFailed: 1,
};
const input = {
  period: november,
  scope: 'park',
  enterpriseName: null,
  statistics,
  followUp,
  recurring: [
    {
      subjectType: 'device' as const,
      subjectId: 'd1',
      subjectName: '1号锅炉 CEMS',
      enterpriseName: '乙公司',
      days: 3,
      alerts: 4,
    },
  ],
  labels,
};

describe('the alarm report (告警月报)', () => {
  it('turns the statistics’ seconds into minutes, one decimal, and keeps “none” as null', () => {
    expect(responseMinutes(statistics.acknowledge)).toEqual({ count: 3, mean: 4.7, median: 2.5, p90: 8.5 });
    expect(responseMinutes(statistics.resolve)).toEqual({ count: 0, mean: null, median: null, p90: null });
    expect(minutesText(responseMinutes(statistics.acknowledge))).toBe(
      '均值 4.7 / 中位数 2.5 / P90 8.5 分钟（3 条）',
    );
    expect(minutesText(responseMinutes(statistics.resolve))).toBe('本月无');
  });

  it('the headline the park report repeats: totals by severity, backlog, the enterprise with most alerts', () => {
    expect(alarmHeadline(input)).toMatchObject({
      total: 8,
      bySeverity: [
        { severity: 'critical', count: 3 },
        { severity: 'warning', count: 5 },
        { severity: 'info', count: 0 },
      ],
      unresolvedAtEnd: 5,
      unacknowledgedAtEnd: 2,
      overdue: 1,
      topEnterprise: { name: '乙公司', count: 5 },
    });
  });

  it('the park report: severity, kind (no raw codes), enterprise tables with shares, minutes, offenders', () => {
    const doc = alarmDocument(input, november.to);
    expect(doc.title).toBe('园区告警月报');
    expect(doc.subtitle).toBe('全园区 · 2026年11月');
    expect(doc.fileStem).toBe('alarms-2026-11-park');
    expect(doc.tables.map((t) => t.title)).toEqual([
      '一、按级别',
      '二、按报警类型',
      '三、按企业',
      '四、响应用时',
      '五、报警最多的设备与产线（≥ 3 条）',
      '六、多日报警的设备与产线（≥ 3 天）',
      '七、逐日报警',
    ]);
    const [severity, kind, enterprise, times, offenders, recurring, daily] = doc.tables;
    expect(severity.rows).toEqual([
      ['严重', 3, 37.5],
      ['警告', 5, 62.5],
      ['提示', 0, 0],
    ]);
    expect(kind.rows).toEqual([
      ['两级阈值', 6, 75],
      ['其他类型', 2, 25],
    ]);
    expect(enterprise.rows).toEqual([
      [1, '乙公司', 5, 62.5],
      [2, '甲公司', 3, 37.5],
    ]);
    expect(times.rows).toEqual([
      ['发生 → 确认', 3, 4.7, 2.5, 8.5],
      ['发生 → 解除', 0, null, null, null],
    ]);
    expect(times.columns.slice(2).map((c) => c.unit)).toEqual(['分钟', '分钟', '分钟']);
    expect(offenders.rows).toEqual([
      ['1号锅炉 CEMS', '锅炉房', '乙公司', 4, '2026-11-01 01:00', '二氧化硫超标', '严重'],
    ]);
    expect(recurring.rows).toEqual([['1号锅炉 CEMS', '乙公司', 3, 4]]);
    expect(daily.rows[0]).toEqual(['2026-11-01', 5, 2, 3, 0]);
    const fact = (label: string) => doc.facts.find((f) => f.label === label)?.value;
    expect(fact('报警总数')).toBe('8 条');
    expect(fact('按级别')).toBe('严重 3 / 警告 5 / 提示 0');
    expect(fact('月末仍未解除')).toBe('5 条，其中未确认 2 条');
    expect(fact('报警通知')).toBe('已送达 12 条，发送失败 1 条');
  });

  it('an enterprise’s report is titled with its name and has no per-enterprise table', () => {
    const doc = alarmDocument({ ...input, scope: 'a', enterpriseName: '甲公司' }, november.to);
    expect(doc.title).toBe('甲公司告警月报');
    expect(doc.fileStem).toBe('alarms-2026-11-a');
    expect(doc.tables.map((t) => t.title)).not.toContain('三、按企业');
    expect(doc.tables[2].title).toBe('三、响应用时');
  });
});
