import {
  ALERT_SEVERITIES,
  type AlertFollowUp,
  type AlertSeverity,
  type AlertStatistics,
  type RecurringSubject,
  type ResponseTimes,
} from '@park/contracts';
import type { Cell, ReportDocument, ReportFact, ReportTable } from './report-document';
import { parkDateTime, periodTitle, type ReportPeriod } from './report-period';

/**
 * 告警月报 of the park or of one enterprise. The counts, response times and repeat offenders are the alarm
 * statistics' own (GET /api/alerts/statistics over the month, apps/api/src/alert-stats — docs/alerts.md
 * "Statistics" defines them), so the report and the 报警统计 page cannot disagree; the month-end backlog, the
 * escalations and the devices that alarmed on several days come from the same alert records (AlertFollowUp,
 * RecurringSubject). This file only turns them into minutes and lays them out.
 */

/** A device or line alarming on at least this many separate Beijing days of the month is listed as recurring. */
export const RECURRING_MIN_DAYS = 3;
/** The repeat offenders (most alerts) and recurring subjects listed. */
export const ALARM_REPORT_LISTED = 10;

export interface AlarmReportInput {
  readonly period: ReportPeriod;
  /** 'park', or the one enterprise's id. */
  readonly scope: string;
  /** The enterprise's name; null for the park. */
  readonly enterpriseName: string | null;
  /** The alarm statistics of the month (from = period.from, to = period.to). */
  readonly statistics: AlertStatistics;
  readonly followUp: AlertFollowUp;
  /** Subjects with alerts on at least RECURRING_MIN_DAYS days. */
  readonly recurring: readonly RecurringSubject[];
  /** The words the web app shows for severities and rule kinds (the alert export's). */
  readonly labels: {
    readonly severity: Readonly<Record<AlertSeverity, string>>;
    readonly kind: Readonly<Record<string, string>>;
  };
}

/** Response times in minutes, one decimal; null where the statistics have none. */
export interface ResponseMinutes {
  readonly count: number;
  readonly mean: number | null;
  readonly median: number | null;
  readonly p90: number | null;
}

export function responseMinutes(times: ResponseTimes): ResponseMinutes {
  const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);
  return {
    count: times.count,
    mean: minutes(times.meanSeconds),
    median: minutes(times.medianSeconds),
    p90: minutes(times.p90Seconds),
  };
}

/** The few numbers the 园区月度运行报告 repeats from the month's 告警月报. */
export interface AlarmHeadline {
  readonly total: number;
  readonly bySeverity: readonly { readonly severity: AlertSeverity; readonly count: number }[];
  readonly acknowledge: ResponseMinutes;
  readonly resolve: ResponseMinutes;
  readonly unresolvedAtEnd: number;
  readonly unacknowledgedAtEnd: number;
  readonly overdue: number;
  /** The enterprise with the most alerts, if any. */
  readonly topEnterprise: { readonly name: string; readonly count: number } | null;
}

export function alarmHeadline(input: AlarmReportInput): AlarmHeadline {
  const { statistics: s, followUp: f } = input;
  const top = s.byEnterprise[0];
  return {
    total: s.total,
    bySeverity: [...ALERT_SEVERITIES].reverse().map((severity) => ({
      severity,
      count: s.bySeverity.find((g) => g.severity === severity)?.count ?? 0,
    })),
    acknowledge: responseMinutes(s.acknowledge),
    resolve: responseMinutes(s.resolve),
    unresolvedAtEnd: f.unresolvedAtEnd,
    unacknowledgedAtEnd: f.unacknowledgedAtEnd,
    overdue: f.overdue,
    topEnterprise: top ? { name: top.enterpriseName, count: top.count } : null,
  };
}

/** `均值 12.5 / 中位数 8.0 / P90 30.2 分钟（42 条）`, or 本月无 when nothing was acknowledged / resolved. */
export function minutesText(m: ResponseMinutes): string {
  if (m.count === 0 || m.mean === null) return '本月无';
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(1));
  return `均值 ${f(m.mean)} / 中位数 ${f(m.median)} / P90 ${f(m.p90)} 分钟（${m.count} 条）`;
}

/** `严重 3 / 警告 5 / 提示 0`. */
export function severityText(
  bySeverity: AlarmHeadline['bySeverity'],
  labels: Readonly<Record<AlertSeverity, string>>,
): string {
  return bySeverity.map((g) => `${labels[g.severity]} ${g.count}`).join(' / ');
}

const COUNT = { header: '报警数', unit: '条', digits: 0 } as const;
const SHARE = { header: '占比', unit: '%', digits: 1 } as const;
const MINUTES = { unit: '分钟', digits: 1 } as const;

export function alarmDocument(input: AlarmReportInput, generatedAt: number): ReportDocument {
  const { period, statistics: s, followUp: f, labels } = input;
  const park = input.scope === 'park';
  const headline = alarmHeadline(input);
  const share = (count: number) => (s.total > 0 ? Math.round((count / s.total) * 1000) / 10 : null);
  const kindName = (kind: string) => labels.kind[kind] ?? '其他类型';

  const facts: ReportFact[] = [
    { label: '统计周期', value: `${parkDateTime(period.from)} 至 ${parkDateTime(period.to)}（北京时间）` },
    { label: '报警总数', value: `${s.total} 条` },
    { label: '按级别', value: severityText(headline.bySeverity, labels.severity) },
    { label: '确认用时', value: minutesText(headline.acknowledge) },
    { label: '解除用时', value: minutesText(headline.resolve) },
    {
      label: '月末仍未解除',
      value: `${f.unresolvedAtEnd} 条，其中未确认 ${f.unacknowledgedAtEnd} 条`,
    },
    { label: '超时未确认（升级）', value: `${f.overdue} 条` },
    { label: '一级升为二级', value: `${f.levelRaised} 条` },
    {
      label: '报警通知',
      value: `已送达 ${f.notificationsDelivered} 条，发送失败 ${f.notificationsFailed} 条`,
    },
    { label: '生成时间', value: `${parkDateTime(generatedAt)}（北京时间）` },
  ];

  const tables: ReportTable[] = [];
  const numbered = (title: string) => `${'一二三四五六七八'[tables.length]}、${title}`;
  tables.push({
    title: numbered('按级别'),
    columns: [{ header: '级别' }, COUNT, SHARE],
    rows: headline.bySeverity.map((g): Cell[] => [labels.severity[g.severity], g.count, share(g.count)]),
  });
  tables.push({
    title: numbered('按报警类型'),
    columns: [{ header: '报警类型' }, COUNT, SHARE],
    rows: s.byKind.map((g): Cell[] => [kindName(g.kind), g.count, share(g.count)]),
    empty: '本月没有报警。',
  });
  if (park)
    tables.push({
      title: numbered('按企业'),
      columns: [{ header: '排名', digits: 0 }, { header: '企业' }, COUNT, SHARE],
      rows: s.byEnterprise.map((g, i): Cell[] => [i + 1, g.enterpriseName, g.count, share(g.count)]),
      empty: '本月没有报警。',
    });
  const times = (name: string, m: ResponseMinutes): Cell[] => [name, m.count, m.mean, m.median, m.p90];
  tables.push({
    title: numbered('响应用时'),
    columns: [
      { header: '环节' },
      { header: '统计条数', unit: '条', digits: 0 },
      { header: '均值', ...MINUTES },
      { header: '中位数', ...MINUTES },
      { header: 'P90', ...MINUTES },
    ],
    rows: [times('发生 → 确认', headline.acknowledge), times('发生 → 解除', headline.resolve)],
  });
  tables.push({
    title: numbered(`报警最多的设备与产线（≥ ${s.repeatThreshold} 条）`),
    columns: [
      { header: '设备 / 产线' },
      { header: '位置' },
      { header: '企业' },
      COUNT,
      { header: '最近一次报警' },
      { header: '最近报警规则' },
      { header: '最近级别' },
    ],
    rows: s.repeatOffenders
      .slice(0, ALARM_REPORT_LISTED)
      .map((o): Cell[] => [
        o.subjectName,
        o.location ?? '—',
        o.enterpriseName,
        o.alerts,
        parkDateTime(o.lastOpenedAt),
        o.lastRuleName.zh,
        labels.severity[o.lastSeverity],
      ]),
    empty: `本月没有报警达 ${s.repeatThreshold} 条的设备或产线。`,
  });
  tables.push({
    title: numbered(`多日报警的设备与产线（≥ ${RECURRING_MIN_DAYS} 天）`),
    columns: [
      { header: '设备 / 产线' },
      { header: '企业' },
      { header: '报警天数', unit: '天', digits: 0 },
      COUNT,
    ],
    rows: input.recurring
      .slice(0, ALARM_REPORT_LISTED)
      .map((r): Cell[] => [r.subjectName, r.enterpriseName, r.days, r.alerts]),
    empty: `本月没有在 ${RECURRING_MIN_DAYS} 天及以上报警的设备或产线。`,
  });
  tables.push({
    title: numbered('逐日报警'),
    columns: [
      { header: '日期' },
      { header: '合计', unit: '条', digits: 0 },
      ...[...ALERT_SEVERITIES]
        .reverse()
        .map((sev) => ({ header: labels.severity[sev], unit: '条', digits: 0 })),
    ],
    rows: s.perDay.map((d): Cell[] => [d.date, d.count, d.critical, d.warning, d.info]),
  });

  const name = park ? '园区' : (input.enterpriseName ?? '');
  return {
    fileStem: `alarms-${period.label}-${park ? 'park' : input.scope}`,
    title: `${name}告警月报`,
    subtitle: `${park ? '全园区' : name} · ${periodTitle(period)}`,
    facts,
    tables,
    notes: [
      `统计本月（北京时间）内发生的报警；级别：${labels.severity.critical} = 二级报警，${labels.severity.warning} = 一级报警（一级、二级报警的名称沿用 GB/T 50493-2019 气体检测报警的分级），${labels.severity.info} 为提示。`,
      '确认用时：发生至值班人员确认，只计已确认的报警；解除用时：发生至解除（人工解除或条件消失后自动解除）。检修期间暂缓的报警从检修结束起计。中位数与 P90 在相邻两值间线性插值。与“报警统计”页面为同一实现。',
      '月末仍未解除：本月发生、到月末尚未解除的报警（月末后才解除的也计入）；其中未确认：到月末既未确认也未解除、且不在检修暂缓中。',
      `超时未确认（升级）：超过其级别规定时间无人确认、按值班规则升级通知的报警；一级升为二级：报警期间数值升至二级报警值。报警最多的设备与产线：本月报警达 ${s.repeatThreshold} 条及以上；多日报警：本月有 ${RECURRING_MIN_DAYS} 个及以上不同日期发生报警。`,
      '报警通知：本月报警经各通知渠道（企业微信、钉钉、飞书、邮件、短信）发出的消息，按接收人计；发送失败为多次重试后仍未送达。',
    ],
  };
}
