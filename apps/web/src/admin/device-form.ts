/**
 * The provisioning form and the device table, as pure functions (no DOM): the form's fields as typed text, the
 * checks the API makes (device.dto.ts and devices.service.ts checkKindFields) so most mistakes are caught before a
 * request, and the table's row text. Unit-tested in device-form.spec.ts.
 */
import {
  DEVICE_ID_PATTERN,
  DEVICE_KINDS,
  DEVICE_KIND_NAMES,
  METER_ROLES,
  isDeviceKind,
  type DeviceKind,
} from '@park/contracts';
import { BUILT_IN_RULES, parseRuleDefinition, RuleParamsError } from '@park/rules-engine';
import { formatLineName } from '../i18n/format';
import type { Language, MessageKey } from '../i18n/messages';
import type { DeviceView, EnterpriseOption, ProvisionBody } from './devices-api';

export const EMISSION_KINDS: readonly DeviceKind[] = ['stack-gas', 'wastewater'];
export { DEVICE_KIND_NAMES, METER_ROLES };

/** A power meter's role, in words. */
export const ROLE_LABELS: Readonly<Record<(typeof METER_ROLES)[number], MessageKey>> = {
  production: 'devices.role.production',
  'pollution-control': 'devices.role.pollution-control',
  general: 'devices.role.general',
};

export interface DeviceForm {
  readonly id: string;
  readonly enterpriseId: string;
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly line: string;
  readonly location: string;
  readonly expectedIntervalS: string;
  /** Metric → limit as typed; only the kind's metrics are sent, and only those filled in. */
  readonly permitLimits: Readonly<Record<string, string>>;
  readonly permitO2Reference: string;
  readonly normalKw: string;
  /** `metric.key` → set point as typed (key: high, highHigh, low, lowLow, hysteresis, delayS). */
  readonly processLimits: Readonly<Record<string, string>>;
}

/** The process set points a tank or reactor instrument states per metric, in the order the form shows them. */
export const PROCESS_LIMIT_FIELDS = ['high', 'highHigh', 'low', 'lowLow', 'hysteresis', 'delayS'] as const;
export type ProcessLimitField = (typeof PROCESS_LIMIT_FIELDS)[number];

export const PROCESS_LIMIT_LABELS: Readonly<Record<ProcessLimitField, MessageKey>> = {
  high: 'devices.form.pl.high',
  highHigh: 'devices.form.pl.highHigh',
  low: 'devices.form.pl.low',
  lowLow: 'devices.form.pl.lowLow',
  hysteresis: 'devices.form.pl.hysteresis',
  delayS: 'devices.form.pl.delayS',
};

/** The metrics of a kind that a built-in process-limit rule judges (temperature, pressure, liquid level). */
export function processLimitMetrics(kind: string): string[] {
  return BUILT_IN_RULES.filter((r) => r.kind === 'process-limit' && r.deviceKind === kind).map(
    (r) => r.metric,
  );
}

export const EMPTY_FORM: DeviceForm = {
  id: '',
  enterpriseId: '',
  name: '',
  kind: '',
  role: '',
  line: '',
  location: '',
  expectedIntervalS: '60',
  permitLimits: {},
  permitO2Reference: '',
  normalKw: '',
  processLimits: {},
};

export type FieldErrors = Readonly<Record<string, MessageKey>>;
export type FormCheck =
  { readonly ok: true; readonly body: ProvisionBody } | { readonly ok: false; readonly errors: FieldErrors };

/** Which optional fields the kind (and a meter's role) has. */
export function fieldsFor(kind: string, role: string) {
  const known = isDeviceKind(kind);
  return {
    role: kind === 'power-meter',
    normalKw: kind === 'power-meter' && (role === 'production' || role === 'pollution-control'),
    permitLimits: known && EMISSION_KINDS.includes(kind) ? Object.keys(DEVICE_KINDS[kind].metrics) : [],
    permitO2Reference: kind === 'stack-gas',
    processLimits: processLimitMetrics(kind),
  };
}

/** A number as typed: null when blank, NaN when not a number. */
function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function checkForm(form: DeviceForm): FormCheck {
  const errors: Record<string, MessageKey> = {};
  const body: Record<string, unknown> = {};
  const id = form.id.trim();
  if (!id) errors.id = 'devices.form.error.required';
  else if (!DEVICE_ID_PATTERN.test(id)) errors.id = 'devices.form.error.id';
  body.id = id;

  if (!form.enterpriseId) errors.enterpriseId = 'devices.form.error.required';
  body.enterpriseId = form.enterpriseId;

  const name = form.name.trim();
  if (!name) errors.name = 'devices.form.error.required';
  else if (name.length > 200) errors.name = 'devices.form.error.tooLong';
  body.name = name;

  if (!form.kind) errors.kind = 'devices.form.error.required';
  else if (!isDeviceKind(form.kind)) errors.kind = 'devices.form.error.kind';
  body.kind = form.kind;

  const fields = fieldsFor(form.kind, form.role);
  if (fields.role) {
    if (!form.role) errors.role = 'devices.form.error.roleRequired';
    else if (!(METER_ROLES as readonly string[]).includes(form.role)) errors.role = 'devices.form.error.kind';
    else body.role = form.role;
  }

  const line = form.line.trim();
  if (line.length > 64) errors.line = 'devices.form.error.tooLong';
  else if (line) body.line = line;

  const location = form.location.trim();
  if (location.length > 200) errors.location = 'devices.form.error.tooLong';
  else if (location) body.location = location;

  const interval = parseNumber(form.expectedIntervalS);
  if (interval !== null) {
    if (!Number.isInteger(interval) || interval < 1 || interval > 86_400)
      errors.expectedIntervalS = 'devices.form.error.interval';
    else body.expectedIntervalS = interval;
  }

  if (fields.permitLimits.length > 0) {
    const limits: Record<string, number> = {};
    for (const metric of fields.permitLimits) {
      const limit = parseNumber(form.permitLimits[metric] ?? '');
      if (limit === null) continue;
      if (!Number.isFinite(limit) || limit <= 0)
        errors[`permitLimits.${metric}`] = 'devices.form.error.positive';
      else limits[metric] = limit;
    }
    if (Object.keys(limits).length > 0) body.permitLimits = limits;
  }

  if (fields.permitO2Reference) {
    const o2 = parseNumber(form.permitO2Reference);
    if (o2 !== null) {
      if (!Number.isFinite(o2) || o2 < 0 || o2 > 20.9) errors.permitO2Reference = 'devices.form.error.o2';
      else body.permitO2Reference = o2;
    }
  }

  if (fields.normalKw) {
    const kw = parseNumber(form.normalKw);
    if (kw !== null) {
      if (!Number.isFinite(kw) || kw < 0.001 || kw > 1_000_000)
        errors.normalKw = 'devices.form.error.normalKw';
      else body.normalKw = kw;
    }
  }

  // Each metric's set points as the devices API (and the rules service) will parse them: the engine's own check.
  const processLimits: Record<string, Record<string, number>> = {};
  for (const metric of fields.processLimits) {
    const params: Record<string, number> = {};
    for (const key of PROCESS_LIMIT_FIELDS) {
      const value = parseNumber(form.processLimits[`${metric}.${key}`] ?? '');
      if (value === null) continue;
      if (!Number.isFinite(value)) errors[`processLimits.${metric}.${key}`] = 'devices.form.error.number';
      else if (key === 'delayS') params.delayMs = Math.round(value * 1000);
      else params[key] = value;
    }
    if (Object.keys(params).length === 0) continue;
    try {
      parseRuleDefinition('process-limit', params);
      processLimits[metric] = params;
    } catch (error) {
      if (!(error instanceof RuleParamsError)) throw error;
      errors[`processLimits.${metric}`] = 'devices.form.error.processLimits';
    }
  }
  if (Object.keys(processLimits).length > 0) body.processLimits = processLimits;

  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, body: body as unknown as ProvisionBody };
}

/** The kind's name in the interface language; an unknown kind as stored. */
export function kindLabel(kind: string, language: Language): string {
  return isDeviceKind(kind) ? DEVICE_KINDS[kind].label[language === 'en' ? 'en' : 'zh'] : kind;
}

/** A metric's label and unit, e.g. `二氧化硫 (mg/m³)`. */
export function metricLabel(kind: string, metric: string, language: Language): string {
  if (!isDeviceKind(kind)) return metric;
  const spec = (
    DEVICE_KINDS[kind].metrics as Record<string, { label: { zh: string; en: string }; unit: string }>
  )[metric];
  if (!spec) return metric;
  const label = spec.label[language === 'en' ? 'en' : 'zh'];
  return spec.unit ? `${label} (${spec.unit})` : label;
}

export interface DeviceRow {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly enterprise: string;
  /** The line in words (`合成 1 号线`), a dash for none. */
  readonly line: string;
  /** The line as typed in the form (the rules' key), for the cell's tooltip; null for none. */
  readonly lineCode: string | null;
  readonly enabled: boolean;
  readonly hasCredential: boolean;
}

/**
 * A table row: the kind by name, the enterprise by name (its id when not in the list), the line in words (a dash
 * for no line).
 */
export function deviceRow(
  device: DeviceView,
  enterprises: readonly EnterpriseOption[],
  language: Language,
): DeviceRow {
  return {
    id: device.id,
    name: device.name,
    kind: kindLabel(device.kind, language),
    enterprise: enterprises.find((e) => e.id === device.enterpriseId)?.name ?? device.enterpriseId,
    line: device.line === null ? '—' : formatLineName(device.line, language),
    lineCode: device.line,
    enabled: device.enabled,
    hasCredential: device.hasCredential,
  };
}

/** The pages of a listing: at least one, so "1 / 1" shows for an empty list. */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/** The credentials as one text block, for the copy button. */
export function credentialsText(c: {
  username: string;
  password: string;
  telemetryTopic: string;
  statusTopic: string;
}): string {
  return [
    `username: ${c.username}`,
    `password: ${c.password}`,
    `telemetry topic: ${c.telemetryTopic}`,
    `status topic: ${c.statusTopic}`,
  ].join('\n');
}
