/**
 * How an audit entry reads (操作日志 and the enterprise page's 审计记录): the label and unit of every audited field
 * of every audited record type, the record type's name, where the record's page is, and each value in words.
 * One table for all record types (a field of the same name means the same everywhere unless a type overrides it).
 * Pure module (no DOM); unit-tested in audit-fields.spec.ts.
 */
import { isDepartment, isExchangeMetric, isSourceKind } from '@park/contracts';
import { formatDateTime, formatNumber } from '../i18n/format';
import type { Language, MessageKey, MessageParams } from '../i18n/messages';
import { STAGE_LABELS } from '../projects/project-form';
import { DEPARTMENT_LABELS, ROLE_LABELS } from '../session/access';
import { FLAG_LABELS } from '../records/enterprise-form';
import { EVENT_LABELS, INDICATOR_ROWS } from '../records/enterprise-records';
import { LEVEL_LABELS, TYPE_LABELS } from '../records/qualification-form';

export interface FieldLabel {
  readonly label: MessageKey;
  readonly unit?: MessageKey;
}

/** The record types the API audits (libs/records: AuditedStore and recordAudit callers), in the filter's order. */
export const AUDIT_ENTITY_TYPES = [
  'enterprise',
  'indicator',
  'event',
  'event-document',
  'enterprise-safety-contact',
  'qualification',
  'qualification-document',
  'parcel',
  'carrier',
  'tenancy',
  'admission',
  'project',
  'project-milestone',
  'plan-target',
  'plan-task',
  'setting',
  'device',
  'maintenance-window',
  'user',
  'notification-channel',
  'duty-shift',
  'escalation-step',
  'exchange-source',
  'exchange-batch',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore', 'import'] as const;

export function isAuditEntityType(value: string): value is AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);
}

export function entityTypeLabel(type: string): MessageKey {
  return isAuditEntityType(type) ? `audit.type.${type}` : 'audit.type.other';
}

export function actionLabel(action: string): MessageKey {
  return (AUDIT_ACTIONS as readonly string[]).includes(action)
    ? (`audit.action.${action}` as MessageKey)
    : 'audit.action.other';
}

const f = (label: MessageKey, unit?: MessageKey): FieldLabel => (unit ? { label, unit } : { label });

/** Fields that mean the same on every record type that has them. */
function commonFields(): Record<string, FieldLabel> {
  return {
    name: f('audit.field.name'),
    code: f('audit.field.code'),
    note: f('audit.field.note'),
    reason: f('audit.field.reason'),
    enterpriseId: f('audit.field.enterprise'),
    carrierId: f('audit.field.carrier'),
    parcelId: f('audit.field.parcel'),
    deletedAt: f('audit.field.deletedAt'),
    enabled: f('audit.field.enabled'),
    kind: f('audit.field.kind'),
    phone: f('audit.field.phone'),
    email: f('audit.field.email'),
    permitLimits: f('audit.field.permitLimits'),
    permitO2Reference: f('audit.field.permitO2Reference', 'audit.unit.percentVol'),
    startsAt: f('audit.field.startsAt'),
    endsAt: f('audit.field.endsAt'),
    year: f('audit.field.year'),
  };
}

/** Per record type: its fields, in the order its form shows them (unknown fields go last). */
function typeFields(): Record<AuditEntityType, Record<string, FieldLabel>> {
  const enterprise: Record<string, FieldLabel> = {
    name: f('records.col.name'),
    creditCode: f('records.col.creditCode'),
    industryCode: f('records.col.industry'),
    carrierId: f('audit.field.carrier'),
    address: f('records.address'),
    contactName: f('records.contact'),
    contactPhone: f('records.phone'),
    ...Object.fromEntries(Object.entries(FLAG_LABELS).map(([k, label]) => [k, f(label)])),
    cultivation: f('audit.field.cultivation'),
    safetyContactName: f('audit.field.safetyContactName'),
    safetyContactPhone: f('audit.field.safetyContactPhone'),
    safetyContactEmail: f('audit.field.safetyContactEmail'),
    permitLimits: f('audit.field.permitLimits'),
    permitO2Reference: f('audit.field.permitO2Reference', 'audit.unit.percentVol'),
  };
  const qualification: Record<string, FieldLabel> = {
    type: f('qualifications.type'),
    level: f('qualifications.level'),
    certificateNo: f('qualifications.number'),
    issuedOn: f('qualifications.issuedOn'),
    expiresOn: f('qualifications.expiresOn'),
    note: f('qualifications.note'),
    filename: f('qualifications.audit.filename'),
    deletedAt: f('qualifications.audit.deletedAt'),
  };
  return {
    enterprise,
    indicator: {
      year: f('records.indicators.yearLabel'),
      ...Object.fromEntries(INDICATOR_ROWS.map((r) => [r.field, f(r.label, r.unit)])),
    },
    event: {
      type: f('records.events.type'),
      occurredOn: f('records.events.date'),
      summary: f('records.events.summary'),
    },
    'enterprise-safety-contact': {
      safetyContactName: f('audit.field.safetyContactName'),
      safetyContactPhone: f('audit.field.safetyContactPhone'),
      safetyContactEmail: f('audit.field.safetyContactEmail'),
    },
    qualification,
    'qualification-document': qualification,
    'event-document': { filename: f('audit.field.filename') },
    parcel: {
      code: f('parcels.col.code'),
      name: f('parcels.col.name'),
      areaMu: f('audit.field.areaMu', 'unit.mu'),
      landUse: f('audit.field.landUse'),
      owner: f('audit.field.owner'),
      enterpriseId: f('parcels.col.enterprise'),
      carrierId: f('audit.field.carrier'),
      inefficient: f('audit.field.inefficient'),
      revitalizedYear: f('audit.field.revitalizedYear'),
      certificateNo: f('parcels.field.certificateNo'),
      transferDate: f('parcels.field.transferDate'),
      transferTermYears: f('parcels.field.transferTerm', 'audit.unit.years'),
      plotRatio: f('parcels.field.plotRatio'),
      investmentIntensity: f('parcels.field.investmentIntensityShort', 'audit.unit.wanPerMu'),
      contractNo: f('parcels.field.contractNo'),
      contractTerms: f('parcels.field.contractTerms'),
      geometry: f('audit.field.geometry'),
    },
    carrier: {
      code: f('carriers.col.code'),
      name: f('audit.field.name'),
      floorAreaM2: f('audit.field.floorAreaM2', 'audit.unit.m2'),
      operator: f('carriers.col.operator'),
      address: f('records.address'),
    },
    tenancy: {
      carrierId: f('audit.field.carrier'),
      enterpriseId: f('audit.field.enterprise'),
      areaM2: f('audit.field.areaM2', 'audit.unit.m2'),
      startDate: f('audit.field.startDate'),
      endDate: f('audit.field.endDate'),
      admission: f('audit.field.admission'),
      overrideNote: f('audit.field.overrideNote'),
    },
    admission: {
      industryCode: f('audit.field.industryCode'),
      level: f('audit.field.level'),
      reason: f('audit.field.reason'),
    },
    project: {
      name: f('audit.field.name'),
      stage: f('audit.field.stage'),
      signedOn: f('audit.field.signedOn'),
      startedOn: f('audit.field.startedOn'),
      completedOn: f('audit.field.completedOn'),
      producingOn: f('audit.field.producingOn'),
      promisedInvestment: f('audit.field.promisedInvestment', 'unit.wanYuan'),
      promisedSales: f('audit.field.promisedSales', 'unit.wanYuan'),
      promisedTax: f('audit.field.promisedTax', 'unit.wanYuan'),
      ownerName: f('audit.field.ownerName'),
      department: f('audit.field.projectDepartment'),
    },
    'project-milestone': {
      title: f('audit.field.title'),
      dueOn: f('audit.field.dueOn'),
      doneOn: f('audit.field.doneOn'),
      ownerName: f('audit.field.ownerName'),
      department: f('audit.field.projectDepartment'),
    },
    'plan-target': {
      indicator: f('audit.field.indicator'),
      year: f('audit.field.year'),
      target: f('audit.field.target'),
      comparator: f('audit.field.comparator'),
    },
    'plan-task': {
      title: f('audit.field.taskTitle'),
      year: f('audit.field.year'),
      periodKind: f('audit.field.periodKind'),
      periodNumber: f('audit.field.periodNumber'),
      indicator: f('audit.field.indicator'),
      parentId: f('audit.field.parentTask'),
      description: f('audit.field.description'),
      ownerName: f('audit.field.ownerName'),
      department: f('audit.field.projectDepartment'),
      contribution: f('audit.field.contribution'),
      status: f('audit.field.taskStatus'),
      dueOn: f('audit.field.taskDueOn'),
      completedOn: f('audit.field.taskCompletedOn'),
      progressNote: f('audit.field.progressNote'),
    },
    setting: { value: f('audit.field.value') },
    device: {
      name: f('audit.field.name'),
      kind: f('audit.field.kind'),
      role: f('audit.field.role'),
      line: f('audit.field.line'),
      location: f('audit.field.location'),
      enabled: f('audit.field.enabled'),
      credentialHash: f('audit.field.credential'),
      expectedIntervalS: f('audit.field.expectedIntervalS', 'audit.unit.seconds'),
      normalKw: f('audit.field.normalKw', 'audit.unit.kw'),
      processLimits: f('audit.field.processLimits'),
      credentialIssuedAt: f('audit.field.credentialIssuedAt'),
    },
    'maintenance-window': {
      subjectType: f('audit.field.subjectType'),
      startsAt: f('audit.field.startsAt'),
      endsAt: f('audit.field.endsAt'),
      endedAt: f('audit.field.endedAt'),
      endedBy: f('audit.field.endedBy'),
      reason: f('audit.field.reason'),
    },
    user: {
      username: f('audit.field.username'),
      displayName: f('audit.field.displayName'),
      role: f('audit.field.role'),
      enterpriseId: f('audit.field.enterprise'),
      department: f('audit.field.department'),
      disabled: f('audit.field.disabled'),
      passwordHash: f('audit.field.password'),
    },
    'notification-channel': {
      name: f('audit.field.name'),
      kind: f('audit.field.kind'),
      config: f('audit.field.config'),
      severities: f('audit.field.severities'),
      eventTypes: f('audit.field.eventTypes'),
      recipients: f('audit.field.recipients'),
    },
    'duty-shift': {
      duty: f('audit.field.duty'),
      personName: f('audit.field.personName'),
      phone: f('audit.field.phone'),
      email: f('audit.field.email'),
      startsAt: f('audit.field.startsAt'),
      endsAt: f('audit.field.endsAt'),
    },
    'exchange-source': {
      name: f('audit.field.sourceName'),
      kind: f('audit.field.sourceKind'),
      scopes: f('audit.field.scopes'),
      keyPrefix: f('audit.field.keyPrefix'),
      rateLimitPerMinute: f('audit.field.rateLimitPerMinute', 'audit.unit.perMinute'),
      dropFolder: f('audit.field.dropFolder'),
      revokedAt: f('audit.field.revokedAt'),
      lastUsedAt: f('audit.field.lastUsedAt'),
      demo: f('audit.field.demo'),
    },
    'exchange-batch': {
      name: f('audit.field.sourceName'),
      via: f('audit.field.via'),
      reference: f('audit.field.reference'),
      rows: f('audit.field.batchRows', 'audit.unit.rows'),
      stored: f('audit.field.batchStored', 'audit.unit.rows'),
      changed: f('audit.field.batchChanged', 'audit.unit.rows'),
      unchanged: f('audit.field.batchUnchanged', 'audit.unit.rows'),
      rejected: f('audit.field.batchRejected', 'audit.unit.rows'),
    },
    'escalation-step': {
      position: f('audit.field.position'),
      afterMinutes: f('audit.field.afterMinutes', 'audit.unit.minutes'),
      people: f('audit.field.people'),
      channelIds: f('audit.field.channelIds'),
      severities: f('audit.field.severities'),
      ruleKinds: f('audit.field.ruleKinds'),
      enterpriseIds: f('audit.field.enterpriseIds'),
      carrierIds: f('audit.field.carrierIds'),
    },
  };
}

let tables: {
  common: Record<string, FieldLabel>;
  byType: Record<AuditEntityType, Record<string, FieldLabel>>;
};
function fieldTables() {
  // Built on first use, not at load: the modules it reads import each other.
  tables ??= { common: commonFields(), byType: typeFields() };
  return tables;
}

/** The labelled fields of a record type, in its form's order. No type: the enterprise page's three kinds. */
export function fieldLabelsOf(entityType?: string): Readonly<Record<string, FieldLabel>> {
  const { common, byType } = fieldTables();
  if (!entityType) return { ...byType.enterprise, ...byType.indicator, ...byType.event };
  return isAuditEntityType(entityType) ? { ...common, ...byType[entityType] } : common;
}

/** Bookkeeping the audit trail records but a reader has no use for. */
const HIDDEN_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'qualificationId',
  'projectId',
  'isDemo',
  'contentType',
  'size',
  'uploadedBy',
  'uploadedAt',
  'subjectId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'updatedBy',
  'details',
  'userId',
  'sourceId',
]);

export interface AuditChangeLine {
  readonly field: MessageKey;
  readonly unit: MessageKey | null;
  /** The field's name as recorded (values are read by it). */
  readonly name: string;
  readonly from: unknown;
  readonly to: unknown;
}

/**
 * An audit entry's changes a reader can follow, in the form's order of fields, unknown fields last. The enterprise
 * id is hidden on the enterprise page (no type given: every entry there is of that enterprise).
 */
export function auditChangeLines(
  changes: Readonly<Record<string, { from?: unknown; to?: unknown }>>,
  entityType?: string,
): AuditChangeLine[] {
  const labels = fieldLabelsOf(entityType);
  const order = Object.keys(labels);
  const rank = (field: string) => {
    const i = order.indexOf(field);
    return i < 0 ? order.length : i;
  };
  return (
    Object.entries(changes)
      .filter(([field]) => !HIDDEN_FIELDS.has(field))
      // The enterprise page's entries are all of its enterprise; an enterprise's id is the record itself.
      .filter(([field]) => !(field === 'enterpriseId' && (!entityType || entityType === 'enterprise')))
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([field, change]) => ({
        field: labels[field]?.label ?? 'audit.field.other',
        unit: labels[field]?.unit ?? null,
        name: field,
        from: change.from ?? null,
        to: change.to ?? null,
      }))
  );
}

type Translate = (key: MessageKey, params?: MessageParams) => string;

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One value in words: 空 for none, 是/否, the label of a known code (event type, qualification type or level,
 * project stage, role, department), another record (an id) as 关联记录, a number with its unit, a timestamp in Beijing time without milliseconds,
 * lists joined, objects as `key: value` pairs.
 */
export function auditValueText(
  value: unknown,
  line: { readonly name: string; readonly unit: MessageKey | null },
  t: Translate,
  language: Language,
): string {
  if (value === null || value === undefined || value === '') return t('audit.value.empty');
  if (value === '(secret)' || value === '(secret changed)') return t('audit.value.secret');
  if (typeof value === 'boolean') return t(value ? 'audit.value.yes' : 'audit.value.no');
  if (typeof value === 'number') {
    const n = formatNumber(value, language);
    return line.unit && line.name !== 'year' ? `${n} ${t(line.unit)}` : n;
  }
  if (typeof value === 'string') {
    if (line.name === 'role' && value in ROLE_LABELS)
      return t(ROLE_LABELS[value as keyof typeof ROLE_LABELS]);
    if (line.name === 'department' && isDepartment(value)) return t(DEPARTMENT_LABELS[value]);
    if (line.name === 'stage' && value in STAGE_LABELS)
      return t(STAGE_LABELS[value as keyof typeof STAGE_LABELS]);
    if (line.name === 'type' && value in EVENT_LABELS)
      return t(EVENT_LABELS[value as keyof typeof EVENT_LABELS]);
    if (line.name === 'type' && value in TYPE_LABELS)
      return t(TYPE_LABELS[value as keyof typeof TYPE_LABELS]);
    if (line.name === 'level' && value in LEVEL_LABELS)
      return t(LEVEL_LABELS[value as keyof typeof LEVEL_LABELS]);
    if (line.name === 'kind' && isSourceKind(value)) return t(`audit.sourceKind.${value}`);
    if (line.name === 'scopes' && isExchangeMetric(value)) return t(`audit.metric.${value}`);
    if (line.name === 'via' && (value === 'api' || value === 'drop-folder')) return t(`audit.via.${value}`);
    if (UUID.test(value)) return t('audit.value.record');
    if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(Date.parse(value));
    // A number the database hands back as text (PostgreSQL numeric): with its unit.
    if (line.unit && /^-?\d+(\.\d+)?$/.test(value))
      return `${formatNumber(Number(value), language)} ${t(line.unit)}`;
    return value;
  }
  if (Array.isArray(value))
    return value.length === 0
      ? t('audit.value.empty')
      : value.map((v) => auditValueText(v, { name: line.name, unit: null }, t, language)).join('、');
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k} ${auditValueText(v, { name: k, unit: null }, t, language)}`)
      .join('；');
  return typeof value === 'bigint' ? value.toString() : JSON.stringify(value);
}

export interface AuditEntryLike {
  readonly entityType: string;
  readonly entityId: string;
  readonly enterpriseId: string | null;
  readonly changes: Readonly<Record<string, { from?: unknown; to?: unknown }>>;
  readonly recordName?: string | null;
  readonly enterpriseName?: string | null;
}

/** The web page of an entry's record, where it has one (its enterprise's page for the records kept there). */
export function auditRecordPath(entry: AuditEntryLike): string | null {
  const id = encodeURIComponent(entry.entityId);
  switch (entry.entityType) {
    case 'enterprise':
      return `/enterprises/${id}`;
    case 'parcel':
      return `/parcels/${id}`;
    case 'carrier':
      return `/carriers/${id}`;
    case 'device':
      return `/devices/${id}`;
    case 'project':
      return `/projects/${id}`;
    case 'admission':
      return '/carriers?tab=admission';
    case 'plan-task': {
      const year = entry.changes.year?.to ?? entry.changes.year?.from;
      return typeof year === 'number' ? `/plan/tasks/${year}` : '/plan/tasks';
    }
    case 'user':
      return '/admin/users';
    case 'notification-channel':
      return '/admin/notifications';
    case 'duty-shift':
    case 'escalation-step':
      return '/duty';
    default:
      return entry.enterpriseId ? `/enterprises/${encodeURIComponent(entry.enterpriseId)}` : null;
  }
}

/** What names the record: its own name, else a name its changes carry, with its enterprise's where it has one. */
export function auditRecordName(entry: AuditEntryLike, t: Translate): string {
  const carried = (field: string): string | null => {
    const c = entry.changes[field];
    const v = c?.to ?? c?.from;
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  };
  let own: string | null = entry.recordName ?? null;
  if (entry.entityType === 'indicator') {
    const year = own ?? carried('year');
    own = year ? t('audit.record.year', { year }) : null;
  }
  if (
    entry.entityType === 'admission' ||
    entry.entityType === 'plan-target' ||
    entry.entityType === 'setting'
  )
    own ??= entry.entityId;
  own ??=
    carried('name') ??
    carried('title') ??
    carried('certificateNo') ??
    carried('filename') ??
    carried('personName');
  const enterprise = entry.entityType === 'enterprise' ? null : (entry.enterpriseName ?? null);
  const parts = [enterprise, own].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' · ') : entry.entityId.slice(0, 8);
}
