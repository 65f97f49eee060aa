import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { DeviceStateView } from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { DeviceStateQuery } from './device-states.dto';
import { DeviceStatesService } from './device-states.service';

const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

@ApiTags('devices')
@ApiBearerAuth()
@Controller('api/device-states')
export class DeviceStatesController {
  constructor(private readonly states: DeviceStatesService) {}

  @Roles(...READERS)
  @Get()
  @ApiOperation({
    summary: 'Each device: online or offline, last reading, newest value per metric with unit and quality',
    description:
      'Online while the newest reading is younger than 3 × the expected interval (as the wall counts). Looks back 7 days. An energy manager sees only their own enterprise’s devices.',
  })
  @ApiView('DeviceStateList')
  list(@CurrentPrincipal() p: Principal, @Query() q: DeviceStateQuery): Promise<DeviceStateView[]> {
    return this.states.list(p, q);
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiOperation({
    summary: "One device's state; another enterprise's device answers 404 to an energy manager",
  })
  @ApiView('DeviceState')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<DeviceStateView> {
    return this.states.get(p, id);
  }
}
