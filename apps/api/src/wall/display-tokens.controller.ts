import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import type { Principal } from '@park/auth';
import type { CreatedDisplayToken, DisplaySession, DisplayTokenView } from '@park/contracts';
import { CurrentPrincipal, Public, Roles } from '../auth/auth.decorators';
import { DisplayTokensService } from './display-tokens.service';
import { ApiView } from '../openapi/api-view';
import { CreateDisplayTokenDto, ExchangeDisplayTokenDto } from './display-tokens.dto';

/** Display tokens: a wall display opens with one instead of a login (admin creates, lists, revokes). */
@Controller('api/display-tokens')
export class DisplayTokensController {
  constructor(private readonly displayTokens: DisplayTokensService) {}

  /** The token is in this answer only; afterwards the API knows its hash alone. */
  @Roles('admin')
  @Post()
  @ApiView('CreatedDisplayToken')
  create(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateDisplayTokenDto,
  ): Promise<CreatedDisplayToken> {
    return this.displayTokens.create(p, body.name);
  }

  @Roles('admin')
  @Get()
  @ApiView('DisplayTokenList')
  list(): Promise<DisplayTokenView[]> {
    return this.displayTokens.list();
  }

  @Roles('admin')
  @Delete(':id')
  @ApiView('DisplayToken')
  revoke(@Param('id', ParseUUIDPipe) id: string): Promise<DisplayTokenView> {
    return this.displayTokens.revoke(id);
  }

  /** Public: the display token is the credential. Answers a short `display` session, or 401. */
  @Public()
  @Post('exchange')
  @HttpCode(200)
  @ApiView('DisplaySession')
  exchange(@Body() body: ExchangeDisplayTokenDto): Promise<DisplaySession> {
    return this.displayTokens.exchange(body.token);
  }
}
