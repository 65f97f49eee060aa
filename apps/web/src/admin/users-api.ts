/**
 * The user administration routes of the API (apps/api/src/users/users.controller.ts, admin only): listing with
 * search and a role filter, creating, and PATCH for display name, role, enterprise binding, disabling and a new
 * password. The shapes mirror users.service.ts (UserView) and user.dto.ts: the web app cannot import them, as they
 * sit beside TypeORM entities. A 401 calls `onUnauthorized` and still rejects.
 */
import type { Role } from '@park/auth';
import { sessionRequest, type SessionRequest } from '../api/http';
import { enterpriseOptions, type EnterpriseOption } from './devices-api';

export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly enterpriseId: string | null;
  readonly disabled: boolean;
  /** ISO 8601 (the API serialises dates as text). */
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface UserPage {
  readonly items: UserView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface UserQuery {
  readonly q: string;
  /** '' for every role. */
  readonly role: string;
  readonly page: number;
  readonly pageSize: number;
}

/** The body of POST /api/users (CreateUserDto). */
export interface CreateUserBody {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly enterpriseId?: string;
  readonly password: string;
}

/** The body of PATCH /api/users/:id (UpdateUserDto); absent fields stay as they are. */
export interface UpdateUserBody {
  readonly displayName?: string;
  readonly role?: Role;
  readonly enterpriseId?: string | null;
  readonly disabled?: boolean;
  readonly password?: string;
}

export function userQuery(query: UserQuery): string {
  const params = new URLSearchParams({
    page: String(query.page),
    pageSize: String(query.pageSize),
    sort: 'username',
  });
  if (query.q.trim()) params.set('q', query.q.trim());
  if (query.role) params.set('role', query.role);
  return params.toString();
}

export class UsersApi {
  private readonly call: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = sessionRequest(token, onUnauthorized);
  }

  list(query: UserQuery, signal?: AbortSignal): Promise<UserPage> {
    return this.call('GET', `/api/users?${userQuery(query)}`, undefined, signal);
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }

  create(body: CreateUserBody): Promise<UserView> {
    return this.call('POST', '/api/users', body);
  }

  update(id: string, body: UpdateUserBody): Promise<UserView> {
    return this.call('PATCH', `/api/users/${encodeURIComponent(id)}`, body);
  }

  /** Sign out everywhere: the API ends every session of the user (their tokens are refused from then on). */
  signOut(id: string): Promise<{ endedSessions: number }> {
    return this.call('POST', `/api/users/${encodeURIComponent(id)}/sign-out`, {});
  }
}
