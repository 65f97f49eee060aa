import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { AlertEvent, AlertLinkView } from '@park/contracts';
import { ResolveAlertDto } from '../alerts/alerts.dto';
import { AlertLinkAccess, CurrentAlertLink } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { AlertLinksService, type AlertLinkHolder } from './alert-links.service';

/**
 * The phone page of a notification message (/m/alert?t=…): one alert, opened, acknowledged and resolved with the
 * signed link alone — no login. Each route is @AlertLinkAccess(): the AuthGuard checks `:token` and refuses an
 * expired, altered or cut link with its own code (docs/security-auth.md, "The signed alert link").
 */
@ApiParam({
  name: 'token',
  type: 'string',
  description: 'the signed alert link from a notification message (the `t` of /m/alert?t=…)',
})
@Controller('api/alert-links')
export class AlertLinksController {
  constructor(private readonly links: AlertLinksService) {}

  @AlertLinkAccess()
  @Get(':token')
  @ApiView('AlertLink')
  view(@CurrentAlertLink() link: AlertLinkHolder): Promise<AlertLinkView> {
    return this.links.view(link);
  }

  @AlertLinkAccess()
  @Post(':token/acknowledge')
  @HttpCode(200)
  @ApiView('AlertEvent')
  acknowledge(@CurrentAlertLink() link: AlertLinkHolder): Promise<AlertEvent> {
    return this.links.acknowledge(link);
  }

  @AlertLinkAccess()
  @Post(':token/resolve')
  @HttpCode(200)
  @ApiView('AlertEvent')
  resolve(@CurrentAlertLink() link: AlertLinkHolder, @Body() body: ResolveAlertDto): Promise<AlertEvent> {
    return this.links.resolve(link, body.note);
  }
}
