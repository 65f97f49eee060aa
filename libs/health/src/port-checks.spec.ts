import { Logger, Module, ServiceUnavailableException, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthCheckService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { PortChecks, PortHealthModule } from './port-checks';

/** Any probe's response time: how long it took is not what these tests are about. */
const anyMs = expect.any(Number) as unknown;

@Module({ imports: [PortHealthModule] })
class HealthTestModule {}

/** A records DataSource as far as the check uses it: its type and `SELECT 1`. */
const recordsThat = (answer: () => Promise<unknown>) =>
  ({ options: { type: 'postgres' }, query: answer }) as unknown as DataSource;

const errorBody = async (run: Promise<unknown>): Promise<unknown> => {
  const error: unknown = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceUnavailableException);
  return (error as ServiceUnavailableException).getResponse();
};

describe('PortChecks with terminus', () => {
  let app: INestApplicationContext;
  let health: HealthCheckService;
  let checks: PortChecks;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(HealthTestModule, { logger: false });
    health = app.get(HealthCheckService);
    checks = app.get(PortChecks);
  });
  afterAll(() => app.close());
  let warn: jest.SpyInstance;
  // Terminus logs each failed check as an error, a quiet check its cause as a warning; the failures are on purpose.
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('answers ok with each check named for its port when every port answers', async () => {
    const result = await health.check([
      checks.records(recordsThat(() => Promise.resolve([{ '?column?': 1 }]))),
      checks.answers('bus', () => Promise.resolve(true)),
      checks.answers('mqtt', () => true),
    ]);
    expect(result).toMatchObject({
      status: 'ok',
      error: {},
      details: { records: { status: 'up' }, bus: { status: 'up' }, mqtt: { status: 'up' } },
    });
  });

  it('fails with 503 and the error when a port it needs does not answer', async () => {
    const body = await errorBody(
      health.check([
        checks.records(recordsThat(() => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:5432')))),
        checks.answers('bus', () => Promise.resolve(false)),
      ]),
    );
    expect(body).toMatchObject({
      status: 'error',
      error: {
        records: { status: 'down', message: 'connect ECONNREFUSED 10.0.0.5:5432' },
        bus: { status: 'down', message: 'does not answer' },
      },
    });
  });

  it('says only "does not answer" for a quiet check (a public route), and logs the cause', async () => {
    const body = await errorBody(
      health.check([
        checks.records(
          recordsThat(() => Promise.reject(new Error('password authentication failed for "park"'))),
          {
            quiet: true,
          },
        ),
      ]),
    );
    expect(body).toEqual({
      status: 'error',
      info: {},
      error: { records: { status: 'down', message: 'does not answer', responseTime: anyMs } },
      details: { records: { status: 'down', message: 'does not answer', responseTime: anyMs } },
    });
    expect(warn).toHaveBeenCalledWith('records does not answer: password authentication failed for "park"');
  });

  it('answers degraded, not 503, when only an optional port does not answer', async () => {
    const result = await health.check([
      checks.records(recordsThat(() => Promise.resolve([]))),
      checks.answers('telemetry', () => Promise.reject(new Error('socket hang up')), { optional: true }),
    ]);
    expect(result).toMatchObject({
      status: 'degraded',
      details: { records: { status: 'up' }, telemetry: { status: 'degraded', message: 'socket hang up' } },
    });
  });

  it('counts a probe that never answers as down once its timeout passes', async () => {
    const body = await errorBody(
      health.check([checks.answers('bus', () => new Promise<boolean>(() => undefined), { timeoutMs: 20 })]),
    );
    expect(body).toMatchObject({
      status: 'error',
      error: { bus: { status: 'down', message: 'timeout of 20ms exceeded' } },
    });
  });
});
