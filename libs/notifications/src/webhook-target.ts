import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may call (docs/security.md, "webhook SSRF"). A webhook URL is set by an admin and called by the
 * platform from inside the park's network, so without a check it reaches what only the platform can reach: the
 * cloud metadata service (169.254.169.254), the database and broker on loopback, the office LAN. The rule:
 *
 * - http and https only, no user name or password in the URL (the signing secret authenticates the call);
 * - the host is resolved and EVERY address it resolves to must be public — the address ranges are ipaddr.js's
 *   (a maintained table of IANA special-purpose ranges), IPv4-mapped IPv6 judged as the IPv4 it carries, and
 *   for IPv6 only global unicast (2000::/3) counts as public;
 * - except what the `WEBHOOK_ALLOWED_TARGETS` setting lists for internal receivers: CIDR ranges or single
 *   addresses (any resolved address inside one is allowed) and host names (allowed whatever they resolve to).
 *
 * It is checked when a webhook is saved (the API) and again on every delivery (the rules service): a name that
 * resolved to a public address when saved can resolve to 127.0.0.1 later (DNS rebinding), so each delivery
 * resolves once, checks, and connects to exactly the checked address (`pinnedLookup`), never resolving again.
 */

export class WebhookTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetError';
  }
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The parsed `WEBHOOK_ALLOWED_TARGETS`. */
export interface WebhookAllowList {
  readonly ranges: readonly (readonly [Address, number])[];
  /** Lower-case host names without a trailing dot. */
  readonly hosts: ReadonlySet<string>;
  /** As written, for messages. */
  readonly text: string;
}

export const NO_ALLOWED_TARGETS: WebhookAllowList = { ranges: [], hosts: new Set(), text: '' };

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Parses the setting: comma-separated CIDRs, addresses and host names; undefined when an entry is none of them. */
export function parseWebhookAllowList(raw: string): WebhookAllowList | undefined {
  const ranges: (readonly [Address, number])[] = [];
  const hosts = new Set<string>();
  for (const entry of raw
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    if (ipaddr.isValidCIDR(entry)) ranges.push(ipaddr.parseCIDR(entry));
    else if (ipaddr.isValid(entry) && isIP(entry)) {
      const address = ipaddr.parse(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (HOST_NAME.test(hostKey(entry)) && !/^[\d.]+$/.test(entry)) hosts.add(hostKey(entry));
    else return undefined;
  }
  return { ranges, hosts, text: raw.trim() };
}

/** The setting, shared by the API (checks on save) and the rules service (checks on delivery). */
export const webhookTargetSpec = {
  WEBHOOK_ALLOWED_TARGETS: {
    describe:
      'internal webhook receivers allowed despite a non-public address: comma-separated CIDR ranges, addresses or ' +
      'host names, e.g. "10.20.0.0/16,hooks.park.internal"; empty: public addresses only',
    default: NO_ALLOWED_TARGETS,
    parse: parseWebhookAllowList,
  },
};

/** Resolves a host name to every address it has (the port for DNS; tests pass their own). */
export type HostResolver = (host: string) => Promise<readonly { address: string; family: number }[]>;

export const systemResolver: HostResolver = (host) => lookup(host, { all: true, verbatim: true });

/** A checked target: the URL and the one address the call must connect to. */
export interface WebhookTarget {
  readonly url: URL;
  readonly address: string;
  readonly family: 4 | 6;
}

/** The URL's own refusals, before any resolving: scheme, credentials. Returns the parsed URL. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookTargetError('not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookTargetError(`the scheme ${url.protocol} is refused; use http or https`);
  if (url.username !== '' || url.password !== '')
    throw new WebhookTargetError(
      'a user name or password in the URL is refused; the receiver verifies the signature instead',
    );
  return url;
}

/**
 * Checks a webhook URL and resolves its host once; throws WebhookTargetError naming the refused address and why.
 * The returned address is the one to connect to.
 */
export async function resolveWebhookTarget(
  raw: string,
  allow: WebhookAllowList,
  resolve: HostResolver = systemResolver,
): Promise<WebhookTarget> {
  const url = parseWebhookUrl(raw);
  // WHATWG URL has already normalised the host: 0x7f.1 and 2130706433 are 127.0.0.1, IPv6 is in brackets.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const byName = isIP(host) === 0;
  let addresses: readonly { address: string; family: number }[];
  if (!byName) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await resolve(host);
    } catch (error) {
      throw new WebhookTargetError(`${host} does not resolve (${(error as Error).message})`);
    }
    if (addresses.length === 0) throw new WebhookTargetError(`${host} does not resolve`);
  }
  if (!(byName && allow.hosts.has(hostKey(host)))) {
    for (const { address } of addresses) {
      const refusal = addressRefusal(address, allow);
      if (refusal)
        throw new WebhookTargetError(
          `${byName ? `${host} resolves to ${address}, ` : ''}${refusal}; ` +
            'an internal receiver must be listed in WEBHOOK_ALLOWED_TARGETS',
        );
    }
  }
  const chosen = addresses[0];
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** Why an address may not be called (null: it may): not public and not allow-listed. */
export function addressRefusal(text: string, allow: WebhookAllowList): string | null {
  if (!ipaddr.isValid(text)) return `${text} is not an address`;
  // process(): an IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it reaches.
  const address = ipaddr.process(text);
  if (allow.ranges.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits)))
    return null;
  const range = address.range();
  if (range !== 'unicast') return `${address.toString()} is a ${range} address`;
  if (address.kind() === 'ipv6' && !address.match(GLOBAL_UNICAST_V6))
    return `${address.toString()} is not a global unicast address`;
  return null;
}

/**
 * A `lookup` for http(s).request that answers with the checked address only, so the socket connects where the
 * check looked (no second resolution a rebinding DNS server could answer differently). Handles both the
 * single-answer and the `all: true` form (Node's happy-eyeballs connect asks for all).
 */
export function pinnedLookup(target: WebhookTarget): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

function hostKey(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}
