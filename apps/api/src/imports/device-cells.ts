/**
 * The device import's coded cells: a device kind and a meter's role are written in Chinese on export (电能表, 生产)
 * and read back from the Chinese label, the English label or the code itself.
 */
import {
  DEVICE_KIND_NAMES,
  DEVICE_KINDS,
  METER_ROLES,
  type DeviceKind,
  type MeterRole,
} from '@park/contracts';
import { normalizeHeader } from './import-columns';

/** A meter's role in Chinese, as the web shows it (devices.role.*). */
export const METER_ROLE_ZH: Readonly<Record<MeterRole, string>> = {
  production: '生产',
  'pollution-control': '治污',
  general: '综合',
};

/** "烟气在线监测(CEMS)" = "烟气在线监测（CEMS）" = "烟气在线监测"; case and spaces ignored. */
function same(a: string, b: string): boolean {
  const plain = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
  return plain(a) === plain(b) || normalizeHeader(a) === normalizeHeader(b);
}

export function deviceKindOf(cell: string): DeviceKind | undefined {
  return DEVICE_KIND_NAMES.find(
    (k) => same(cell, k) || same(cell, DEVICE_KINDS[k].label.zh) || same(cell, DEVICE_KINDS[k].label.en),
  );
}

export function meterRoleOf(cell: string): MeterRole | undefined {
  return METER_ROLES.find((r) => same(cell, r) || same(cell, METER_ROLE_ZH[r]));
}

export function deviceKindCell(kind: string): string {
  return (DEVICE_KIND_NAMES as readonly string[]).includes(kind)
    ? DEVICE_KINDS[kind as DeviceKind].label.zh
    : kind;
}

export function meterRoleCell(role: string | null): string | null {
  return role && (METER_ROLES as readonly string[]).includes(role) ? METER_ROLE_ZH[role as MeterRole] : role;
}
