/**
 * The alert export's workbook (GET /api/alerts/export.xlsx, docs/alerts.md): a sheet of the alerts, one row each,
 * with Chinese headers, and a sheet of the statistics of the same search. Times are real Excel dates showing park
 * time (Excel dates have no zone: each is written as the Asia/Shanghai wall-clock time), durations are minutes,
 * and every text cell goes through the exports' one `spreadsheetCell` rule, so a device named `=HYPERLINK(…)`
 * stays text. Pure module: the service writes the sheets on the XLSX worker.
 */
import {
  DEVICE_KIND_NAMES,
  metricSpec,
  type AlertSeverity,
  type AlertStatistics,
  type AlertStatus,
  type AlertView,
  type ResponseTimes,
} from '@park/contracts';
import { spreadsheetCell, type SpreadsheetCell } from '../imports/spreadsheet-cell';
import type { XlsxCell, XlsxSheet } from '../imports/xlsx-worker';
import { PARK_OFFSET_MS, parkDate } from './alert-statistics';

/** The most alert rows one export holds (newest first); the statistics sheet says when there were more. */
export const EXPORT_MAX_ROWS = 20_000;

export const ALERT_SHEET_HEADER = [
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
] as const;

/** The words the web app shows for these (apps/web/src/i18n/messages.ts; alert-export.spec.ts holds them equal). */
export const SEVERITY_ZH: Readonly<Record<AlertSeverity, string>> = {
  critical: '严重',
  warning: '警告',
  info: '提示',
};
export const STATUS_ZH: Readonly<Record<AlertStatus, string>> = {
  open: '待确认',
  acknowledged: '已确认',
  resolved: '已解除',
  suppressed: '检修中',
};
export const RULE_KIND_ZH: Readonly<Record<string, string>> = {
  threshold: '两级阈值',
  sustained: '持续超限',
  repeated: '反复超限',
  'rate-of-change': '变化速率',
  'device-offline': '设备离线',
  'hourly-mean-emission': '均值排放（小时/日均值）',
  'treatment-power': '治污设施用电',
  'emission-spike': '排放突增',
  'state-signal': '状态信号',
  'process-limit': '工艺安全限值',
  'analyser-abnormal': '分析仪异常',
};
/** The resolver of an alert the rule itself resolved when its condition cleared. */
export const RESOLVED_BY_RULE = '自动解除';

const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** An instant as the Excel date that shows its park-time wall clock. */
export function parkExcelDate(ms: number): Date {
  return new Date(ms + PARK_OFFSET_MS);
}

/** `2025-11-27 17:31:05`, park time, for the statistics sheet's text. */
function parkDateTimeText(ms: number): string {
  return new Date(ms + PARK_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The metric's Chinese name as the contracts define it; the key itself when kinds name it differently. */
export function metricZh(metric: string): string {
  const names = new Set<string>();
  for (const kind of DEVICE_KIND_NAMES) {
    const spec = metricSpec(kind, metric);
    if (spec) names.add(spec.label.zh);
  }
  return names.size === 1 ? [...names][0] : metric;
}

const text = (value: unknown): SpreadsheetCell => spreadsheetCell(value);
const date = (ms: number | null): XlsxCell => (ms === null ? '' : parkExcelDate(ms));
/** Seconds as minutes with one decimal, or empty when there is no figure. */
const minutes = (seconds: number | null): XlsxCell => (seconds === null ? '' : Math.round(seconds / 6) / 10);

export function alertRow(alert: AlertView): XlsxCell[] {
  return [
    text(alert.id),
    text(alert.ruleName.zh),
    text(SEVERITY_ZH[alert.severity] ?? alert.severity),
    text(alert.enterpriseName),
    text(alert.deviceName),
    text(alert.location),
    text(metricZh(alert.metric)),
    text(alert.value),
    text(alert.limit),
    text(alert.unit),
    text(STATUS_ZH[alert.status] ?? alert.status),
    date(alert.openedAt),
    date(alert.acknowledgedAt),
    text(alert.acknowledgedBy),
    date(alert.resolvedAt),
    text(alert.resolvedAt === null ? null : (alert.resolvedBy ?? RESOLVED_BY_RULE)),
    text(alert.resolutionNote),
  ];
}

const ALERT_COLUMNS: XlsxSheet['columns'] = ALERT_SHEET_HEADER.map((name) => {
  if (name.endsWith('时间')) return { width: 20, numFmt: DATE_TIME_FORMAT };
  if (name === '编号') return { width: 38 };
  if (name === '处置说明' || name === '报警') return { width: 32 };
  return { width: 14 };
});

function responseRows(action: '确认' | '解除', times: ResponseTimes): XlsxCell[][] {
  return [
    [text(`已${action}报警数`), times.count, text('条')],
    [text(`平均${action}用时`), minutes(times.meanSeconds), text('分钟')],
    [text(`${action}用时中位数`), minutes(times.medianSeconds), text('分钟')],
    [text(`${action}用时 90% 分位`), minutes(times.p90Seconds), text('分钟')],
  ];
}

/** The statistics sheet: key figures, then each breakdown under its own bold heading row. */
export function statisticsSheet(stats: AlertStatistics, exportedRows: number): XlsxSheet {
  const rows: XlsxCell[][] = [];
  const bold: number[] = [];
  const heading = (...cells: string[]) => {
    rows.push([]);
    rows.push(cells.map(text));
    // Row numbers as Excel counts them: the header is row 1.
    bold.push(rows.length + 1);
  };
  rows.push([
    text('统计时段（北京时间）'),
    text(`${parkDateTimeText(stats.from)} 至 ${parkDateTimeText(stats.to)}`),
  ]);
  rows.push([text('报警总数'), stats.total, text('条')]);
  if (stats.total > exportedRows)
    rows.push([text('说明'), text(`明细表仅含最新的 ${exportedRows} 条（共 ${stats.total} 条）`)]);
  rows.push(...responseRows('确认', stats.acknowledge));
  rows.push(...responseRows('解除', stats.resolve));

  heading('日期', '报警数（条）', '严重', '警告', '提示');
  for (const d of stats.perDay) rows.push([text(d.date), d.count, d.critical, d.warning, d.info]);
  heading('报警类型', '报警数（条）');
  for (const k of stats.byKind) rows.push([text(RULE_KIND_ZH[k.kind] ?? k.kind), k.count]);
  heading('企业', '报警数（条）');
  for (const e of stats.byEnterprise) rows.push([text(e.enterpriseName), e.count]);
  heading('级别', '报警数（条）');
  for (const s of stats.bySeverity) rows.push([text(SEVERITY_ZH[s.severity]), s.count]);
  heading('状态', '报警数（条）');
  for (const s of stats.byStatus) rows.push([text(STATUS_ZH[s.status]), s.count]);
  heading(
    `重复报警（${stats.repeatThreshold} 次及以上）`,
    '报警数（条）',
    '企业',
    '位置',
    '最近报警',
    '最近发生时间',
  );
  for (const r of stats.repeatOffenders)
    rows.push([
      text(r.subjectName),
      r.alerts,
      text(r.enterpriseName),
      text(r.location),
      text(r.lastRuleName.zh),
      parkExcelDate(r.lastOpenedAt),
    ]);
  return {
    name: '统计',
    header: [text('统计项'), text('数值'), text('单位'), '', '', ''],
    rows,
    boldRows: bold,
    columns: [
      { width: 30 },
      { width: 16 },
      { width: 14 },
      { width: 14 },
      { width: 28 },
      { width: 20, numFmt: DATE_TIME_FORMAT },
    ],
  };
}

/** The workbook: 报警明细 (the alerts, newest first) and 统计. */
export function alertWorkbook(alerts: readonly AlertView[], stats: AlertStatistics): XlsxSheet[] {
  return [
    {
      name: '报警明细',
      header: ALERT_SHEET_HEADER.map(text),
      rows: alerts.map(alertRow),
      columns: ALERT_COLUMNS,
    },
    statisticsSheet(stats, alerts.length),
  ];
}

/** `alerts-2025-11-01-2025-11-30.xlsx`: the window's first and last park-time day. */
export function exportFilename(stats: AlertStatistics): string {
  return `alerts-${parkDate(stats.from)}-${parkDate(stats.to - 1)}.xlsx`;
}
