import type { AlertSeverity, AlertStatus } from '@park/contracts';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Which alerts a search means — the alert list, the history pages, the statistics and the XLSX export all read
 * this one filter through `whereAlertsMatch`, so an export holds exactly the alerts the page counted.
 */
export interface AlertFilter {
  readonly enterpriseId?: string | null;
  readonly status?: AlertStatus;
  readonly severity?: AlertSeverity;
  /** Rule kind (threshold, device-offline, treatment-power …). */
  readonly kind?: string;
  readonly ruleId?: string;
  readonly subjectId?: string;
  /** Opened at or after / before (epoch ms). */
  readonly from?: number;
  readonly to?: number;
}

/**
 * Adds the filter's conditions to a query over `alerts` (alias `alias`) that joins `rules` as `rule` (the kind
 * lives there). Opened-at bounds come first so both databases reach for an index on opened_at
 * (`alerts_opened`, or `alerts_enterprise_opened` with an enterprise).
 */
export function whereAlertsMatch<T extends ObjectLiteral>(
  q: SelectQueryBuilder<T>,
  filter: AlertFilter,
  alias = 'a',
): SelectQueryBuilder<T> {
  if (filter.from !== undefined) q.andWhere(`${alias}.opened_at >= :from`, { from: new Date(filter.from) });
  if (filter.to !== undefined) q.andWhere(`${alias}.opened_at < :to`, { to: new Date(filter.to) });
  if (filter.enterpriseId)
    q.andWhere(`${alias}.enterprise_id = :enterpriseId`, { enterpriseId: filter.enterpriseId });
  if (filter.status) q.andWhere(`${alias}.status = :status`, { status: filter.status });
  if (filter.severity) q.andWhere(`${alias}.severity = :severity`, { severity: filter.severity });
  if (filter.kind) q.andWhere('rule.kind = :kind', { kind: filter.kind });
  if (filter.ruleId) q.andWhere(`${alias}.rule_id = :ruleId`, { ruleId: filter.ruleId });
  if (filter.subjectId) q.andWhere(`${alias}.subject_id = :subjectId`, { subjectId: filter.subjectId });
  return q;
}
