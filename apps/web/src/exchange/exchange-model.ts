/**
 * The 数据交换 page's pure parts (no DOM): kinds and metrics in words, the new-source form's check (CreateSourceDto:
 * name 1–100 characters, at least one metric, 1–10000 requests a minute, a plain folder name), a refused row's
 * reason in words, and the help panel's address and example. Unit-tested in exchange-model.spec.ts.
 */
import {
  EXCHANGE_METRICS,
  EXCHANGE_METRIC_UNITS,
  SOURCE_KINDS,
  type ExchangeMetric,
  type ExchangeRowResult,
  type ExchangeSourceView,
  type SourceKind,
} from '@park/contracts';
import type { Translate } from '../api/error-text';
import type { MessageKey } from '../i18n/messages';

export const KIND_LABELS: Readonly<Record<SourceKind, MessageKey>> = {
  'power-company': 'exchange.kind.power-company',
  'tax-bureau': 'exchange.kind.tax-bureau',
  'hr-bureau': 'exchange.kind.hr-bureau',
  'statistics-bureau': 'exchange.kind.statistics-bureau',
  other: 'exchange.kind.other',
};

export const METRIC_LABELS: Readonly<Record<ExchangeMetric, MessageKey>> = {
  'electricity-kwh': 'exchange.metric.electricity-kwh',
  'energy-other-tce': 'exchange.metric.energy-other-tce',
  tax: 'exchange.metric.tax',
  'taxable-sales': 'exchange.metric.taxable-sales',
  revenue: 'exchange.metric.revenue',
  output: 'exchange.metric.output',
  'insured-employees': 'exchange.metric.insured-employees',
};

/** What each kind usually sends: the form ticks these when the kind is chosen. */
export const KIND_SCOPES: Readonly<Record<SourceKind, readonly ExchangeMetric[]>> = {
  'power-company': ['electricity-kwh'],
  'tax-bureau': ['tax', 'taxable-sales', 'revenue'],
  'hr-bureau': ['insured-employees'],
  'statistics-bureau': ['output', 'revenue', 'energy-other-tce'],
  other: [],
};

export { EXCHANGE_METRICS, SOURCE_KINDS };

/** `用电量（kWh）`: a metric by name, with its unit. */
export function metricText(metric: string, t: Translate): string {
  const label = METRIC_LABELS[metric as ExchangeMetric];
  if (!label) return metric;
  return t('exchange.metricWithUnit', {
    metric: t(label),
    unit: EXCHANGE_METRIC_UNITS[metric as ExchangeMetric],
  });
}

export function kindText(kind: string, t: Translate): string {
  const label = KIND_LABELS[kind as SourceKind];
  return label ? t(label) : t('exchange.kind.other');
}

/** A time of the API as epoch milliseconds (the contract's ISO text; epoch numbers too). */
export function timeOf(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return Number.NaN;
  return typeof value === 'number' ? value : Date.parse(value);
}

/** Live sources first, then by kind as SOURCE_KINDS lists them, then by name. */
export function sortSources(sources: readonly ExchangeSourceView[]): ExchangeSourceView[] {
  return [...sources].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      SOURCE_KINDS.indexOf(a.kind) - SOURCE_KINDS.indexOf(b.kind) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}

export interface SourceDraft {
  readonly kind: SourceKind;
  readonly name: string;
  readonly scopes: readonly ExchangeMetric[];
  readonly rateLimit: string;
  readonly dropFolder: string;
}

export interface SourceBody {
  readonly kind: SourceKind;
  readonly name: string;
  readonly scopes: ExchangeMetric[];
  readonly rateLimitPerMinute: number;
  readonly dropFolder: string | null;
}

export type SourceDraftErrors = Partial<Record<'name' | 'scopes' | 'rateLimit' | 'dropFolder', MessageKey>>;

const DROP_FOLDER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function emptyDraft(kind: SourceKind = 'power-company'): SourceDraft {
  return { kind, name: '', scopes: KIND_SCOPES[kind], rateLimit: '60', dropFolder: '' };
}

export function checkSourceDraft(
  draft: SourceDraft,
):
  | { readonly ok: true; readonly body: SourceBody }
  | { readonly ok: false; readonly errors: SourceDraftErrors } {
  const errors: SourceDraftErrors = {};
  const name = draft.name.trim();
  if (!name || name.length > 100) errors.name = 'exchange.form.error.name';
  if (draft.scopes.length === 0) errors.scopes = 'exchange.form.error.scopes';
  const rate = Number(draft.rateLimit.trim());
  if (!/^\d+$/.test(draft.rateLimit.trim()) || rate < 1 || rate > 10_000)
    errors.rateLimit = 'exchange.form.error.rateLimit';
  const folder = draft.dropFolder.trim();
  if (folder && !DROP_FOLDER.test(folder)) errors.dropFolder = 'exchange.form.error.dropFolder';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      kind: draft.kind,
      name,
      // In the contract's order, whatever order they were ticked in.
      scopes: EXCHANGE_METRICS.filter((m) => draft.scopes.includes(m)),
      rateLimitPerMinute: rate,
      dropFolder: folder || null,
    },
  };
}

/** The codes of refused rows (docs/data-exchange.md, "Error codes"), in words. */
const PROBLEM_REASONS: Readonly<Record<string, MessageKey>> = {
  INVALID_ROW: 'exchange.problem.INVALID_ROW',
  INVALID_USCC: 'exchange.problem.INVALID_USCC',
  UNKNOWN_ENTERPRISE: 'exchange.problem.UNKNOWN_ENTERPRISE',
  UNKNOWN_METRIC: 'exchange.problem.UNKNOWN_METRIC',
  OUT_OF_SCOPE: 'exchange.problem.OUT_OF_SCOPE',
  INVALID_PERIOD: 'exchange.problem.INVALID_PERIOD',
  INVALID_VALUE: 'exchange.problem.INVALID_VALUE',
  NEGATIVE_VALUE: 'exchange.problem.NEGATIVE_VALUE',
  NOT_AN_INTEGER: 'exchange.problem.NOT_AN_INTEGER',
  DUPLICATE_ROW: 'exchange.problem.DUPLICATE_ROW',
};

const FIELD_LABELS: Readonly<Record<string, MessageKey>> = {
  row: 'exchange.field.row',
  uscc: 'exchange.field.uscc',
  metric: 'exchange.field.metric',
  period: 'exchange.field.period',
  value: 'exchange.field.value',
};

/** Why a row was refused, in the interface's words; a code the page does not know yet in the server's words. */
export function problemReason(problem: ExchangeRowResult, t: Translate): string {
  const key = Object.hasOwn(PROBLEM_REASONS, problem.code ?? '') ? PROBLEM_REASONS[problem.code!] : null;
  if (key) return t(key);
  return problem.message ?? problem.code ?? '—';
}

export function fieldText(field: string | undefined, t: Translate): string {
  if (!field) return '—';
  return Object.hasOwn(FIELD_LABELS, field) ? t(FIELD_LABELS[field]) : field;
}

/** The inbound endpoint on this server. */
export function endpointUrl(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/api/exchange/v1/figures`;
}

/** The help panel's example: one month's kWh of one enterprise. */
export function exampleCurl(origin: string, keyPrefix = 'pk_…'): string {
  const body = JSON.stringify({
    reference: 'SGCC-202611',
    rows: [{ uscc: '91320681MA1PARK01Y', metric: 'electricity-kwh', period: '2026-11', value: 182500 }],
  });
  return [
    `curl -X POST ${endpointUrl(origin)} \\`,
    `  -H "Authorization: Bearer ${keyPrefix}" \\`,
    '  -H "Content-Type: application/json" \\',
    `  -d '${body}'`,
  ].join('\n');
}

export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
