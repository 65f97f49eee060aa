import { Injectable } from '@nestjs/common';
import { hashSecret, type Department, type Principal, type Role } from '@park/auth';
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
    department: u.department,
    disabled: u.disabled,
    createdAt: new Date(u.createdAt).toISOString(),
    updatedAt: new Date(u.updatedAt).toISOString(),
  };
}

/**
 * Users and roles (DESIGN.md Roles). Passwords are scrypt-hashed; an energy manager is bound to one enterprise.
 * A staff member belongs to one department. Disabling a user, or giving them a new password, role, enterprise or
 * department, ends every session they have at once.
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
    const department = departmentFor(dto.role, dto.department ?? null);
    const { password, ...rest } = dto;
    const user = await this.users.create(principal, {
      ...rest,
      enterpriseId,
      department,
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
    // A change of role away from staff drops the department unless one is sent (then it is refused).
    const department = departmentFor(
      role,
      dto.department !== undefined
        ? dto.department
        : role === 'staff'
          ? (user.department as Department | null)
          : null,
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
      department,
      ...(password ? { passwordHash: await hashSecret(password) } : {}),
    });
    // Tokens name a role, an enterprise and a department, and were got with the old password: none of them may outlive these.
    const endsSessions =
      (dto.disabled === true && !user.disabled) ||
      password !== undefined ||
      role !== user.role ||
      enterpriseId !== user.enterpriseId ||
      department !== user.department;
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

/** A staff member must belong to one department; nobody else may. */
function departmentFor(role: Role, department: Department | null): Department | null {
  if (role === 'staff' && !department)
    throw new RecordsError(
      'INVALID_RECORD',
      'department: a staff member (园区工作人员) must belong to one department',
      {
        field: 'department',
      },
    );
  if (role !== 'staff' && department)
    throw new RecordsError('INVALID_RECORD', `department: only staff belong to a department, not ${role}`, {
      field: 'department',
    });
  return role === 'staff' ? department : null;
}
