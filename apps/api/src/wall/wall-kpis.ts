/**
 * The wall display's KPIs from the records and the latest telemetry: pure functions, no I/O (wall.service.ts
 * gathers the inputs). docs/web.md "Wall display" states each rule in words.
 */
import {
  ALERT_SEVERITIES,
  DEVICE_KINDS,
  type AlertSeverity,
  type DeviceKind,
  type SeverityCounts,
  type WallDeviceMarker,
  type WallParcelFeature,
} from '@park/contracts';
import type { ParcelGeometry, WallAlertRecord, WallDeviceRecord, WallParcelRecord } from '@park/records';

/** A device is online while its last reading is younger than this many of its expected reporting intervals. */
export const ONLINE_INTERVALS = 3;
/** The kinds whose readings are discharges against a permit (烟气 CEMS, 废水). */
export const EMISSION_KINDS: readonly DeviceKind[] = ['stack-gas', 'wastewater'];
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The latest value of one device's metric and when it was read (epoch ms). */
export interface TimedValue {
  readonly ts: number;
  readonly value: number;
}

/** 00:00 Asia/Shanghai (UTC+8, no daylight saving) of the day `now` falls in. */
export function startOfShanghaiDay(now: number): number {
  return Math.floor((now + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Whether a reading at `lastTs` still counts as current for a device reporting every `intervalS` seconds. */
export function isFresh(lastTs: number | undefined, intervalS: number, now: number): boolean {
  return lastTs !== undefined && now - lastTs < ONLINE_INTERVALS * intervalS * 1000;
}

/** How far back a telemetry query must look to see every device's freshest reading. */
export function freshnessWindowMs(devices: readonly WallDeviceRecord[]): number {
  const longest = Math.max(60, ...devices.map((d) => d.expectedIntervalS));
  return ONLINE_INTERVALS * longest * 1000;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const powerMeters = (devices: readonly WallDeviceRecord[]) => devices.filter((d) => d.kind === 'power-meter');

/** Total load now: the sum of the latest `kw` of every enabled power meter whose latest `kw` is fresh. */
export function totalLoad(
  devices: readonly WallDeviceRecord[],
  lastKw: ReadonlyMap<string, TimedValue>,
  now: number,
): { kw: number; reporting: number; meters: number } {
  const meters = powerMeters(devices);
  const fresh = meters.flatMap((d) => {
    const last = lastKw.get(d.id);
    return last && isFresh(last.ts, d.expectedIntervalS, now) ? [last.value] : [];
  });
  return { kw: round3(fresh.reduce((a, b) => a + b, 0)), reporting: fresh.length, meters: meters.length };
}

/** Today's energy: per enabled power meter, max − min of its cumulative `kwh` since 00:00 park time, summed. */
export function energyToday(
  devices: readonly WallDeviceRecord[],
  kwhSpread: ReadonlyMap<string, number>,
): { kwh: number; meters: number } {
  const spreads = powerMeters(devices).flatMap((d) => {
    const spread = kwhSpread.get(d.id);
    return spread === undefined ? [] : [spread];
  });
  return { kwh: round3(spreads.reduce((a, b) => a + b, 0)), meters: spreads.length };
}

/** Devices online: enabled devices whose latest reading (any metric) is fresh, of all enabled devices. */
export function devicesOnline(
  devices: readonly WallDeviceRecord[],
  lastSeen: ReadonlyMap<string, number>,
  now: number,
): { online: number; total: number } {
  const online = devices.filter((d) => isFresh(lastSeen.get(d.id), d.expectedIntervalS, now)).length;
  return { online, total: devices.length };
}

/** Whether an unresolved alert is an emission exceedance of this device: on it, about one of its kind's metrics. */
function isEmissionAlertOf(alert: WallAlertRecord, device: WallDeviceRecord): boolean {
  if (alert.deviceId !== device.id) return false;
  const metrics = DEVICE_KINDS[device.kind as DeviceKind]?.metrics ?? {};
  return Object.prototype.hasOwnProperty.call(metrics, alert.metric);
}

/**
 * The pollutants a discharge permit limits, per emission kind: what the built-in compliance rules judge against the
 * permit (hourly-mean emission for flue gas; hourly and daily means for wastewater — docs/rules.md).
 */
export const PERMIT_POLLUTANTS: Readonly<Record<string, readonly string[]>> = {
  'stack-gas': ['so2', 'nox', 'pm'],
  wastewater: ['cod', 'nh3n', 'tp', 'tn'],
};

/**
 * Emission compliance (排放达标率), over the outlets actually judged. An enabled emission device (stack-gas,
 * wastewater) is judged when it has an unresolved alert about one of its measured metrics (it was judged, and
 * failed), or when a permit limit (its own or its enterprise's) covers one of its kind's permit pollutants and its
 * latest reading is fresh. Any other outlet — no permit limit to judge against, or no data — is counted as not
 * judged, never as compliant. The rate is compliant / judged; null when nothing is judged.
 */
export function emissionCompliance(
  devices: readonly WallDeviceRecord[],
  alerts: readonly WallAlertRecord[],
  lastSeen: ReadonlyMap<string, number>,
  now: number,
): { compliant: number; judged: number; notJudged: number; total: number; ratePercent: number | null } {
  const emitters = devices.filter((d) => (EMISSION_KINDS as readonly string[]).includes(d.kind));
  let compliant = 0;
  let judged = 0;
  for (const d of emitters) {
    if (alerts.some((a) => isEmissionAlertOf(a, d))) {
      judged += 1;
      continue;
    }
    const limited = (PERMIT_POLLUTANTS[d.kind] ?? []).some((m) => d.permitMetrics?.includes(m));
    if (limited && isFresh(lastSeen.get(d.id), d.expectedIntervalS, now)) {
      judged += 1;
      compliant += 1;
    }
  }
  return {
    compliant,
    judged,
    notJudged: emitters.length - judged,
    total: emitters.length,
    ratePercent: judged === 0 ? null : Math.round((compliant / judged) * 1000) / 10,
  };
}

/** Unresolved alerts (open or acknowledged) counted by severity. */
export function alertsBySeverity(alerts: readonly WallAlertRecord[]): SeverityCounts {
  const counts: SeverityCounts = { info: 0, warning: 0, critical: 0, total: 0 };
  for (const a of alerts) {
    if ((ALERT_SEVERITIES as readonly string[]).includes(a.severity))
      counts[a.severity as AlertSeverity] += 1;
    counts.total += 1;
  }
  return counts;
}

/** The worst severity among the alerts, or null when there are none. */
export function worstSeverity(alerts: readonly WallAlertRecord[]): AlertSeverity | null {
  let worst = -1;
  for (const a of alerts) worst = Math.max(worst, ALERT_SEVERITIES.indexOf(a.severity as AlertSeverity));
  return worst < 0 ? null : ALERT_SEVERITIES[worst];
}

/** The mean of a geometry's outer-ring vertices (closing vertex excluded): where a parcel's markers go. */
export function geometryCentre(geometry: ParcelGeometry): [number, number] {
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as number[][][][];
  const vertices = polygons.flatMap((polygon) => polygon[0].slice(0, -1));
  const lon = vertices.reduce((s, p) => s + p[0], 0) / vertices.length;
  const lat = vertices.reduce((s, p) => s + p[1], 0) / vertices.length;
  return [lon, lat];
}

/** Parcels coloured by their enterprise's alerts, and a marker for each device of an enterprise on a parcel. */
export function parkMap(
  parcels: readonly WallParcelRecord[],
  devices: readonly WallDeviceRecord[],
  alerts: readonly WallAlertRecord[],
  lastSeen: ReadonlyMap<string, number>,
  now: number,
): { parcels: { type: 'FeatureCollection'; features: WallParcelFeature[] }; devices: WallDeviceMarker[] } {
  const features: WallParcelFeature[] = parcels.map((p) => ({
    type: 'Feature',
    id: p.id,
    geometry: p.geometry,
    properties: {
      code: p.code,
      name: p.name,
      enterpriseId: p.enterpriseId,
      worstSeverity:
        p.enterpriseId === null
          ? null
          : worstSeverity(alerts.filter((a) => a.enterpriseId === p.enterpriseId)),
    },
  }));
  const parcelOf = new Map<string, WallParcelRecord>();
  for (const p of parcels)
    if (p.enterpriseId && !parcelOf.has(p.enterpriseId)) parcelOf.set(p.enterpriseId, p);
  const markers = devices.flatMap((d): WallDeviceMarker[] => {
    const parcel = parcelOf.get(d.enterpriseId);
    if (!parcel) return [];
    return [
      {
        id: d.id,
        name: d.name,
        kind: d.kind,
        online: isFresh(lastSeen.get(d.id), d.expectedIntervalS, now),
        worstSeverity: worstSeverity(alerts.filter((a) => a.deviceId === d.id)),
        parcelId: parcel.id,
        position: geometryCentre(parcel.geometry),
      },
    ];
  });
  return { parcels: { type: 'FeatureCollection', features }, devices: markers };
}
