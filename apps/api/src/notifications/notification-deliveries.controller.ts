import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NotificationDeliveryView, Page } from '@park/contracts';
import { Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDeliveryQuery } from './notifications.dto';

/** What was sent to whom through which channel, and what the provider answered: admins and officers. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/notification-deliveries')
export class NotificationDeliveriesController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Roles('admin', 'officer')
  @Get()
  @ApiView('NotificationDeliveryPage')
  list(@Query() q: NotificationDeliveryQuery): Promise<Page<NotificationDeliveryView>> {
    return this.channels.deliveries(
      { channelId: q.channel, status: q.status, alertId: q.alert },
      { page: q.page ?? 1, pageSize: q.pageSize ?? 50 },
    );
  }
}
