/**
 * The wall display's pure logic (no DOM): the summary's shape as the API answers it (apps/api/src/wall), the
 * park map's projection into an SVG box, the staleness rule, the alert ticker's list and when to renew a
 * display session. wall-model.spec.ts covers each.
 */
import type {
  AlertEvent,
  AlertSeverity,
  AlertView,
  WallDeviceMarker,
  WallGeometry,
  WallParcelFeature,
  WallSummary,
} from '@park/contracts';

export type { WallDeviceMarker, WallParcelFeature, WallSummary };

/** The data counts as stale this long after the last successful refresh (three missed 15 s refreshes). */
export const STALE_AFTER_MS = 45_000;
export const SUMMARY_REFRESH_MS = 15_000;
export const TICKER_LENGTH = 20;

export interface ProjectedParcel {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly worstSeverity: AlertSeverity | null;
  /** SVG path data, one closed sub-path per ring. */
  readonly path: string;
  readonly label: readonly [number, number];
}

export interface ProjectedMarker {
  readonly marker: WallDeviceMarker;
  readonly x: number;
  readonly y: number;
}

function polygonsOf(geometry: WallGeometry): number[][][][] {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][];
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Projects the parcels (WGS 84) linearly into a `width` × `height` box with `padding`, north up, keeping the
 * aspect: a degree of longitude is cos(mean latitude) of a degree of latitude (fine over a park's few km).
 * Markers sharing a parcel sit on a small circle around its centre so none hides another.
 */
export function projectMap(
  features: readonly WallParcelFeature[],
  markers: readonly WallDeviceMarker[],
  width: number,
  height: number,
  padding = 20,
): { parcels: ProjectedParcel[]; markers: ProjectedMarker[] } {
  const points = features.flatMap((f) => polygonsOf(f.geometry).flat(2));
  if (points.length === 0) return { parcels: [], markers: [] };
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [minLon, maxLon, minLat, maxLat] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * kx, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const project = (lon: number, lat: number): [number, number] => [
    round1(offsetX + (lon - minLon) * kx * scale),
    round1(offsetY + (maxLat - lat) * scale),
  ];

  const parcels = features.map((f): ProjectedParcel => {
    const polygons = polygonsOf(f.geometry);
    const path = polygons
      .flatMap((rings) =>
        rings.map((ring) => {
          const [first, ...rest] = ring.map(([lon, lat]) => project(lon, lat));
          return `M${first[0]} ${first[1]}${rest.map(([x, y]) => `L${x} ${y}`).join('')}Z`;
        }),
      )
      .join('');
    const outer = polygons[0][0].slice(0, -1);
    const centre = project(
      outer.reduce((s, p) => s + p[0], 0) / outer.length,
      outer.reduce((s, p) => s + p[1], 0) / outer.length,
    );
    return {
      id: f.id,
      name: f.properties.name,
      code: f.properties.code,
      worstSeverity: f.properties.worstSeverity,
      path,
      label: centre,
    };
  });

  const byParcel = new Map<string, WallDeviceMarker[]>();
  for (const m of markers) byParcel.set(m.parcelId, [...(byParcel.get(m.parcelId) ?? []), m]);
  const projected = [...byParcel.values()].flatMap((group) =>
    group.map((marker, i): ProjectedMarker => {
      const [x, y] = project(marker.position[0], marker.position[1]);
      if (group.length === 1) return { marker, x, y };
      const angle = (2 * Math.PI * i) / group.length;
      return { marker, x: round1(x + 12 * Math.cos(angle)), y: round1(y + 12 * Math.sin(angle)) };
    }),
  );
  return { parcels, markers: projected };
}

export type SocketState = 'connecting' | 'live' | 'down';

/**
 * Stale when the last successful refresh is older than STALE_AFTER_MS (or, before the first, when the screen has
 * waited that long), or when the live alert connection is down. `since`: the last good data, null if none yet.
 */
export function staleness(input: {
  readonly now: number;
  readonly startedAt: number;
  readonly lastOkAt: number | null;
  readonly socket: SocketState;
}): { stale: boolean; since: number | null } {
  const reference = input.lastOkAt ?? input.startedAt;
  const stale = input.socket === 'down' || input.now - reference > STALE_AFTER_MS;
  return { stale, since: input.lastOkAt };
}

/** The ticker: the newest alerts first, an alert shown once in its latest state, at most TICKER_LENGTH. */
export function tickerWith(current: readonly AlertView[], event: AlertEvent): AlertView[] {
  const others = current.filter((a) => a.id !== event.alert.id);
  return [event.alert, ...others].sort((a, b) => b.lastSeenAt - a.lastSeenAt).slice(0, TICKER_LENGTH);
}

/** Devices' online/offline as the socket's `device-status` events said since it last (re)connected. */
export type LiveStatus = ReadonlyMap<string, 'online' | 'offline'>;

/**
 * The summary with the live device status on top: a marker turns grey (or back) the moment ingestion's liveness
 * says so, and the online count moves with it, instead of at the next 15 s refresh — and a later refresh, which
 * judges by the age of the last reading, does not undo a device's last will. The screen clears the live status
 * on every (re)connection, when events may have been missed, so the summary is the authority again until the
 * next event. Only devices on the map move the count; one without a parcel is counted at the next refresh.
 */
export function withLiveStatus(summary: WallSummary, live: LiveStatus): WallSummary {
  let changed = 0;
  let delta = 0;
  const devices = summary.map.devices.map((marker) => {
    const status = live.get(marker.id);
    if (status === undefined || (status === 'online') === marker.online) return marker;
    changed++;
    delta += status === 'online' ? 1 : -1;
    return { ...marker, online: status === 'online' };
  });
  if (changed === 0) return summary;
  const online = Math.min(summary.devices.total, Math.max(0, summary.devices.online + delta));
  return { ...summary, devices: { ...summary.devices, online }, map: { ...summary.map, devices } };
}

/** When to trade the display token again: two minutes before the session ends (halfway through a shorter one). */
export function renewDelayMs(expiresAt: number, now: number): number {
  const left = expiresAt - now;
  return Math.max(5_000, Math.max(left - 120_000, left / 2));
}

/** A gauge's sweep: the share of the target reached, capped to a full circle (the label shows the real %). */
export function gaugeFraction(progressPercent: number | null): number {
  if (progressPercent === null || !Number.isFinite(progressPercent)) return 0;
  return Math.min(1, Math.max(0, progressPercent / 100));
}
