/**
 * The user administration routes of the API (apps/api/src/users/users.controller.ts, admin only): listing with
 * search and a role filter, creating, and PATCH for display name, role, enterprise binding, disabling and a new
 * password. Answers are typed by the API's OpenAPI document; the bodies follow user.dto.ts. A 401 calls
 * `onUnauthorized` and still rejects.
 */
import type { Role } from '@park/auth';
import { apiClient, type ApiAnswer, type ApiBody, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';
import { enterpriseOptions, type EnterpriseOption } from './devices-api';

export type UserView = ApiSchemas['UserView'];
export type UserPage = ApiSchemas['Page_UserView'];

export interface UserQuery {
  readonly q: string;
  /** '' for every role. */
  readonly role: string;
  readonly page: number;
  readonly pageSize: number;
}

/** The body of POST /api/users (CreateUserDto, as the API's document describes it). */
export type CreateUserBody = ApiBody<'/api/users', 'POST'>;

/** The body of PATCH /api/users/:id (UpdateUserDto); absent fields stay as they are. */
export type UpdateUserBody = ApiBody<'/api/users/{id}', 'PATCH'>;

/** GET /api/users's query: the page, sorted by username, filtered by text and role. */
function userQuery(query: UserQuery) {
  return {
    page: query.page,
    pageSize: query.pageSize,
    sort: 'username',
    q: query.q.trim() || undefined,
    role: (query.role || undefined) as Exclude<Role, 'display'> | undefined,
  };
}

export class UsersApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(query: UserQuery, signal?: AbortSignal): Promise<UserPage> {
    return this.call('GET', '/api/users', { query: userQuery(query), signal });
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }

  create(body: CreateUserBody): Promise<UserView> {
    return this.call('POST', '/api/users', { body });
  }

  update(id: string, body: UpdateUserBody): Promise<UserView> {
    return this.call('PATCH', '/api/users/{id}', { path: { id }, body });
  }

  /** Sign out everywhere: the API ends every session of the user (their tokens are refused from then on). */
  signOut(id: string): Promise<ApiAnswer<'/api/users/{id}/sign-out', 'POST'>> {
    return this.call('POST', '/api/users/{id}/sign-out', { path: { id } });
  }
}
