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
import type { Page, ParcelFeatureCollection, ParcelView, RecordEventView } from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { CreateEventDto } from '../enterprises/enterprise.dto';
import { pageRequest } from '../records-common/list-query.dto';
import { CreateParcelDto, ParcelListQuery, UpdateParcelDto } from './parcel.dto';
import { ParcelsService } from './parcels.service';
import { ApiView } from '../openapi/api-view';

const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

@ApiTags('parcels 一地一档')
@ApiBearerAuth()
@Controller('api/parcels')
export class ParcelsController {
  constructor(private readonly parcels: ParcelsService) {}

  @Roles(...READERS)
  @Get()
  @ApiView('ParcelPage')
  list(@CurrentPrincipal() p: Principal, @Query() q: ParcelListQuery): Promise<Page<ParcelView>> {
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
  @ApiView('Parcel')
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ParcelView> {
    return this.parcels.get(p, id);
  }

  @Edits('parcels')
  @Post()
  @ApiView('Parcel')
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateParcelDto): Promise<ParcelView> {
    return this.parcels.create(p, body);
  }

  @Edits('parcels')
  @Patch(':id')
  @ApiView('Parcel')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateParcelDto,
  ): Promise<ParcelView> {
    return this.parcels.update(p, id, body);
  }

  @Edits('parcels')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.parcels.remove(p, id);
  }

  @Roles(...READERS)
  @Get(':id/events')
  @ApiView('RecordEventList')
  events(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RecordEventView[]> {
    return this.parcels.events(p, id);
  }

  @Edits('events')
  @Post(':id/events')
  @ApiView('RecordEvent')
  addEvent(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateEventDto,
  ): Promise<RecordEventView> {
    return this.parcels.addEvent(p, id, body);
  }
}
