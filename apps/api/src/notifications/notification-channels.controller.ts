import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { NotificationChannelView, NotificationTestResult } from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationChannelDto } from './notifications.dto';

/** Notification channels (通知渠道: 企业微信, 钉钉, 飞书, e-mail, SMS), admin only: their settings hold secrets. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notification-channels')
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Roles('admin')
  @Get()
  @ApiView('NotificationChannelList')
  list(): Promise<NotificationChannelView[]> {
    return this.channels.list();
  }

  @Roles('admin')
  @Get(':id')
  @ApiView('NotificationChannel')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<NotificationChannelView> {
    return this.channels.get(id);
  }

  @Roles('admin')
  @Post()
  @ApiView('NotificationChannel')
  create(
    @CurrentPrincipal() p: Principal,
    @Body() body: NotificationChannelDto,
  ): Promise<NotificationChannelView> {
    return this.channels.create(p, body);
  }

  /** Replaces the settings; secrets left out, empty or still masked keep their stored value. */
  @Roles('admin')
  @Put(':id')
  @ApiView('NotificationChannel')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: NotificationChannelDto,
  ): Promise<NotificationChannelView> {
    return this.channels.update(p, id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.channels.remove(p, id);
  }

  /** 发送测试消息: sends now, waits for the provider (bounded), answers what it said; recorded as a delivery. */
  @Roles('admin')
  @Post(':id/test')
  @HttpCode(200)
  @ApiView('NotificationTestResult')
  test(@Param('id', ParseUUIDPipe) id: string): Promise<NotificationTestResult> {
    return this.channels.test(id);
  }
}
