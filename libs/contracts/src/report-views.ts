/**
 * Generated reports as GET /api/reports lists them (docs/reports.md). Instants are epoch ms; a period is
 * `YYYY-MM` (month) or `YYYY-MM-DD` (day) on the park's clock (Asia/Shanghai).
 */
export const REPORT_KINDS = ['emission', 'energy', 'alarms', 'park'] as const;
/**
 * `emission`: 排放日报/月报 of one CEMS or wastewater outlet; `energy`: 能耗月报 of an enterprise or the park;
 * `alarms`: 告警月报 of an enterprise or the park; `park`: 园区月度运行报告 (scope `park`).
 */
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ['generating', 'ready', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportView {
  readonly id: string;
  readonly kind: ReportKind;
  readonly period: string;
  /** A device id (emission), an enterprise id or `park` (energy, alarms), `park` (park). */
  readonly scope: string;
  /** The enterprise the report belongs to; null for a park report. */
  readonly enterpriseId: string | null;
  readonly title: string;
  readonly status: ReportStatus;
  /** Why generating it failed; null otherwise. */
  readonly error: string | null;
  /** The user who generated it, or `schedule` for the monthly run. */
  readonly generatedBy: string;
  readonly generatedAt: number;
  /** Size of each file, bytes; null until it is generated. */
  readonly xlsxBytes: number | null;
  readonly pdfBytes: number | null;
}

export interface ReportList {
  readonly items: ReportView[];
}
