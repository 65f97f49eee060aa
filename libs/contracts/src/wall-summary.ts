/**
 * The answer of `GET /api/wall/summary` (apps/api/src/wall): what the 数据大屏 shows, as the api computes it and
 * the web app draws it. Times are epoch ms; docs/web.md says how each figure is computed.
 */
import type { AlertSeverity } from './alerts';

/** A GeoJSON Polygon or MultiPolygon (RFC 7946), WGS 84 longitude/latitude. */
export interface WallGeometry {
  readonly type: 'Polygon' | 'MultiPolygon';
  readonly coordinates: number[][][] | number[][][][];
}

export interface WallParcelFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: WallGeometry;
  readonly properties: {
    readonly code: string;
    readonly name: string;
    readonly enterpriseId: string | null;
    /** Worst severity of the unresolved alerts of the parcel's enterprise; null: none. */
    readonly worstSeverity: AlertSeverity | null;
  };
}

export interface WallDeviceMarker {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly online: boolean;
  readonly worstSeverity: AlertSeverity | null;
  /** The parcel the marker sits on: the first (by code) of the device's enterprise's parcels. */
  readonly parcelId: string;
  /** Devices have no coordinates of their own: the centre of that parcel, [longitude, latitude]. */
  readonly position: readonly [number, number];
}

export type SeverityCounts = Record<AlertSeverity, number> & { total: number };

export interface WallSummary {
  readonly generatedAt: number;
  /** 00:00 Asia/Shanghai today: the start of `energyToday`. */
  readonly dayStart: number;
  readonly load: { readonly kw: number; readonly reporting: number; readonly meters: number };
  readonly energyToday: { readonly kwh: number; readonly meters: number };
  readonly devices: { readonly online: number; readonly total: number };
  /**
   * 排放达标率 over the outlets actually judged (docs/web.md, "Wall display"): `compliant` of `judged`; `notJudged`
   * outlets (no permit limit, or no fresh data) are counted apart, never as compliant. `total` = judged + notJudged.
   */
  readonly emission: {
    readonly compliant: number;
    readonly judged: number;
    readonly notJudged: number;
    readonly total: number;
    readonly ratePercent: number | null;
  };
  readonly openAlerts: SeverityCounts;
  readonly map: {
    readonly parcels: { readonly type: 'FeatureCollection'; readonly features: WallParcelFeature[] };
    readonly devices: WallDeviceMarker[];
  };
}
