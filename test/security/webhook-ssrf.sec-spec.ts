/**
 * Webhook SSRF (docs/security.md, "webhook SSRF"): an admin — or whoever holds an admin token — must not be able to
 * make the platform call what only the platform can reach. Refused when saved (the API, on both records backends)
 * and again when delivered (the rules service's sender), where the address checked is the address connected to,
 * so a DNS answer that changes after the save (rebinding) cannot redirect a call; internal receivers are let in
 * by the WEBHOOK_ALLOWED_TARGETS setting only.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PinnedWebhookSender } from '../../apps/rules/src/webhook-sender';
import {
  NO_ALLOWED_TARGETS,
  parseWebhookAllowList,
  resolveWebhookTarget,
  type HostResolver,
} from '@park/notifications';
import { caller, login, type Caller } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from './support/api-backends';
import { expectAllHandled } from './support/tally';

const PASSWORD = 'webhook-ssrf-password';
const SECRET = 'webhook-ssrf-secret-0123456789';

/** Targets an attacker would aim at, and why each must be refused. */
const REFUSED_URLS: readonly string[] = [
  'http://127.0.0.1:5432/',
  'http://127.1/',
  'http://0x7f000001/',
  'http://2130706433/',
  'http://localhost:3000/api/users',
  'http://0.0.0.0:3000/',
  'http://[::1]:3000/',
  'http://[::]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
  'http://[fe80::1]/',
  'http://10.0.0.5/',
  'http://172.16.3.4/',
  'http://192.168.1.1/admin',
  'http://100.64.0.1/',
  'http://[fd00::1]/',
  'http://224.0.0.1/',
  'http://10.98.0.1/',
  'http://user:password@93.184.215.14/hook',
  'https://:token@93.184.215.14/hook',
  'ftp://93.184.215.14/hook',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_FLUSHALL',
];

describe.each(API_BACKENDS)('webhook URLs saved through the API on %s', (_mode, createBackend) => {
  let backend: ApiBackend;
  let admin: Caller;

  beforeAll(async () => {
    backend = await createBackend(PASSWORD, { WEBHOOK_ALLOWED_TARGETS: '10.99.0.0/16' });
    admin = caller(backend.url, await login(backend.url, 'admin', PASSWORD));
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
  });

  const hook = (url: string) => ({ name: 'ssrf probe', url, secret: SECRET, severities: ['critical'] });

  it('refuses every non-public target on create and on update, and accepts public and allow-listed ones', async () => {
    const publicHook = await admin('POST', '/api/webhooks', hook('https://93.184.215.14/hook'));
    const id = (publicHook.body as { id?: string }).id;
    const refusedOn = async (method: 'POST' | 'PUT', url: string) => {
      const res = await admin(method, method === 'POST' ? '/api/webhooks' : `/api/webhooks/${id}`, hook(url));
      return res.status === 400;
    };
    const allowListed = await admin('POST', '/api/webhooks', hook('http://10.99.1.2:8080/wecom'));
    const saved = (await admin('GET', '/api/webhooks')).body as { url: string }[];
    await expectAllHandled('ssrf', [
      ...REFUSED_URLS.flatMap((url) => [
        { name: `create refuses ${url}`, check: () => refusedOn('POST', url) },
        { name: `update refuses ${url}`, check: () => refusedOn('PUT', url) },
      ]),
      { name: 'a public address is accepted', check: () => publicHook.status === 201 },
      { name: 'an allow-listed internal address is accepted', check: () => allowListed.status === 201 },
      {
        name: 'no refused URL was stored',
        check: () => saved.every((w) => !REFUSED_URLS.includes(w.url)),
      },
    ]);
  });
});

describe('webhook delivery (the rules service sender)', () => {
  let receiver: Server;
  let port: number;
  let calls = 0;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      calls++;
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    port = (receiver.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise((r) => receiver.close(r));
  });

  /** A DNS that answers each name from a script, counting the questions. */
  function scriptedDns(answers: Record<string, string[]>): HostResolver & { asked: number } {
    const dns = Object.assign(
      (host: string) => {
        dns.asked++;
        const queue = answers[host] ?? [];
        const address = queue.length > 1 ? queue.shift()! : queue[0];
        return Promise.resolve(address ? [{ address, family: address.includes(':') ? 6 : 4 }] : []);
      },
      { asked: 0 },
    );
    return dns;
  }

  const post = (sender: PinnedWebhookSender, url: string) =>
    sender.post(url, '{"type":"opened"}', { 'x-park-event': 'opened' }, 3_000);

  it('refuses at delivery what would be refused on save, DNS rebinding included, and calls nothing', async () => {
    const before = calls;
    // Saved while the name pointed at a public address; by the time of delivery it points at loopback.
    const rebinding = scriptedDns({ 'hooks.rebind.test': ['93.184.215.14', '127.0.0.1'] });
    const savedTarget = await resolveWebhookTarget(
      `http://hooks.rebind.test:${port}/h`,
      NO_ALLOWED_TARGETS,
      rebinding,
    );
    const rebound = post(
      new PinnedWebhookSender(NO_ALLOWED_TARGETS, rebinding),
      `http://hooks.rebind.test:${port}/h`,
    );
    const direct = post(new PinnedWebhookSender(NO_ALLOWED_TARGETS), `http://127.0.0.1:${port}/h`);
    const mapped = post(new PinnedWebhookSender(NO_ALLOWED_TARGETS), `http://[::ffff:127.0.0.1]:${port}/h`);
    const named = post(new PinnedWebhookSender(NO_ALLOWED_TARGETS), `http://localhost:${port}/h`);
    const refused = (p: Promise<number>) =>
      p.then(
        () => false,
        (error: Error) => error.name === 'WebhookTargetError',
      );
    await expectAllHandled('ssrf', [
      {
        name: 'the save-time check saw the public address',
        check: () => savedTarget.address === '93.184.215.14',
      },
      { name: 'delivery after DNS rebinding to loopback is refused', check: () => refused(rebound) },
      { name: 'delivery to a loopback literal is refused', check: () => refused(direct) },
      { name: 'delivery to IPv4-mapped loopback is refused', check: () => refused(mapped) },
      { name: 'delivery to localhost is refused', check: () => refused(named) },
      { name: 'no refused delivery reached the receiver', check: () => calls === before },
    ]);
  });

  it('connects to the address it checked, resolving once per delivery; the allow-list lets an internal one in', async () => {
    const before = calls;
    // Only this scripted DNS knows the name: the call can reach the receiver only through the checked address.
    const dns = scriptedDns({ 'receiver.internal.test': ['127.0.0.1'] });
    const sender = new PinnedWebhookSender(parseWebhookAllowList('127.0.0.0/8')!, dns);
    const first = await post(sender, `http://receiver.internal.test:${port}/h`);
    const second = await post(sender, `http://receiver.internal.test:${port}/h`);
    await expectAllHandled('ssrf', [
      {
        name: 'an allow-listed internal receiver gets the call',
        check: () => first === 204 && second === 204,
      },
      { name: 'the connection went to the checked address', check: () => calls === before + 2 },
      { name: 'one resolution per delivery', check: () => dns.asked === 2 },
    ]);
  });
});
