import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import { Public } from './auth.decorators';
import { AuthService, type LoginResult } from './auth.service';

export class LoginDto {
  @IsString()
  @Length(1, 64)
  username!: string;

  @IsString()
  @Length(1, 256)
  password!: string;
}

@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, ip);
  }
}
