import { ApiPropertyOptional } from '@nestjs/swagger';
import { DEVICE_KIND_NAMES, DEVICE_STATES, type DeviceKind, type DeviceState } from '@park/contracts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class DeviceStateQuery {
  @ApiPropertyOptional({
    description: "an enterprise's devices only (an energy manager's are their own anyway)",
  })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({ enum: DEVICE_KIND_NAMES })
  @IsOptional()
  @IsIn(DEVICE_KIND_NAMES)
  kind?: DeviceKind;

  @ApiPropertyOptional({ enum: DEVICE_STATES })
  @IsOptional()
  @IsIn(DEVICE_STATES)
  state?: DeviceState;
}
