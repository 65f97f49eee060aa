import fc from 'fast-check';
import {
  checkUserEdit,
  checkUserForm,
  editOf,
  EMPTY_USER_FORM,
  GENERATED_PASSWORD_LENGTH,
  generatePassword,
  userCredentialsText,
  userRow,
  USER_ROLES,
  type UserForm,
} from './users-form';
import type { UserView } from './users-api';

const ENTERPRISE = '6f1c2d3e-0000-4000-8000-000000000001';
const user: UserView = {
  id: '6f1c2d3e-0000-4000-8000-0000000000aa',
  username: 'wang.fang',
  displayName: '王芳',
  role: 'energy-manager',
  enterpriseId: ENTERPRISE,
  department: null,
  disabled: false,
  createdAt: '2025-11-27T09:31:05.000Z',
  updatedAt: '2025-11-27T09:31:05.000Z',
};
const form = (changes: Partial<UserForm>): UserForm => ({ ...EMPTY_USER_FORM, ...changes });
const never = () => {
  throw new Error('a password was generated for a form that failed its checks');
};

describe('checkUserForm', () => {
  it('requires username, display name and role, and generates nothing for a failing form', () => {
    expect(checkUserForm(EMPTY_USER_FORM, never)).toEqual({
      ok: false,
      errors: {
        username: 'users.form.error.required',
        displayName: 'users.form.error.required',
        role: 'users.form.error.required',
      },
    });
  });

  it("applies the API's username rule (2–64 lower-case letters, digits, . _ -)", () => {
    for (const bad of ['Wang', 'a', '.wang', 'wang fang', 'x'.repeat(65)]) {
      const check = checkUserForm(form({ username: bad, displayName: 'x', role: 'officer' }), never);
      expect(check).toEqual({ ok: false, errors: { username: 'users.form.error.username' } });
    }
  });

  it('requires an enterprise for an energy manager, and sends it only for that role', () => {
    expect(
      checkUserForm(form({ username: 'li.lei', displayName: '李雷', role: 'energy-manager' }), never),
    ).toEqual({ ok: false, errors: { enterpriseId: 'users.form.error.enterprise' } });
    const officer = checkUserForm(
      form({
        username: 'li.lei',
        displayName: '李雷',
        role: 'officer',
        enterpriseId: ENTERPRISE,
        department: '',
      }),
      () => 'generated-password-1',
    );
    expect(officer).toEqual({
      ok: true,
      body: { username: 'li.lei', displayName: '李雷', role: 'officer', password: 'generated-password-1' },
    });
  });

  it('uses the generated password, or checks a typed one against 12–256 characters', () => {
    const base = {
      username: ' wang.fang ',
      displayName: ' 王芳 ',
      role: 'energy-manager',
      enterpriseId: ENTERPRISE,
    };
    expect(checkUserForm(form(base), () => 'Abcdefghjk23mnpq')).toEqual({
      ok: true,
      body: {
        username: 'wang.fang',
        displayName: '王芳',
        role: 'energy-manager',
        enterpriseId: ENTERPRISE,
        password: 'Abcdefghjk23mnpq',
      },
    });
    expect(checkUserForm(form({ ...base, passwordMode: 'type', password: 'short' }), never)).toEqual({
      ok: false,
      errors: { password: 'users.form.error.password' },
    });
    expect(checkUserForm(form({ ...base, passwordMode: 'type', password: '' }), never)).toEqual({
      ok: false,
      errors: { password: 'users.form.error.required' },
    });
    const typed = checkUserForm(form({ ...base, passwordMode: 'type', password: 'correct horse 12' }), never);
    expect(typed.ok && typed.body.password).toBe('correct horse 12');
  });

  it('refuses an unknown role and an over-long display name', () => {
    expect(checkUserForm(form({ username: 'ab', displayName: 'x'.repeat(65), role: 'root' }), never)).toEqual(
      {
        ok: false,
        errors: { displayName: 'users.form.error.displayName', role: 'users.form.error.role' },
      },
    );
  });
});

describe('checkUserEdit', () => {
  it('sends only what changed, nothing when nothing did', () => {
    expect(checkUserEdit(user, editOf(user))).toEqual({ ok: true, body: {} });
    expect(checkUserEdit(user, { ...editOf(user), displayName: '王芳芳' })).toEqual({
      ok: true,
      body: { displayName: '王芳芳' },
    });
  });

  it('clears the enterprise when an energy manager becomes another role', () => {
    expect(
      checkUserEdit(user, { displayName: '王芳', role: 'officer', enterpriseId: '', department: '' }),
    ).toEqual({
      ok: true,
      body: { role: 'officer', enterpriseId: null },
    });
  });

  it('requires an enterprise when someone becomes an energy manager', () => {
    const officer = { ...user, role: 'officer', enterpriseId: null };
    expect(
      checkUserEdit(officer, {
        displayName: '王芳',
        role: 'energy-manager',
        enterpriseId: '',
        department: '',
      }),
    ).toEqual({
      ok: false,
      errors: { enterpriseId: 'users.form.error.enterprise' },
    });
    expect(
      checkUserEdit(officer, {
        displayName: '王芳',
        role: 'energy-manager',
        enterpriseId: ENTERPRISE,
        department: '',
      }),
    ).toEqual({ ok: true, body: { role: 'energy-manager', enterpriseId: ENTERPRISE } });
  });
});

describe('a staff member (园区工作人员) and their department', () => {
  it('requires a department for staff and sends it', () => {
    expect(
      checkUserForm(
        form({ username: 'zhao.min', displayName: '赵敏', role: 'staff', department: '' }),
        never,
      ),
    ).toEqual({ ok: false, errors: { department: 'users.form.error.department' } });
    const made = checkUserForm(
      form({ username: 'zhao.min', displayName: '赵敏', role: 'staff', department: 'planning' }),
      () => 'generated-password',
    );
    expect(made).toEqual({
      ok: true,
      body: {
        username: 'zhao.min',
        displayName: '赵敏',
        role: 'staff',
        department: 'planning',
        password: 'generated-password',
      },
    });
  });

  it('clears the department when a staff member becomes another role, and shows it in the table', () => {
    const staff: UserView = { ...user, role: 'staff', enterpriseId: null, department: 'tax' };
    expect(checkUserEdit(staff, { ...editOf(staff), role: 'operator' })).toEqual({
      ok: true,
      body: { role: 'operator', department: null },
    });
    expect(checkUserEdit(staff, { ...editOf(staff), department: 'economy' })).toEqual({
      ok: true,
      body: { department: 'economy' },
    });
    expect(userRow(staff, [], 'someone-else').department).toBe('department.tax');
    expect(userRow(user, [], 'someone-else').department).toBeNull();
  });
});

describe('generatePassword', () => {
  it('makes a 16-character password of the first unbiased random bytes, without look-alike characters', () => {
    // fast-check over the random source; a failure prints its seed and path: replay with fc.assert(…, { seed, path }).
    const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
    const batches = fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(batches, (drawn) => {
        let next = 0;
        let served: number[] = [];
        const bytes = (n: number) => {
          // Once the drawn batches are used up: 0, 1, 2 … (all accepted), so every case ends.
          const batch = drawn[next++] ?? Uint8Array.from({ length: n }, (_, i) => i);
          served.push(...batch);
          return batch;
        };
        for (let call = 0; call < 2; call++) {
          served = [];
          const password = generatePassword(bytes);
          const expected = served
            .filter((b) => b < 256 - (256 % ALPHABET.length))
            .slice(0, GENERATED_PASSWORD_LENGTH)
            .map((b) => ALPHABET[b % ALPHABET.length])
            .join('');
          expect(password).toBe(expected);
          expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{16}$/);
        }
      }),
    );
  });

  it('skips bytes that would bias the choice (rejection sampling)', () => {
    // 57 characters: 256 - 256 % 57 = 228, so bytes 228…255 are dropped; 0 is 'A' and 57 wraps to 'A' again.
    const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 255 : 57));
    expect(generatePassword(bytes, 4)).toBe('AAAA');
  });
});

describe('userRow', () => {
  it('names the role and the enterprise, marks the signed-in admin', () => {
    const row = userRow(user, [{ id: ENTERPRISE, name: '华星化工' }], user.id);
    expect(row).toMatchObject({
      username: 'wang.fang',
      role: 'role.energy-manager',
      enterprise: '华星化工',
      disabled: false,
      self: true,
      createdAt: Date.UTC(2025, 10, 27, 9, 31, 5),
    });
  });

  it('falls back to the id for an enterprise not in the list, a dash for none, the raw text for an unknown role', () => {
    expect(userRow(user, [], 'someone-else')).toMatchObject({ enterprise: ENTERPRISE, self: false });
    const odd = userRow({ ...user, role: 'auditor', enterpriseId: null }, [], 'x');
    expect(odd).toMatchObject({ role: null, roleText: 'auditor', enterprise: '—' });
  });
});

it('lists every role once and formats the credentials for the clipboard', () => {
  expect([...USER_ROLES].sort()).toEqual(['admin', 'energy-manager', 'officer', 'operator', 'staff']);
  expect(userCredentialsText({ username: 'wang.fang', password: 'p' })).toBe(
    'username: wang.fang\npassword: p',
  );
});
