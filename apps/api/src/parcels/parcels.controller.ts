import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { LandParcelEntity, Page, RecordEventEntity } from '@park/records';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { CreateEventDto } from '../enterprises/enterprise.dto';
import { pageRequest } from '../records-common/list-query.dto';
import { CreateParcelDto, ParcelListQuery, UpdateParcelDto } from './parcel.dto';
import { ParcelsService, type ParcelFeatureCollection } from './parcels.service';
import { ApiView } from '../openapi/api-view';

const READERS = ['admin', 'officer', 'operator', 'energy-manager'] as const;

@ApiTags('parcels 一地一档')
@ApiBearerAuth()
@Controller('api/parcels')
export class ParcelsController {
  constructor(private readonly parcels: ParcelsService) {}

  @Roles(...READERS)
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: ParcelListQuery): Promise<Page<LandParcelEntity>> {
    return this.parcels.list(
      p,
      { q: q.q, inefficient: q.inefficient, carrierId: q.carrierId },
      pageRequest(q),
    );
  }

  /** GeoJSON FeatureCollection of the park's parcels, for the park map. */
  @Roles(...READERS)
  @Get('map')
  @ApiView('ParcelMap')
  map(@CurrentPrincipal() p: Principal): Promise<ParcelFeatureCollection> {
    return this.parcels.map(p);
  }

  @Roles(...READERS)
  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<LandParcelEntity> {
    return this.parcels.get(p, id);
  }

  @Roles('admin')
  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateParcelDto): Promise<LandParcelEntity> {
    return this.parcels.create(p, body);
  }

  @Roles('admin')
  @Patch(':id')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateParcelDto,
  ): Promise<LandParcelEntity> {
    return this.parcels.update(p, id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.parcels.remove(p, id);
  }

  @Roles(...READERS)
  @Get(':id/events')
  events(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RecordEventEntity[]> {
    return this.parcels.events(p, id);
  }

  @Roles('admin')
  @Post(':id/events')
  addEvent(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateEventDto,
  ): Promise<RecordEventEntity> {
    return this.parcels.addEvent(p, id, body);
  }
}
