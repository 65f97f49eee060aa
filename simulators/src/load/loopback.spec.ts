import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { assertLoopbackBroker, isLoopbackAddress, type HostLookup } from './loopback';

const resolvesTo =
  (...addresses: string[]): HostLookup =>
  () =>
    Promise.resolve(addresses);
const neverAsked: HostLookup = () => Promise.reject(new Error('DNS must not be asked for an IP literal'));

describe('loopback addresses', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '::ffff:7f00:1'])(
    '%s is loopback',
    (a) => {
      expect(isLoopbackAddress(a)).toBe(true);
    },
  );

  it.each([
    '10.0.0.1',
    '192.168.1.10',
    '128.0.0.1',
    '::',
    '::2',
    'fe80::1',
    '::ffff:10.0.0.1',
    'localhost',
    '',
  ])('%s is not', (a) => {
    expect(isLoopbackAddress(a)).toBe(false);
  });
});

describe('load mode refuses brokers that are not on this machine', () => {
  it('accepts loopback IP literals without asking DNS', async () => {
    await expect(assertLoopbackBroker('mqtt://127.0.0.1:1883', neverAsked)).resolves.toBeUndefined();
    await expect(assertLoopbackBroker('ws://[::1]:8080/mqtt', neverAsked)).resolves.toBeUndefined();
  });

  it('accepts a name only when every address it resolves to is loopback', async () => {
    await expect(
      assertLoopbackBroker('mqtt://localhost:1883', resolvesTo('127.0.0.1', '::1')),
    ).resolves.toBeUndefined();
    await expect(
      assertLoopbackBroker('mqtt://localhost:1883', resolvesTo('127.0.0.1', '10.0.0.7')),
    ).rejects.toThrow('localhost resolves to 10.0.0.7');
  });

  it.each([
    ['mqtt://10.0.0.5:1883', '10.0.0.5 is not a loopback address'],
    ['mqtts://broker.example.com:8883', 'broker.example.com resolves to 93.184.216.34'],
  ])('refuses %s', async (url, why) => {
    const error: unknown = await assertLoopbackBroker(url, resolvesTo('93.184.216.34')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SimulatorException);
    expect(error).toMatchObject({
      code: SimulatorErrorCode.NOT_LOOPBACK,
      message: `load mode only runs against a broker on this machine (127.0.0.0/8, ::1, localhost); ${why}`,
    });
  });

  it('refuses a name that does not resolve', async () => {
    const fails: HostLookup = () => Promise.reject(new Error('ENOTFOUND'));
    await expect(assertLoopbackBroker('mqtt://nowhere:1883', fails)).rejects.toThrow(
      'nowhere does not resolve (ENOTFOUND)',
    );
  });
});
