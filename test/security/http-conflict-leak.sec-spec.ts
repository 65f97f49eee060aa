/**
 * Conflicts must not leak the database's text (docs/security-http.md, "Conflicts"): a 409 used to carry the
 * driver's message — PostgreSQL's `Key (code)=(…) already exists.`, SQLite's `UNIQUE constraint failed:
 * carriers.code` — naming tables, columns and constraints. Each write that the database itself refuses as a
 * duplicate must now answer 409 RECORD_CONFLICT naming the field as the API calls it, and nothing of the
 * database's wording, on SQLite and on PostgreSQL (whose messages differ).
 */
import { caller, login, type Caller } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from './support/api-backends';
import { expectAllHandled } from './support/tally';

const PASSWORD = 'conflict-leak-password';
/** Words of either database's constraint messages, table names, and the driver's own wording. */
const DB_TEXT =
  /constraint|duplicate key|violates|Key \(|already exists\.|SQLITE|UNIQUE|_pkey|_key\b|\b(carriers|land_parcels|users|enterprises)\.|credit_code|detail/i;

interface ConflictBody {
  readonly code?: string;
  readonly message?: string;
  readonly fields?: readonly string[];
}

describe.each(API_BACKENDS)('409 answers on %s', (_mode, createBackend) => {
  let api: ApiBackend;
  let admin: Caller;

  beforeAll(async () => {
    api = await createBackend(PASSWORD);
    admin = caller(api.url, await login(api.url, 'admin', PASSWORD));
  });

  afterAll(async () => {
    await api?.stop();
  });

  /** Creates the record, then sends the duplicate: the second answer must be a clean 409 naming `field`. */
  async function duplicateIsClean(
    path: string,
    body: Record<string, unknown>,
    field: string,
  ): Promise<boolean> {
    const first = await admin('POST', path, body);
    if (first.status !== 201 && first.status !== 200)
      throw new Error(`${path}: ${first.status} ${first.text}`);
    const second = await admin('POST', path, body);
    const answer = second.body as ConflictBody;
    if (DB_TEXT.test(second.text)) throw new Error(`${path} leaked: ${second.text}`);
    return (
      second.status === 409 &&
      answer.code === 'RECORD_CONFLICT' &&
      typeof answer.message === 'string' &&
      answer.message.includes(field)
    );
  }

  it('answers a duplicate carrier, parcel or user 409 naming the field, without the database text', async () => {
    const run = Date.now().toString(36);
    await expectAllHandled('conflict-leak', [
      {
        name: 'duplicate carrier code',
        check: () =>
          duplicateIsClean(
            '/api/carriers',
            { code: `ZT-${run}`, name: '冲突测试载体', floorAreaM2: 1000 },
            'code',
          ),
      },
      {
        name: 'duplicate parcel code',
        check: () =>
          duplicateIsClean(
            '/api/parcels',
            { code: `QD-${run}`, name: '冲突测试地块', areaMu: 10, landUse: '工业用地' },
            'code',
          ),
      },
      {
        name: 'duplicate username',
        check: () =>
          duplicateIsClean(
            '/api/users',
            {
              username: `dup-${run}`,
              displayName: '冲突',
              role: 'officer',
              password: 'a-long-enough-password',
            },
            'username',
          ),
      },
    ]);
  });

  it('answers an update onto another record’s unique value 409 without the database text', async () => {
    const list = (await admin('GET', '/api/carriers?pageSize=2')).body as {
      items: { id: string; code: string }[];
    };
    expect(list.items.length).toBe(2);
    const [a, b] = list.items;
    await expectAllHandled('conflict-leak', [
      {
        name: 'PATCH a carrier to another carrier’s code',
        check: async () => {
          const res = await admin('PATCH', `/api/carriers/${a.id}`, { code: b.code });
          if (DB_TEXT.test(res.text)) throw new Error(`leaked: ${res.text}`);
          // code is not updatable: 400 from validation is as clean as a 409
          return res.status === 409 || res.status === 400;
        },
      },
    ]);
  });
});
