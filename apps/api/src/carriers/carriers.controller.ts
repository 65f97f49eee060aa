import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseBoolPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { AdmissionEntryView, CarrierRecordView, CarrierView, Page, TenancyView } from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { pageRequest } from '../records-common/list-query.dto';
import {
  AddTenantDto,
  AdmissionEntryDto,
  CarrierListQuery,
  CreateCarrierDto,
  EndTenancyDto,
  IndustryCodeParam,
  UpdateCarrierDto,
} from './carrier.dto';
import { CarriersService } from './carriers.service';
import { ApiView } from '../openapi/api-view';

const PARK_READERS = ['admin', 'officer', 'operator', 'staff'] as const;

@ApiTags('carriers 产业载体')
@ApiBearerAuth()
@Controller('api/carriers')
export class CarriersController {
  constructor(private readonly carriers: CarriersService) {}

  @Roles(...PARK_READERS)
  @Get()
  @ApiView('CarrierPage')
  list(@Query() q: CarrierListQuery): Promise<Page<CarrierView>> {
    return this.carriers.list({ q: q.q }, pageRequest(q));
  }

  @Roles(...PARK_READERS)
  @Get(':id')
  @ApiView('Carrier')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<CarrierView> {
    return this.carriers.get(id);
  }

  @Edits('carriers')
  @Post()
  @ApiView('CarrierRecord')
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateCarrierDto): Promise<CarrierRecordView> {
    return this.carriers.create(p, body);
  }

  @Edits('carriers')
  @Patch(':id')
  @ApiView('CarrierRecord')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCarrierDto,
  ): Promise<CarrierRecordView> {
    return this.carriers.update(p, id, body);
  }

  @Edits('carriers')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.carriers.remove(p, id);
  }

  @Roles(...PARK_READERS)
  @Get(':id/tenants')
  @ApiView('TenancyList')
  tenants(
    @Param('id', ParseUUIDPipe) id: string,
    @Query('includeEnded', new ParseBoolPipe({ optional: true })) includeEnded?: boolean,
  ): Promise<TenancyView[]> {
    return this.carriers.tenants(id, includeEnded ?? false);
  }

  /** Checked against the admission list: prohibited → 422 with the reason; restricted → needs `overrideNote`. */
  @Edits('carriers')
  @Post(':id/tenants')
  @ApiView('Tenancy')
  addTenant(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AddTenantDto,
  ): Promise<TenancyView> {
    return this.carriers.addTenant(p, id, body);
  }

  @Edits('carriers')
  @Post(':id/tenants/:tenancyId/end')
  @HttpCode(200)
  @ApiView('Tenancy')
  endTenancy(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('tenancyId', ParseUUIDPipe) tenancyId: string,
    @Body() body: EndTenancyDto,
  ): Promise<TenancyView> {
    return this.carriers.endTenancy(p, id, tenancyId, body.endDate);
  }
}

/** `:code` is read through IndustryCodeParam, a class, which the OpenAPI generator does not list: declared here. */
const CODE_PARAM = {
  name: 'code',
  description: 'GB/T 4754-2017 code of 2–4 digits (e.g. 2614)',
  schema: { type: 'string' as const, pattern: '^\\d{2,4}$' },
};

@ApiTags('carriers 产业载体')
@ApiBearerAuth()
@Controller('api/admission-list')
export class AdmissionListController {
  constructor(private readonly carriers: CarriersService) {}

  @Roles(...PARK_READERS)
  @Get()
  @ApiView('AdmissionList')
  list(): Promise<AdmissionEntryView[]> {
    return this.carriers.admissionList();
  }

  @Edits('admission')
  @Put(':code')
  @ApiParam(CODE_PARAM)
  @ApiView('AdmissionEntry')
  put(
    @CurrentPrincipal() p: Principal,
    @Param() params: IndustryCodeParam,
    @Body() body: AdmissionEntryDto,
  ): Promise<AdmissionEntryView> {
    return this.carriers.putAdmission(p, params.code, body.level, body.reason);
  }

  @Edits('admission')
  @Delete(':code')
  @ApiParam(CODE_PARAM)
  @HttpCode(204)
  remove(@CurrentPrincipal() p: Principal, @Param() params: IndustryCodeParam): Promise<void> {
    return this.carriers.removeAdmission(p, params.code);
  }
}
