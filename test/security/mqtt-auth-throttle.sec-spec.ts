/**
 * MQTT password guessing (docs/security-mqtt.md §3): failed logins are counted for /metrics and slowed per client
 * address — progressively, one check at a time, with parallel attempts beyond a small queue refused unchecked —
 * while the real device behind the same address still gets in. Embedded broker (park-mosquitto 2.0 has no
 * throttle: see the doc).
 */
import type { MqttClient } from 'mqtt';
import { expectAllHandled } from './support/tally';
import {
  connectClient,
  counterValue,
  DeviceAccounts,
  startEmbedded,
  type RunningEmbedded,
} from './support/mqtt-brokers';

const DEVICE = 'sec-meter-t';
const FREE_FAILURES = 3;
// Far above what a refused login costs even on a loaded 2-core machine (scrypt, one CONNACK), so "answered at once"
// and "slowed" cannot be confused: at 300 ms a slow free failure read as throttled.
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 2_000;
const MAX_QUEUED = 2;

describe('MQTT login throttle and auth-failure metrics', () => {
  let accounts: DeviceAccounts;
  let embedded: RunningEmbedded;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    accounts = await DeviceAccounts.create([DEVICE]);
    embedded = await startEmbedded(accounts, {
      throttle: {
        freeFailures: FREE_FAILURES,
        baseDelayMs: BASE_DELAY_MS,
        maxDelayMs: MAX_DELAY_MS,
        maxQueued: MAX_QUEUED,
      },
    });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await embedded?.broker.close();
  });

  /** One login attempt: how it ended and how long the CONNACK took. */
  async function attempt(password: string): Promise<{ outcome: string; ms: number }> {
    const started = Date.now();
    try {
      const client = await connectClient(embedded.url, { username: DEVICE, password, protocolVersion: 4 });
      clients.push(client);
      return { outcome: 'connected', ms: Date.now() - started };
    } catch (error) {
      const message = (error as Error).message;
      const outcome = /bad user ?name or password/i.test(message)
        ? 'bad-credentials'
        : /server unavailable/i.test(message)
          ? 'busy'
          : message;
      return { outcome, ms: Date.now() - started };
    }
  }

  const failures = async () =>
    counterValue(await embedded.registry.metrics(), 'park_mqtt_auth_failures_total', {
      reason: 'bad-credentials',
    });

  it('counts failures, slows an address past its free failures, caps parallel guesses, lets the device in', async () => {
    await expectAllHandled('mqtt-auth-throttle', [
      {
        name: 'the first failures of an address are answered at once and counted',
        check: async () => {
          const results: { outcome: string; ms: number }[] = [];
          for (let i = 0; i < FREE_FAILURES; i++) results.push(await attempt(`guess-${i}`));
          return (
            results.every((r) => r.outcome === 'bad-credentials' && r.ms < BASE_DELAY_MS) &&
            (await failures()) === FREE_FAILURES
          );
        },
      },
      {
        name: 'the next guess is checked only after a delay',
        check: async () => {
          const r = await attempt('guess-slow');
          return r.outcome === 'bad-credentials' && r.ms >= BASE_DELAY_MS;
        },
      },
      {
        name: 'ten parallel guesses: at most the queue is checked, the rest refused unchecked',
        check: async () => {
          const before = await failures();
          const results = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(`burst-${i}`)));
          const checked = (await failures()) - before;
          const busy = results.filter((r) => r.outcome === 'busy').length;
          return checked <= MAX_QUEUED && busy >= 10 - MAX_QUEUED;
        },
      },
      {
        name: 'the real device behind the same address still gets in, after at most the delay',
        check: async () => {
          const r = await attempt(accounts.secret(DEVICE));
          return r.outcome === 'connected' && r.ms < MAX_DELAY_MS * (MAX_QUEUED + 1) + 1_000;
        },
      },
      {
        name: 'a success does not clear the address: the next guess is still slowed',
        check: async () => {
          const r = await attempt('guess-after-success');
          return r.outcome === 'bad-credentials' && r.ms >= BASE_DELAY_MS;
        },
      },
    ]);
    const text = await embedded.registry.metrics();
    expect(counterValue(text, 'park_mqtt_auth_throttled_total', { outcome: 'delayed' })).toBeGreaterThan(0);
    expect(counterValue(text, 'park_mqtt_auth_throttled_total', { outcome: 'refused' })).toBeGreaterThan(0);
  });
});
