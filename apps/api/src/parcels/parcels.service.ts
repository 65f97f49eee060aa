import { Injectable } from '@nestjs/common';
import { enterpriseScope, type Principal } from '@park/auth';
import {
  CarrierRecords,
  EnterpriseRecords,
  LandRecords,
  type LandParcelEntity,
  type PageRequest,
  type ParcelFilter,
} from '@park/records';
import type {
  Page,
  ParcelFeature,
  ParcelFeatureCollection,
  ParcelView,
  RecordEventView,
} from '@park/contracts';
import { assertInScope } from '../records-common/actor';
import { pageView, parcelView, recordEventView } from '../records-common/record-views';
import type { CreateEventDto } from '../enterprises/enterprise.dto';
import type { CreateParcelDto, UpdateParcelDto } from './parcel.dto';

/** 一地一档 on behalf of a principal: an energy manager sees only the parcels their enterprise uses. */
@Injectable()
export class ParcelsService {
  constructor(
    private readonly land: LandRecords,
    private readonly enterprises: EnterpriseRecords,
    private readonly carriers: CarrierRecords,
  ) {}

  async list(principal: Principal, filter: ParcelFilter, page: PageRequest): Promise<Page<ParcelView>> {
    const found = await this.land.list({ ...filter, enterpriseId: enterpriseScope(principal) }, page);
    return pageView(found, parcelView);
  }

  async get(principal: Principal, id: string): Promise<ParcelView> {
    const parcel = await this.land.store.get(id);
    assertInScope(principal, 'parcel', id, parcel.enterpriseId);
    return parcelView(parcel);
  }

  /** The park map: every parcel as a GeoJSON feature with what the map colours by. */
  async map(principal: Principal): Promise<ParcelFeatureCollection> {
    const parcels = await this.land.all({ enterpriseId: enterpriseScope(principal) });
    return {
      type: 'FeatureCollection',
      features: parcels
        .filter((p): p is LandParcelEntity & Pick<ParcelFeature, 'geometry'> => p.geometry !== null)
        .map((p) => ({
          type: 'Feature',
          id: p.id,
          geometry: p.geometry,
          properties: {
            code: p.code,
            name: p.name,
            areaMu: p.areaMu,
            landUse: p.landUse,
            enterpriseId: p.enterpriseId,
            carrierId: p.carrierId,
            inefficient: p.inefficient,
            revitalizedYear: p.revitalizedYear,
          },
        })),
    };
  }

  async create(principal: Principal, dto: CreateParcelDto): Promise<ParcelView> {
    await this.checkLinks(dto);
    return parcelView(await this.land.store.create(principal, dto));
  }

  async update(principal: Principal, id: string, dto: UpdateParcelDto): Promise<ParcelView> {
    await this.land.store.get(id);
    await this.checkLinks(dto);
    return parcelView(await this.land.store.update(principal, id, dto));
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.land.store.softDelete(principal, id);
  }

  async events(principal: Principal, id: string): Promise<RecordEventView[]> {
    await this.get(principal, id);
    return (await this.enterprises.events('parcel', id)).map(recordEventView);
  }

  async addEvent(principal: Principal, id: string, dto: CreateEventDto): Promise<RecordEventView> {
    const parcel = await this.land.store.get(id);
    const event = await this.enterprises.addEvent(principal, {
      subjectType: 'parcel',
      subjectId: id,
      enterpriseId: parcel.enterpriseId,
      type: dto.type,
      occurredOn: dto.occurredOn,
      summary: dto.summary,
      details: dto.details ?? {},
    });
    return recordEventView({ event, documents: [] });
  }

  private async checkLinks(dto: UpdateParcelDto): Promise<void> {
    if (dto.enterpriseId) await this.enterprises.requireLive(dto.enterpriseId);
    if (dto.carrierId) await this.carriers.store.get(dto.carrierId);
  }
}
