/**
 * Load mode may only ever hit a broker on this machine: the workplace forbids generating load against anything
 * else. A broker URL passes when its host is a loopback address, or a name that resolves only to loopback ones.
 */
import { isIP } from 'node:net';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';

export type HostLookup = (hostname: string) => Promise<readonly string[]>;

export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(a) === 4) return a.startsWith('127.');
  if (isIP(a) === 6) {
    if (a === '::1' || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(a)) return true;
    // IPv4-mapped (::ffff:127.0.0.1, or its hex form ::ffff:7f00:1).
    const mapped = /^::ffff:(.+)$/.exec(a);
    if (mapped)
      return isIP(mapped[1]) === 4 ? mapped[1].startsWith('127.') : /^7f[0-9a-f]{2}:/.test(mapped[1]);
  }
  return false;
}

/** Throws NOT_LOOPBACK unless `brokerUrl` points at this machine. */
export async function assertLoopbackBroker(brokerUrl: string, lookup: HostLookup): Promise<void> {
  let hostname: string;
  try {
    hostname = new URL(brokerUrl).hostname;
  } catch {
    throw new SimulatorException(SimulatorErrorCode.BAD_ARGUMENT, `"${brokerUrl}" is not a URL`);
  }
  const refuse = (why: string) =>
    new SimulatorException(
      SimulatorErrorCode.NOT_LOOPBACK,
      `load mode only runs against a broker on this machine (127.0.0.0/8, ::1, localhost); ${why}`,
    );
  if (hostname === '') throw refuse(`"${brokerUrl}" has no host`);
  if (isIP(hostname.replace(/^\[|\]$/g, '')) !== 0) {
    if (!isLoopbackAddress(hostname)) throw refuse(`${hostname} is not a loopback address`);
    return;
  }
  let addresses: readonly string[];
  try {
    addresses = await lookup(hostname);
  } catch (error) {
    throw refuse(`${hostname} does not resolve (${(error as Error).message})`);
  }
  const outside = addresses.filter((a) => !isLoopbackAddress(a));
  if (addresses.length === 0 || outside.length > 0)
    throw refuse(`${hostname} resolves to ${outside.join(', ') || 'nothing'}`);
}
