import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { Page } from '@park/records';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { pageRequest } from '../records-common/list-query.dto';
import { CreateDeviceDto, DeviceListQuery, UpdateDeviceDto } from './device.dto';
import type { DeviceView, DeviceWithCredentials } from '@park/contracts';
import { DevicesService } from './devices.service';
import { ApiView } from '../openapi/api-view';

const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

@ApiTags('devices')
@ApiBearerAuth()
@Controller('api/devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Roles(...READERS)
  @Get()
  @ApiView('DevicePage')
  list(@CurrentPrincipal() p: Principal, @Query() q: DeviceListQuery): Promise<Page<DeviceView>> {
    return this.devices.list(p, { q: q.q, kind: q.kind, enabled: q.enabled }, pageRequest(q));
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiView('Device')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<DeviceView> {
    return this.devices.get(p, id);
  }

  /** Provisions a device; the response carries its MQTT password, which is never shown again. */
  @Edits('devices')
  @Post()
  @ApiView('DeviceWithCredentials')
  provision(@CurrentPrincipal() p: Principal, @Body() body: CreateDeviceDto): Promise<DeviceWithCredentials> {
    return this.devices.provision(p, body);
  }

  @Edits('devices')
  @Patch(':id')
  @ApiView('Device')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: UpdateDeviceDto,
  ): Promise<DeviceView> {
    return this.devices.update(p, id, body);
  }

  /** Issues a new MQTT password (shown once); the old one stops working when the broker files are regenerated. */
  @Roles('admin')
  @Post(':id/credentials')
  @HttpCode(200)
  @ApiView('DeviceWithCredentials')
  rotate(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<DeviceWithCredentials> {
    return this.devices.rotateCredentials(p, id);
  }

  @Edits('devices')
  @Post(':id/disable')
  @HttpCode(200)
  @ApiView('Device')
  disable(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<DeviceView> {
    return this.devices.setEnabled(p, id, false);
  }

  @Edits('devices')
  @Post(':id/enable')
  @HttpCode(200)
  @ApiView('Device')
  enable(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<DeviceView> {
    return this.devices.setEnabled(p, id, true);
  }
}
