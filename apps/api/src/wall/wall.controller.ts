import { Controller, Get } from '@nestjs/common';
import { Roles } from '../auth/auth.decorators';
import type { WallSummary } from '@park/contracts';
import { WallService } from './wall.service';

/** The wall display's (数据大屏) live summary: park-wide roles only. */
@Controller('api/wall')
export class WallController {
  constructor(private readonly wall: WallService) {}

  @Roles('admin', 'officer', 'operator')
  @Get('summary')
  summary(): Promise<WallSummary> {
    return this.wall.summary();
  }
}
