/**
 * The land and carrier routes of the API on behalf of the signed-in user: 一地一档 (GET /api/parcels…, every role,
 * an energy manager scoped to the parcels their enterprise uses) and 产业载体 (GET /api/carriers…, park roles
 * only). Answers are typed by the API's OpenAPI document. Enterprise names come from GET /api/enterprises (scoped
 * the same way) and 亩均 grades from the analytics API (park roles only). A 401 calls `onUnauthorized` and still
 * rejects.
 */
import type { Role } from '@park/auth';
import type { Page } from '@park/contracts';
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';
import type { EvaluationRow } from '../plan/plan-api';
import type { Enterprise, RecordEvent } from '../records/records-api';

/** GET /api/carriers… and /api/analytics/… allow these (carriers.controller.ts, analytics.controller.ts). */
export const PARK_READERS: readonly Role[] = ['admin', 'officer', 'operator', 'staff'];

/** A GeoJSON Polygon or MultiPolygon (RFC 7946), WGS 84 longitude/latitude. */
export type ParcelGeometry = ApiSchemas['ParcelGeometry'];
export type Parcel = ApiSchemas['ParcelView'];
/** PATCH /api/parcels/{id} (admin): only the fields that change. */
export type ParcelUpdate = ApiSchemas['UpdateParcelDto'];
/** What the park map colours and labels by. */
export type ParcelMapProperties = ApiSchemas['ParcelMapProperties'];
export type ParcelFeature = ApiSchemas['ParcelFeature'];
export type ParcelFeatureCollection = ApiSchemas['ParcelFeatureCollection'];
/** A carrier with its occupancy as the API computes it. */
export type Carrier = ApiSchemas['CarrierView'];
export type AdmissionOutcome = ApiSchemas['AdmissionOutcome'];
/** A tenant of a carrier, with its enterprise's id, name and industry code. */
export type Tenancy = ApiSchemas['TenancyView'];
/** POST /api/carriers/{id}/tenants (admin). */
export type NewTenancy = ApiSchemas['AddTenantDto'];
/** One line of the carriers' admission list (GET /api/admission-list, park roles; PUT/DELETE admin). */
export type AdmissionEntry = ApiSchemas['AdmissionEntryView'];
export type AdmissionEntryBody = ApiSchemas['AdmissionEntryDto'];
export type TenancyEnd = ApiSchemas['EndTenancyDto'];

export interface ListQuery {
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
}

/** The largest page the records lists serve (ListQueryDto). */
const MAX_PAGE_SIZE = 500;

function listParams(query: ListQuery) {
  return { page: query.page, pageSize: query.pageSize, sort: 'code', q: query.q.trim() || undefined };
}

export class LandApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  parcels(query: ListQuery, signal?: AbortSignal): Promise<Page<Parcel>> {
    return this.call('GET', '/api/parcels', { query: listParams(query), signal });
  }

  /** The parcels built on by one carrier (ParcelListQuery `carrierId`). */
  parcelsOfCarrier(carrierId: string, signal?: AbortSignal): Promise<Page<Parcel>> {
    return this.call('GET', '/api/parcels', {
      query: { carrierId, pageSize: MAX_PAGE_SIZE, sort: 'code' },
      signal,
    });
  }

  parcelMap(signal?: AbortSignal): Promise<ParcelFeatureCollection> {
    return this.call('GET', '/api/parcels/map', { signal });
  }

  parcel(id: string, signal?: AbortSignal): Promise<Parcel> {
    return this.call('GET', '/api/parcels/{id}', { path: { id }, signal });
  }

  /** Admin only, audited by the API field by field. */
  updateParcel(id: string, body: ParcelUpdate): Promise<Parcel> {
    return this.call('PATCH', '/api/parcels/{id}', { path: { id }, body });
  }

  parcelEvents(id: string, signal?: AbortSignal): Promise<RecordEvent[]> {
    return this.call('GET', '/api/parcels/{id}/events', { path: { id }, signal });
  }

  carriers(query: ListQuery, signal?: AbortSignal): Promise<Page<Carrier>> {
    return this.call('GET', '/api/carriers', { query: listParams(query), signal });
  }

  carrier(id: string, signal?: AbortSignal): Promise<Carrier> {
    return this.call('GET', '/api/carriers/{id}', { path: { id }, signal });
  }

  tenants(carrierId: string, includeEnded: boolean, signal?: AbortSignal): Promise<Tenancy[]> {
    return this.call('GET', '/api/carriers/{id}/tenants', {
      path: { id: carrierId },
      query: { includeEnded },
      signal,
    });
  }

  /** Admin only; the API checks the admission list and audits the tenancy. */
  addTenant(carrierId: string, body: NewTenancy): Promise<Tenancy> {
    return this.call('POST', '/api/carriers/{id}/tenants', { path: { id: carrierId }, body });
  }

  endTenancy(carrierId: string, tenancyId: string, body: TenancyEnd): Promise<Tenancy> {
    return this.call('POST', '/api/carriers/{id}/tenants/{tenancyId}/end', {
      path: { id: carrierId, tenancyId },
      body,
    });
  }

  admissionList(signal?: AbortSignal): Promise<AdmissionEntry[]> {
    return this.call('GET', '/api/admission-list', { signal });
  }

  /** Creates or replaces the line for `code` (audited as 新增 or 修改). */
  putAdmission(code: string, body: AdmissionEntryBody): Promise<AdmissionEntry> {
    return this.call('PUT', '/api/admission-list/{code}', { path: { code }, body });
  }

  removeAdmission(code: string): Promise<void> {
    return this.call('DELETE', '/api/admission-list/{code}', { path: { code } });
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
      this.call('GET', '/api/enterprises', {
        query: { page, pageSize: MAX_PAGE_SIZE, sort: 'name' },
        signal,
      });
    for (const e of await this.all(list)) names.set(e.id, e.name);
    return names;
  }

  enterprise(id: string, signal?: AbortSignal): Promise<Enterprise> {
    return this.call('GET', '/api/enterprises/{id}', { path: { id }, signal });
  }

  evaluation(year: number, signal?: AbortSignal): Promise<EvaluationRow[]> {
    return this.call('GET', '/api/analytics/evaluation/enterprises', { query: { year }, signal });
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
