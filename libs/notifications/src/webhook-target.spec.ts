import {
  addressRefusal,
  NO_ALLOWED_TARGETS,
  parseWebhookAllowList,
  pinnedLookup,
  resolveWebhookTarget,
  type HostResolver,
} from './webhook-target';

const resolverFor =
  (answers: Record<string, string[]>): HostResolver =>
  (host) =>
    Promise.resolve(
      (answers[host] ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );

describe('webhook targets', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['64:ff9b::7f00:1', 'rfc6052'],
  ])('refuses %s (%s)', (address, range) => {
    expect(addressRefusal(address, NO_ALLOWED_TARGETS)).toContain(range);
  });

  it.each(['8.8.8.8', '93.184.215.14', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows public %s', (a) => {
    expect(addressRefusal(a, NO_ALLOWED_TARGETS)).toBeNull();
  });

  it('lets the allow-list open CIDR ranges and single addresses, and nothing around them', () => {
    const allow = parseWebhookAllowList('10.20.0.0/16, 127.0.0.1 ,fd00::/8,hooks.park.internal')!;
    expect(addressRefusal('10.20.3.4', allow)).toBeNull();
    expect(addressRefusal('10.21.0.1', allow)).toContain('private');
    expect(addressRefusal('127.0.0.1', allow)).toBeNull();
    expect(addressRefusal('::ffff:127.0.0.1', allow)).toBeNull();
    expect(addressRefusal('127.0.0.2', allow)).toContain('loopback');
    expect(addressRefusal('fd12::1', allow)).toBeNull();
    expect([...allow.hosts]).toEqual(['hooks.park.internal']);
  });

  it('refuses a malformed allow-list entry, so a typo fails at start-up instead of opening nothing or all', () => {
    expect(parseWebhookAllowList('10.0.0.0/33')).toBeUndefined();
    expect(parseWebhookAllowList('10.0.0.0/8,not a host')).toBeUndefined();
    expect(parseWebhookAllowList('10.1')).toBeUndefined();
    expect(parseWebhookAllowList('')).toEqual({ ranges: [], hosts: new Set(), text: '' });
  });

  it.each([
    ['ftp://example.com/x', 'scheme ftp:'],
    ['file:///etc/passwd', 'scheme file:'],
    ['gopher://127.0.0.1:6379/_INFO', 'scheme gopher:'],
    ['http://user:pw@8.8.8.8/hook', 'user name or password'],
    ['http://127.0.0.1:5432/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://[::1]:3000/', 'loopback'],
    ['http://[::ffff:7f00:1]/', 'loopback'],
    ['http://[0:0:0:0:0:ffff:169.254.169.254]/latest/meta-data/', 'linkLocal'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://0.0.0.0:3000/', 'unspecified'],
  ])('refuses %s', async (url, reason) => {
    await expect(resolveWebhookTarget(url, NO_ALLOWED_TARGETS, resolverFor({}))).rejects.toThrow(reason);
  });

  it('refuses a name when any address it resolves to is not public, and one that does not resolve', async () => {
    const resolve = resolverFor({
      'mixed.example': ['93.184.215.14', '127.0.0.1'],
      'public.example': ['93.184.215.14'],
    });
    await expect(
      resolveWebhookTarget('https://mixed.example/h', NO_ALLOWED_TARGETS, resolve),
    ).rejects.toThrow('mixed.example resolves to 127.0.0.1, 127.0.0.1 is a loopback address');
    await expect(
      resolveWebhookTarget('https://nowhere.example/h', NO_ALLOWED_TARGETS, resolve),
    ).rejects.toThrow('does not resolve');
    const target = await resolveWebhookTarget('https://Public.Example/h', NO_ALLOWED_TARGETS, resolve);
    expect(target).toMatchObject({ address: '93.184.215.14', family: 4 });
  });

  it('lets an allow-listed host name resolve anywhere', async () => {
    const allow = parseWebhookAllowList('hooks.park.internal')!;
    const target = await resolveWebhookTarget(
      'http://HOOKS.park.internal:8080/wecom',
      allow,
      resolverFor({ 'hooks.park.internal': ['10.9.8.7'] }),
    );
    expect(target.address).toBe('10.9.8.7');
  });

  it('answers every lookup with the checked address only, in both lookup forms', () => {
    const lookup = pinnedLookup({ url: new URL('http://x.example/'), address: '93.184.215.14', family: 4 });
    const single = jest.fn();
    const all = jest.fn();
    lookup('x.example', {}, single);
    lookup('x.example', { all: true }, all);
    expect(single).toHaveBeenCalledWith(null, '93.184.215.14', 4);
    expect(all).toHaveBeenCalledWith(null, [{ address: '93.184.215.14', family: 4 }]);
  });
});
