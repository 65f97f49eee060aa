/**
 * The land and carrier routes of the API on behalf of the signed-in user: 一地一档 (GET /api/parcels…, every role,
 * an energy manager scoped to the parcels their enterprise uses) and 产业载体 (GET /api/carriers…, park roles
 * only). Shapes mirror libs/records (LandParcelEntity, CarrierEntity, CarrierTenancyEntity as JSON) and
 * apps/api/src/parcels|carriers (the map's FeatureCollection, CarrierView); the web app cannot import them,
 * because they are TypeORM entities. Enterprise names come from GET /api/enterprises (scoped the same way) and
 * 亩均 grades from the analytics API (park roles only). A 401 calls `onUnauthorized` and still rejects.
 */
import type { Role } from '@park/auth';
import { sessionRequest, type SessionRequest } from '../api/http';
import type { EvaluationRow } from '../plan/plan-api';
import type { Enterprise, Page, RecordEvent } from '../records/records-api';

/** GET /api/carriers… and /api/analytics/… allow these (carriers.controller.ts, analytics.controller.ts). */
export const PARK_READERS: readonly Role[] = ['admin', 'officer', 'operator'];

/** A GeoJSON Polygon or MultiPolygon (RFC 7946), WGS 84 longitude/latitude. */
export interface ParcelGeometry {
  readonly type: 'Polygon' | 'MultiPolygon';
  readonly coordinates: number[][][] | number[][][][];
}

/** One land parcel (LandParcelEntity as JSON). */
export interface Parcel {
  readonly id: string;
  /** 地块编号. */
  readonly code: string;
  readonly name: string;
  /** 亩. */
  readonly areaMu: number;
  /** 用地性质 as stored, e.g. 工业用地. */
  readonly landUse: string;
  /** 权属人 as written on the certificate. */
  readonly owner: string | null;
  readonly enterpriseId: string | null;
  readonly carrierId: string | null;
  /** 低效用地. */
  readonly inefficient: boolean;
  readonly revitalizedYear: number | null;
  readonly geometry: ParcelGeometry | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the park map colours and labels by (ParcelsService.map properties). */
export interface ParcelMapProperties {
  readonly code: string;
  readonly name: string;
  readonly areaMu: number;
  readonly landUse: string;
  readonly enterpriseId: string | null;
  readonly carrierId: string | null;
  readonly inefficient: boolean;
  readonly revitalizedYear: number | null;
}

export interface ParcelFeature {
  readonly type: 'Feature';
  readonly id: string;
  readonly geometry: ParcelGeometry;
  readonly properties: ParcelMapProperties;
}

export interface ParcelFeatureCollection {
  readonly type: 'FeatureCollection';
  readonly features: readonly ParcelFeature[];
}

/** A carrier with its occupancy as the API computes it (CarrierView). */
export interface Carrier {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  /** 可租赁产业空间, m². */
  readonly floorAreaM2: number;
  /** 运营主体. */
  readonly operator: string | null;
  readonly address: string | null;
  readonly updatedAt: string;
  /** Sum of current tenancies, m². */
  readonly leasedAreaM2: number;
  /** leased / floor area, %, one decimal. */
  readonly occupancy: number;
  readonly tenantCount: number;
}

export type AdmissionOutcome = 'encouraged' | 'restricted' | 'unlisted';

/** A tenant of a carrier (CarrierTenancyEntity with its enterprise). */
export interface Tenancy {
  readonly id: string;
  readonly carrierId: string;
  readonly enterpriseId: string;
  readonly enterprise?: Pick<Enterprise, 'id' | 'name' | 'industryCode'> | null;
  /** Leased floor area, m². */
  readonly areaM2: number;
  /** `YYYY-MM-DD`. */
  readonly startDate: string;
  /** null: still there. */
  readonly endDate: string | null;
  readonly admission: AdmissionOutcome;
  readonly overrideNote: string | null;
}

export interface ListQuery {
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
}

/** The largest page the records lists serve (ListQueryDto). */
const MAX_PAGE_SIZE = 500;

function listParams(query: ListQuery): string {
  const params = new URLSearchParams({
    page: String(query.page),
    pageSize: String(query.pageSize),
    sort: 'code',
  });
  if (query.q.trim()) params.set('q', query.q.trim());
  return params.toString();
}

export class LandApi {
  private readonly request: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.request = sessionRequest(token, onUnauthorized);
  }

  private get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, undefined, signal);
  }

  parcels(query: ListQuery, signal?: AbortSignal): Promise<Page<Parcel>> {
    return this.get(`/api/parcels?${listParams(query)}`, signal);
  }

  /** The parcels built on by one carrier (ParcelListQuery `carrierId`). */
  parcelsOfCarrier(carrierId: string, signal?: AbortSignal): Promise<Page<Parcel>> {
    return this.get(
      `/api/parcels?carrierId=${encodeURIComponent(carrierId)}&pageSize=${MAX_PAGE_SIZE}&sort=code`,
      signal,
    );
  }

  parcelMap(signal?: AbortSignal): Promise<ParcelFeatureCollection> {
    return this.get('/api/parcels/map', signal);
  }

  parcel(id: string, signal?: AbortSignal): Promise<Parcel> {
    return this.get(`/api/parcels/${encodeURIComponent(id)}`, signal);
  }

  parcelEvents(id: string, signal?: AbortSignal): Promise<RecordEvent[]> {
    return this.get(`/api/parcels/${encodeURIComponent(id)}/events`, signal);
  }

  carriers(query: ListQuery, signal?: AbortSignal): Promise<Page<Carrier>> {
    return this.get(`/api/carriers?${listParams(query)}`, signal);
  }

  carrier(id: string, signal?: AbortSignal): Promise<Carrier> {
    return this.get(`/api/carriers/${encodeURIComponent(id)}`, signal);
  }

  tenants(carrierId: string, includeEnded: boolean, signal?: AbortSignal): Promise<Tenancy[]> {
    return this.get(
      `/api/carriers/${encodeURIComponent(carrierId)}/tenants?includeEnded=${String(includeEnded)}`,
      signal,
    );
  }

  /** Every carrier's name by id (park roles only). */
  async carrierNames(signal?: AbortSignal): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const c of await this.all((page) => this.carriers({ q: '', page, pageSize: MAX_PAGE_SIZE }, signal)))
      names.set(c.id, c.name);
    return names;
  }

  /** The name of every enterprise the user may see, by id (GET /api/enterprises is scoped like the parcels). */
  async enterpriseNames(signal?: AbortSignal): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const list = (page: number) =>
      this.get<Page<Enterprise>>(`/api/enterprises?page=${page}&pageSize=${MAX_PAGE_SIZE}&sort=name`, signal);
    for (const e of await this.all(list)) names.set(e.id, e.name);
    return names;
  }

  enterprise(id: string, signal?: AbortSignal): Promise<Enterprise> {
    return this.get(`/api/enterprises/${encodeURIComponent(id)}`, signal);
  }

  evaluation(year: number, signal?: AbortSignal): Promise<EvaluationRow[]> {
    return this.get(`/api/analytics/evaluation/enterprises?year=${year}`, signal);
  }

  private async all<T>(load: (page: number) => Promise<Page<T>>): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page++) {
      const result = await load(page);
      items.push(...result.items);
      if (result.items.length === 0 || items.length >= result.total) return items;
    }
  }
}
