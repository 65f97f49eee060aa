/**
 * The devices page's model: live events applied to the rows the API answered, the state counts and filter, and
 * each value in words with its unit and quality. Pure (no DOM).
 */
import { DEVICE_KINDS, isDeviceKind, type DeviceStatusEvent, type TelemetryUpdate } from '@park/contracts';
import type { ApiSchemas } from '../api/api-client';
import { formatQuantity } from '../i18n/format';
import type { Language } from '../i18n/messages';

export type DeviceStateView = ApiSchemas['DeviceStateView'];
export type DeviceLatestValue = DeviceStateView['values'][number];
export type StateFilter = '' | 'online' | 'offline';

/**
 * A `device-status` event: the device is online or offline from then on. An event older than the row's newest
 * reading does not turn a reporting device offline.
 */
export function withDeviceStatus(
  rows: readonly DeviceStateView[],
  event: DeviceStatusEvent,
): DeviceStateView[] {
  return rows.map((row) => {
    if (row.id !== event.deviceId || row.state === event.status) return row;
    if (event.status === 'offline' && row.lastSeenAt !== null && Date.parse(row.lastSeenAt) > event.at)
      return row;
    return { ...row, state: event.status };
  });
}

/**
 * A `telemetry` event: the device reported, so it is online and was last seen then. Its values are not taken from
 * the event (throttled, and only the metrics of that reading): the page re-reads the row's values over REST
 * (`needsRefresh`).
 */
export function withReading(rows: readonly DeviceStateView[], update: TelemetryUpdate): DeviceStateView[] {
  return rows.map((row) => {
    if (row.id !== update.deviceId) return row;
    const seen = row.lastSeenAt === null ? -Infinity : Date.parse(row.lastSeenAt);
    if (update.ts <= seen && row.state === 'online') return row;
    return {
      ...row,
      state: 'online',
      lastSeenAt: new Date(Math.max(seen, update.ts)).toISOString(),
    };
  });
}

/** Whether a telemetry event brings a value newer than the row shows (then the page re-reads the list). */
export function needsRefresh(rows: readonly DeviceStateView[], update: TelemetryUpdate): boolean {
  const row = rows.find((r) => r.id === update.deviceId);
  if (!row) return false;
  return Object.keys(update.values).some((metric) => {
    const shown = row.values.find((v) => v.metric === metric);
    return !shown || Date.parse(shown.at) < update.ts;
  });
}

export function stateCounts(rows: readonly DeviceStateView[]): {
  all: number;
  online: number;
  offline: number;
} {
  const online = rows.filter((r) => r.state === 'online').length;
  return { all: rows.length, online, offline: rows.length - online };
}

export function filterByState(rows: readonly DeviceStateView[], state: StateFilter): DeviceStateView[] {
  return state ? rows.filter((r) => r.state === state) : [...rows];
}

const lang = (language: Language) => (language === 'en' ? 'en' : 'zh');

/** The metric's name in the language (`二氧化硫`), or its key when the kind does not know it. */
export function metricName(kind: string, metric: string, language: Language): string {
  if (!isDeviceKind(kind)) return metric;
  const spec = (DEVICE_KINDS[kind].metrics as Record<string, { label: { zh: string; en: string } }>)[metric];
  return spec ? spec.label[lang(language)] : metric;
}

/**
 * A value in words: a number with its unit (`12.5 mg/m³`), a state metric's state by name (`关闭`), an on/off
 * flag as `是`/`否` (`Yes`/`No`, from the caller's dictionary).
 */
export function valueText(
  kind: string,
  value: DeviceLatestValue,
  language: Language,
  yesNo: { yes: string; no: string },
): string {
  if (typeof value.value === 'boolean') return value.value ? yesNo.yes : yesNo.no;
  if (isDeviceKind(kind)) {
    const spec = (
      DEVICE_KINDS[kind].metrics as Record<
        string,
        { states?: Readonly<Record<string, { zh: string; en: string }>> }
      >
    )[value.metric];
    const state = spec?.states?.[String(value.value)];
    if (state) return state[lang(language)];
  }
  return formatQuantity(value.value, value.unit, language);
}
