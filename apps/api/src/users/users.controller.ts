import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { USER_ROLES, type Principal } from '@park/auth';
import type { Page } from '@park/records';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { pageRequest } from '../records-common/list-query.dto';
import { CreateUserDto, UpdateUserDto, UserListQuery } from './user.dto';
import type { SignOutResult, UserView } from '@park/contracts';
import { UsersService } from './users.service';
import { ApiView } from '../openapi/api-view';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Get()
  @ApiView('UserPage')
  list(@Query() q: UserListQuery): Promise<Page<UserView>> {
    return this.users.list({ q: q.q, role: q.role }, pageRequest(q));
  }

  /** The caller's own account. */
  @Roles(...USER_ROLES)
  @Get('me')
  @ApiView('User')
  me(@CurrentPrincipal() p: Principal): Promise<UserView> {
    return this.users.me(p);
  }

  @Roles('admin')
  @Post()
  @ApiView('User')
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateUserDto): Promise<UserView> {
    return this.users.create(p, body);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiView('User')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(p, id, body);
  }

  /** Sign out everywhere: every token of the user is refused from now on and their sockets are closed. */
  @Roles('admin')
  @Post(':id/sign-out')
  @HttpCode(200)
  @ApiView('SignOutResult')
  signOut(@Param('id', ParseUUIDPipe) id: string): Promise<SignOutResult> {
    return this.users.signOut(id);
  }
}
