import { Injectable } from '@nestjs/common';
import { hashSecret, type Principal, type Role } from '@park/auth';
import {
  EnterpriseRecords,
  RecordsError,
  UserAdmin,
  type Page,
  type PageRequest,
  type UserEntity,
} from '@park/records';
import type { UserView } from '@park/contracts';
import { SessionRegistry } from '../auth/session-registry';
import type { CreateUserDto, UpdateUserDto } from './user.dto';

function view(u: UserEntity): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    enterpriseId: u.enterpriseId,
    disabled: u.disabled,
    createdAt: new Date(u.createdAt).toISOString(),
    updatedAt: new Date(u.updatedAt).toISOString(),
  };
}

/**
 * Users and roles (DESIGN.md Roles). Passwords are scrypt-hashed; an energy manager is bound to one enterprise.
 * Disabling a user, or giving them a new password, role or enterprise, ends every session they have at once.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UserAdmin,
    private readonly enterprises: EnterpriseRecords,
    private readonly sessions: SessionRegistry,
  ) {}

  async list(filter: { q?: string; role?: string }, page: PageRequest): Promise<Page<UserView>> {
    const result = await this.users.list(filter, page);
    return { ...result, items: result.items.map(view) };
  }

  async me(principal: Principal): Promise<UserView> {
    const user = await this.users.find(principal.userId);
    if (!user) throw new RecordsError('RECORD_NOT_FOUND', 'user not found', { entity: 'user' });
    return view(user);
  }

  async create(principal: Principal, dto: CreateUserDto): Promise<UserView> {
    const enterpriseId = await this.bindingFor(dto.role, dto.enterpriseId ?? null);
    const { password, ...rest } = dto;
    const user = await this.users.create(principal, {
      ...rest,
      enterpriseId,
      disabled: dto.disabled ?? false,
      passwordHash: await hashSecret(password),
    });
    return view(user);
  }

  async update(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    const user = await this.users.find(id);
    if (!user) throw new RecordsError('RECORD_NOT_FOUND', `user ${id} not found`, { entity: 'user', id });
    const role = (dto.role ?? user.role) as Role;
    const enterpriseId = await this.bindingFor(
      role,
      dto.enterpriseId !== undefined ? dto.enterpriseId : user.enterpriseId,
    );
    if (id === principal.userId && (dto.disabled || (dto.role && dto.role !== 'admin')))
      throw new RecordsError(
        'INVALID_RECORD',
        'an administrator cannot disable or demote their own account',
        {
          field: dto.disabled ? 'disabled' : 'role',
        },
      );
    const { password, ...rest } = dto;
    const updated = await this.users.update(principal, id, {
      ...rest,
      enterpriseId,
      ...(password ? { passwordHash: await hashSecret(password) } : {}),
    });
    // Tokens name a role and an enterprise, and were got with the old password: none of them may outlive these.
    const endsSessions =
      (dto.disabled === true && !user.disabled) ||
      password !== undefined ||
      role !== user.role ||
      enterpriseId !== user.enterpriseId;
    if (endsSessions) await this.sessions.endUserSessions(id);
    return view(updated);
  }

  /** Sign out everywhere: ends every session of the user (they stay enabled and may sign in again). */
  async signOut(id: string): Promise<{ endedSessions: number }> {
    const user = await this.users.find(id);
    if (!user) throw new RecordsError('RECORD_NOT_FOUND', `user ${id} not found`, { entity: 'user', id });
    return { endedSessions: await this.sessions.endUserSessions(id) };
  }

  /** An energy manager must be bound to a live enterprise; nobody else may be. */
  private async bindingFor(role: Role, enterpriseId: string | null): Promise<string | null> {
    if (role !== 'energy-manager') {
      if (enterpriseId)
        throw new RecordsError(
          'INVALID_RECORD',
          `enterpriseId: only energy managers are bound to an enterprise, not ${role}`,
          {
            field: 'enterpriseId',
          },
        );
      return null;
    }
    if (!enterpriseId)
      throw new RecordsError(
        'INVALID_RECORD',
        'enterpriseId: an energy manager must be bound to one enterprise',
        {
          field: 'enterpriseId',
        },
      );
    await this.enterprises.requireLive(enterpriseId);
    return enterpriseId;
  }
}
