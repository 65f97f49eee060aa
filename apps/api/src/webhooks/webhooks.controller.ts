import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { Roles } from '../auth/auth.decorators';
import { UpdateWebhookDto, WebhookDto } from './webhooks.dto';
import type { WebhookDeliveryView, WebhookView } from '@park/contracts';
import { WebhooksService } from './webhooks.service';
import { ApiView } from '../openapi/api-view';

/** Outbound webhooks per severity (admin only): the rules service delivers, signed and retried. */
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Roles('admin')
  @Get()
  @ApiView('WebhookList')
  list(): Promise<WebhookView[]> {
    return this.webhooks.list();
  }

  @Roles('admin')
  @Post()
  @ApiView('Webhook')
  create(@Body() body: WebhookDto): Promise<WebhookView> {
    return this.webhooks.create(body);
  }

  /** Replaces the settings; a secret left out keeps the stored one. */
  @Roles('admin')
  @Put(':id')
  @ApiView('Webhook')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateWebhookDto): Promise<WebhookView> {
    return this.webhooks.update(id, body);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  /** The latest delivery attempts: status, attempts, last error. */
  @Roles('admin')
  @Get(':id/deliveries')
  @ApiView('WebhookDeliveryList')
  deliveries(@Param('id', ParseUUIDPipe) id: string): Promise<WebhookDeliveryView[]> {
    return this.webhooks.deliveries(id);
  }
}
