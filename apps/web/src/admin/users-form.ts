/**
 * The user forms and table, as pure functions (no DOM): the checks the API makes (apps/api/src/users/user.dto.ts
 * and users.service.ts bindingFor) so most mistakes are caught before a request — a username of 2–64 lower-case
 * letters, digits, ".", "_" or "-"; a display name of 1–64 characters; a password of 12–256; an enterprise for an
 * energy manager and for no one else, a department for committee staff and for no one else — the one-time password generator, and the table's row text. Unit-tested in
 * users-form.spec.ts.
 */
import { isDepartment, type Department } from '@park/contracts';
import type { UserRole } from '@park/auth';
import type { MessageKey } from '../i18n/messages';
import { DEPARTMENT_LABELS, ROLE_LABELS } from '../session/access';
import type { EnterpriseOption } from './devices-api';
import type { CreateUserBody, UpdateUserBody, UserView } from './users-api';

/** Every role, in the order the role menus list them. */
export const USER_ROLES = Object.keys(ROLE_LABELS) as UserRole[];

/** CreateUserDto's username rule. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{1,63}$/;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
export const DISPLAY_NAME_MAX = 64;

/** A generated password: 16 characters without look-alikes (0/O, 1/l/I), ~90 bits. */
export const GENERATED_PASSWORD_LENGTH = 16;
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Every department, in the order the department menu lists them. */
export const DEPARTMENT_NAMES = Object.keys(DEPARTMENT_LABELS) as Department[];

export function isRoleName(value: string): value is UserRole {
  return (USER_ROLES as readonly string[]).includes(value);
}

/**
 * A random password from `randomBytes` (crypto.getRandomValues in the browser). Bytes at or above the largest
 * multiple of the alphabet's size are skipped, so every character is equally likely.
 */
export function generatePassword(
  randomBytes: (count: number) => Uint8Array,
  length = GENERATED_PASSWORD_LENGTH,
): string {
  const limit = 256 - (256 % PASSWORD_ALPHABET.length);
  let password = '';
  while (password.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      password += PASSWORD_ALPHABET[byte % PASSWORD_ALPHABET.length];
      if (password.length === length) break;
    }
  }
  return password;
}

export interface UserForm {
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  readonly enterpriseId: string;
  readonly department: string;
  /** 'generate': a random password, shown once; 'type': the admin types one. */
  readonly passwordMode: 'generate' | 'type';
  readonly password: string;
}

export const EMPTY_USER_FORM: UserForm = {
  username: '',
  displayName: '',
  role: '',
  enterpriseId: '',
  department: '',
  passwordMode: 'generate',
  password: '',
};

/** The editable fields of an existing user. */
export interface UserEdit {
  readonly displayName: string;
  readonly role: string;
  readonly enterpriseId: string;
  readonly department: string;
}

export function editOf(user: UserView): UserEdit {
  return {
    displayName: user.displayName,
    role: user.role,
    enterpriseId: user.enterpriseId ?? '',
    department: user.department ?? '',
  };
}

export type UserFieldErrors = Readonly<Record<string, MessageKey>>;
type Check<T> =
  { readonly ok: true; readonly body: T } | { readonly ok: false; readonly errors: UserFieldErrors };

/** Only an energy manager is bound to an enterprise; the form shows the field for that role alone. */
export function needsEnterprise(role: string): boolean {
  return role === 'energy-manager';
}

/** Only committee staff (园区工作人员) belong to a department; the form shows the field for that role alone. */
export function needsDepartment(role: string): boolean {
  return role === 'staff';
}

function checkCommon(
  fields: { displayName: string; role: string; enterpriseId: string; department: string },
  errors: Record<string, MessageKey>,
): {
  displayName: string;
  role: UserRole | null;
  enterpriseId: string | null;
  department: Department | null;
} {
  const displayName = fields.displayName.trim();
  if (!displayName) errors.displayName = 'users.form.error.required';
  else if (displayName.length > DISPLAY_NAME_MAX) errors.displayName = 'users.form.error.displayName';
  let role: UserRole | null = null;
  if (!fields.role) errors.role = 'users.form.error.required';
  else if (!isRoleName(fields.role)) errors.role = 'users.form.error.role';
  else role = fields.role;
  let enterpriseId: string | null = null;
  if (role && needsEnterprise(role)) {
    if (!fields.enterpriseId) errors.enterpriseId = 'users.form.error.enterprise';
    else enterpriseId = fields.enterpriseId;
  }
  let department: Department | null = null;
  if (role && needsDepartment(role)) {
    if (!isDepartment(fields.department)) errors.department = 'users.form.error.department';
    else department = fields.department;
  }
  return { displayName, role, enterpriseId, department };
}

/** A password the API accepts (12–256 characters); blank counts as missing. */
export function passwordError(password: string): MessageKey | null {
  if (!password) return 'users.form.error.required';
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) return 'users.form.error.password';
  return null;
}

/** The create form → POST /api/users body. A generated password comes from `generate`, called only when valid. */
export function checkUserForm(form: UserForm, generate: () => string): Check<CreateUserBody> {
  const errors: Record<string, MessageKey> = {};
  const username = form.username.trim();
  if (!username) errors.username = 'users.form.error.required';
  else if (!USERNAME_PATTERN.test(username)) errors.username = 'users.form.error.username';
  const common = checkCommon(form, errors);
  if (form.passwordMode === 'type') {
    const problem = passwordError(form.password);
    if (problem) errors.password = problem;
  }
  if (Object.keys(errors).length > 0 || !common.role) return { ok: false, errors };
  return {
    ok: true,
    body: {
      username,
      displayName: common.displayName,
      role: common.role,
      ...(common.enterpriseId ? { enterpriseId: common.enterpriseId } : {}),
      ...(common.department ? { department: common.department } : {}),
      password: form.passwordMode === 'type' ? form.password : generate(),
    },
  };
}

/**
 * The edit form → PATCH body with only what changed. Leaving the energy-manager role clears the binding
 * (`enterpriseId: null`), as the API refuses a binding for any other role; leaving staff clears the department.
 */
export function checkUserEdit(user: UserView, edit: UserEdit): Check<UpdateUserBody> {
  const errors: Record<string, MessageKey> = {};
  const common = checkCommon(edit, errors);
  if (Object.keys(errors).length > 0 || !common.role) return { ok: false, errors };
  const body: {
    displayName?: string;
    role?: UserRole;
    enterpriseId?: string | null;
    department?: Department | null;
  } = {};
  if (common.displayName !== user.displayName) body.displayName = common.displayName;
  if (common.role !== user.role) body.role = common.role;
  if (common.enterpriseId !== user.enterpriseId) body.enterpriseId = common.enterpriseId;
  if (common.department !== (user.department ?? null)) body.department = common.department;
  return { ok: true, body };
}

export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: MessageKey | null;
  /** The role as stored when the interface does not know it. */
  readonly roleText: string;
  readonly enterprise: string;
  /** A staff member's department by its label key; null for everyone else. */
  readonly department: MessageKey | null;
  readonly disabled: boolean;
  readonly createdAt: number;
  readonly self: boolean;
}

/** A table row: the role by its label key, the enterprise by name (its id when not in the list), a dash for none. */
export function userRow(user: UserView, enterprises: readonly EnterpriseOption[], selfId: string): UserRow {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: isRoleName(user.role) ? ROLE_LABELS[user.role] : null,
    roleText: user.role,
    enterprise: user.enterpriseId
      ? (enterprises.find((e) => e.id === user.enterpriseId)?.name ?? user.enterpriseId)
      : '—',
    department: isDepartment(user.department) ? DEPARTMENT_LABELS[user.department] : null,
    disabled: user.disabled,
    createdAt: Date.parse(user.createdAt),
    self: user.id === selfId,
  };
}

/** The new credentials as one text block, for the copy button. */
export function userCredentialsText(c: { username: string; password: string }): string {
  return [`username: ${c.username}`, `password: ${c.password}`].join('\n');
}
