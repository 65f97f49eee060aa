/**
 * The API rate limit (docs/security-http.md, "Rate limit"): there was none. Now each signed-in user has a budget
 * per window wherever they come from, requests without a valid token share their address's budget (forged tokens
 * buy no fresh one), and one address has a larger budget for everyone behind it; over it, 429 RATE_LIMITED with
 * Retry-After, and the budget returns when the window has passed. Limits set low for the test.
 */
import { login } from '../support/records-api';
import { waitFor } from '../support/wait-for';
import { sqliteApi, type ApiBackend } from './support/api-backends';
import { expectAllHandled } from './support/tally';

const PASSWORD = 'rate-limit-password';

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly code: unknown;
}

async function get(url: string, path: string, token?: string): Promise<Answer> {
  const res = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { code?: unknown }).code;
  } catch {
    code = undefined;
  }
  return { status: res.status, retryAfter: res.headers.get('retry-after'), code };
}

/** Sends requests until one is throttled (or `max` were sent); the answers in order. */
async function untilThrottled(send: () => Promise<Answer>, max: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  while (answers.length < max) {
    const answer = await send();
    answers.push(answer);
    if (answer.status === 429) break;
  }
  return answers;
}

const throttled = (a: Answer | undefined, windowS: number) =>
  a !== undefined &&
  a.status === 429 &&
  a.code === 'RATE_LIMITED' &&
  /^\d+$/.test(a.retryAfter ?? '') &&
  Number(a.retryAfter) >= 1 &&
  Number(a.retryAfter) <= windowS;

describe('API rate limit per user', () => {
  const PER_USER = 10;
  const WINDOW_S = 60;
  let api: ApiBackend;

  beforeAll(async () => {
    api = await sqliteApi(PASSWORD, {
      API_RATE_LIMIT_PER_USER: String(PER_USER),
      API_RATE_LIMIT_PER_ADDRESS: '1000',
      API_RATE_LIMIT_WINDOW_S: String(WINDOW_S),
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('throttles one user at the limit with 429 and Retry-After, not another user at the same address', async () => {
    const officer = await login(api.url, 'officer', PASSWORD);
    const admin = await login(api.url, 'admin', PASSWORD);
    const answers = await untilThrottled(() => get(api.url, '/api/enterprises', officer), PER_USER + 5);
    await expectAllHandled('rate-limit', [
      {
        name: `user: ${PER_USER} requests answered, the next one 429 RATE_LIMITED with Retry-After`,
        check: () =>
          answers.length === PER_USER + 1 &&
          answers.slice(0, PER_USER).every((a) => a.status === 200) &&
          throttled(answers[PER_USER], WINDOW_S),
      },
      {
        name: 'user: the throttled user is throttled on every route (one budget, not one per route)',
        check: async () => throttled(await get(api.url, '/api/alerts', officer), WINDOW_S),
      },
      {
        name: 'user: another user behind the same address is still served',
        check: async () => (await get(api.url, '/api/enterprises', admin)).status === 200,
      },
    ]);
  });

  it('counts requests without a valid token against their address, before authentication', async () => {
    const forged = await untilThrottled(
      () => get(api.url, '/api/enterprises', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged'),
      PER_USER + 5,
    );
    await expectAllHandled('rate-limit', [
      {
        name: 'forged tokens: 401s until the address budget is spent, then 429',
        check: () =>
          forged.length <= PER_USER + 1 &&
          forged.slice(0, -1).every((a) => a.status === 401) &&
          throttled(forged.at(-1), WINDOW_S),
      },
    ]);
  });
});

describe('API rate limit per address', () => {
  const PER_ADDRESS = 12;
  const WINDOW_S = 2;
  let api: ApiBackend;

  beforeAll(async () => {
    api = await sqliteApi(PASSWORD, {
      API_RATE_LIMIT_PER_USER: '1000',
      API_RATE_LIMIT_PER_ADDRESS: String(PER_ADDRESS),
      API_RATE_LIMIT_WINDOW_S: String(WINDOW_S),
    });
  });

  afterAll(async () => {
    await api?.stop();
  });

  it('throttles everyone behind one address at its limit, and serves again once the window has passed', async () => {
    const tokens = [await login(api.url, 'officer', PASSWORD), await login(api.url, 'operator', PASSWORD)];
    let turn = 0;
    const answers = await untilThrottled(
      () => get(api.url, '/api/enterprises', tokens[turn++ % 2]),
      PER_ADDRESS + 5,
    );
    const last = answers.at(-1);
    await expectAllHandled('rate-limit', [
      {
        name: `address: two users together throttled within ${PER_ADDRESS} requests (logins included)`,
        check: () => answers.length <= PER_ADDRESS + 1 && throttled(last, WINDOW_S),
      },
      {
        name: 'address: a forged X-Forwarded-For buys no fresh budget (API_TRUST_PROXY unset)',
        check: async () => {
          const res = await fetch(`${api.url}/api/enterprises`, {
            headers: { authorization: `Bearer ${tokens[0]}`, 'x-forwarded-for': '10.9.9.9' },
          });
          await res.arrayBuffer();
          return res.status === 429;
        },
      },
      {
        name: 'address: served again after Retry-After',
        check: async () => {
          await new Promise((resolve) => setTimeout(resolve, Number(last?.retryAfter ?? 0) * 1000));
          await waitFor(
            'the address budget to return',
            async () => (await get(api.url, '/api/enterprises', tokens[0])).status === 200,
            WINDOW_S * 3000,
          );
          return true;
        },
      },
    ]);
  });
});
