import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { USER_ROLES } from '@park/auth';
import { CurrentSessionId, Public, Roles } from './auth.decorators';
import type { LoginResult } from '@park/contracts';
import { AuthService } from './auth.service';
import { ApiView } from '../openapi/api-view';
import { LoginDto } from './auth.dto';

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** A failed login waits longer the more recent failures its username and address have (login-limiter.ts). */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiView('LoginResult')
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, ip);
  }

  /** Ends this session: its token is refused from now on, and its sockets are closed. */
  @Roles(...USER_ROLES)
  @Post('logout')
  @HttpCode(204)
  logout(@CurrentSessionId() sessionId: string): Promise<void> {
    return this.auth.logout(sessionId);
  }
}
