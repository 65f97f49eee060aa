import {
  bool,
  ConfigError,
  int,
  list,
  loadConfig,
  loadConfigOrExit,
  namespace,
  secret,
  str,
  url,
  type Env,
} from './config';
import { alertLinkSpec, jwtSpec, kafkaSpec, mqttSpec, postgresSpec } from './shared-spec';

const SECRET_32 = 'x'.repeat(32);

/** Runs loadConfig and returns its ConfigError, failing the test when it does not throw one. */
function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('needs the alert link secret once a public address turns links on, and names it', () => {
    expect(loadConfig(alertLinkSpec, {})).toEqual({
      PUBLIC_BASE_URL: '',
      ALERT_LINK_SECRET: '',
      ALERT_LINK_TTL_MINUTES: 1440,
    });
    const error = configError(() => loadConfig(alertLinkSpec, { PUBLIC_BASE_URL: 'https://park.example' }));
    expect(error.problems).toEqual([
      'ALERT_LINK_SECRET is missing: expected HMAC secret for signing the alert links in notification messages ' +
        '(not JWT_SECRET) (secret, at least 32 characters); required when PUBLIC_BASE_URL is set',
    ]);
    const short = configError(() =>
      loadConfig(alertLinkSpec, {
        PUBLIC_BASE_URL: 'https://park.example',
        ALERT_LINK_SECRET: 'short-secret',
      }),
    );
    expect(short.message).toContain('ALERT_LINK_SECRET is invalid');
    expect(short.message).not.toContain('short-secret');
    expect(
      loadConfig(alertLinkSpec, { PUBLIC_BASE_URL: 'https://park.example', ALERT_LINK_SECRET: SECRET_32 }),
    ).toMatchObject({ PUBLIC_BASE_URL: 'https://park.example', ALERT_LINK_SECRET: SECRET_32 });
  });

  it('returns typed values, with defaults for what the environment leaves out', () => {
    const config = loadConfig({ ...kafkaSpec, ...postgresSpec, ...jwtSpec }, { JWT_SECRET: SECRET_32 });
    // These assignments are the type check: a wrong ConfigOf<> would fail `tsc`.
    const brokers: string[] = config.KAFKA_BROKERS;
    const partitions: number = config.KAFKA_TOPIC_PARTITIONS;
    const ttl: number = config.JWT_TTL_SECONDS;
    expect(brokers).toEqual(['127.0.0.1:9092']);
    expect(partitions).toBe(6);
    expect(ttl).toBe(8 * 3600);
    expect(config).toEqual({
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      KAFKA_CLIENT_ID: 'smart-park',
      PARK_NAMESPACE: '',
      KAFKA_TOPIC_PARTITIONS: 6,
      KAFKA_TOPIC_REPLICATION: 1,
      BUS: 'kafka',
      BUS_JOURNAL_PATH: '',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/smart_park',
      JWT_SECRET: SECRET_32,
      JWT_TTL_SECONDS: 28800,
    });
  });

  it('parses what the environment sets, in preference to defaults', () => {
    const config = loadConfig(
      { ...kafkaSpec, ...jwtSpec, VERBOSE: bool('log everything', false) },
      {
        KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
        KAFKA_TOPIC_PARTITIONS: '12',
        PARK_NAMESPACE: 'run-42',
        JWT_SECRET: SECRET_32,
        JWT_TTL_SECONDS: '3600',
        VERBOSE: 'true',
      },
    );
    expect(config).toMatchObject({
      KAFKA_BROKERS: ['kafka-1:9092', 'kafka-2:9092'],
      KAFKA_TOPIC_PARTITIONS: 12,
      PARK_NAMESPACE: 'run-42',
      JWT_TTL_SECONDS: 3600,
      VERBOSE: true,
    });
  });

  it('treats an empty variable as unset: the default applies, or it is missing', () => {
    expect(loadConfig({ A: str('a', 'fallback') }, { A: '' }).A).toBe('fallback');
    expect(configError(() => loadConfig({ A: str('a') }, { A: '' })).problems).toEqual([
      'A is missing: expected a',
    ]);
  });

  it('names a missing and an invalid variable together in one error, with what each expected', () => {
    const error = configError(() =>
      loadConfig({ ...kafkaSpec, ...jwtSpec }, { KAFKA_TOPIC_PARTITIONS: '0' }),
    );
    expect(error.problems).toEqual([
      'KAFKA_TOPIC_PARTITIONS="0" is invalid: expected partitions for topics the platform creates (integer 1..1000)',
      'JWT_SECRET is missing: expected HMAC secret for signing access tokens (secret, at least 32 characters)',
    ]);
    expect(error.message).toContain('KAFKA_TOPIC_PARTITIONS');
    expect(error.message).toContain('JWT_SECRET');
    expect(error.message.split('\n')).toHaveLength(3);
  });

  it('does not echo a rejected secret into the error (and so into the logs)', () => {
    const error = configError(() => loadConfig(jwtSpec, { JWT_SECRET: 'hunter2-but-too-short' }));
    expect(error.message).toContain('JWT_SECRET is invalid: expected');
    expect(error.message).toContain('at least 32 characters');
    expect(error.message).not.toContain('hunter2');
  });

  it('shows a non-secret invalid value, cut to 60 characters', () => {
    const error = configError(() => loadConfig({ N: int('n') }, { N: 'x'.repeat(100) }));
    expect(error.message).toContain(`N="${'x'.repeat(60)}" is invalid`);
    expect(error.message).not.toContain('x'.repeat(61));
  });

  it('reads only the variables of the spec', () => {
    const config = loadConfig({ A: str('a') }, { A: 'yes', PATH: '/usr/bin' });
    expect(config).toEqual({ A: 'yes' });
  });
});

describe('variable kinds', () => {
  const one = <T>(spec: Parameters<typeof loadConfig>[0], raw: string): T =>
    (loadConfig(spec, { V: raw }) as Record<string, unknown>).V as T;
  const refuses = (spec: Parameters<typeof loadConfig>[0], raw: string) =>
    configError(() => loadConfig(spec, { V: raw })).problems[0];

  describe('int', () => {
    const spec = { V: int('partitions', undefined, 1, 1000) };

    it.each([
      ['1', 1],
      ['1000', 1000],
      ['007', 7],
    ])('accepts %s', (raw, value) => {
      expect(one<number>(spec, raw)).toBe(value);
    });

    it.each(['0', '1001', '1.5', '1e3', ' 5', '5 ', 'ten', '-1', '0x10', '+5'])('refuses %j', (raw) => {
      expect(refuses(spec, raw)).toContain('(integer 1..1000)');
    });

    it('accepts negatives when the range allows them', () => {
      expect(one<number>({ V: int('offset', undefined, -10, 10) }, '-3')).toBe(-3);
    });

    it('refuses integers beyond the safe range by default', () => {
      expect(refuses({ V: int('big') }, '9007199254740993')).toContain('is invalid');
    });
  });

  describe('url', () => {
    it('accepts each of the listed protocols', () => {
      expect(loadConfig(postgresSpec, {}).DATABASE_URL).toMatch(/^postgres:\/\//);
      const pg = { V: url('db', ['postgres', 'postgresql']) };
      expect(one<string>(pg, 'postgresql://u@db:5432/park')).toBe('postgresql://u@db:5432/park');
      expect(one<string>(pg, 'postgres://db/park')).toBe('postgres://db/park');
    });

    it.each(['mysql://db/park', 'http://db', 'db:5432/park', 'not a url', 'postgres'])(
      'refuses %j for postgres',
      (raw) => {
        expect(refuses({ V: url('db', ['postgres', 'postgresql']) }, raw)).toContain(
          '(URL: postgres, postgresql)',
        );
      },
    );

    it('takes every MQTT transport the broker may offer, and not HTTP', () => {
      const spec = { V: mqttSpec.MQTT_URL };
      for (const raw of [
        'mqtt://b:1883',
        'mqtts://b:8883',
        'tcp://b:1883',
        'ws://b:8080/mqtt',
        'wss://b/mqtt',
      ]) {
        expect(one<string>(spec, raw)).toBe(raw);
      }
      expect(refuses(spec, 'http://b:1883')).toContain('MQTT broker URL');
    });
  });

  describe('list', () => {
    const spec = { V: list('brokers') };

    it('splits on commas, trims, and drops empty items', () => {
      expect(one<string[]>(spec, ' a:9092 ,b:9092,, c:9092 ,')).toEqual(['a:9092', 'b:9092', 'c:9092']);
      expect(one<string[]>(spec, 'only:9092')).toEqual(['only:9092']);
    });

    it('refuses a list with no items', () => {
      expect(refuses(spec, ' , ,')).toContain('(comma-separated)');
    });
  });

  describe('secret', () => {
    it('accepts the minimum length and refuses one character less', () => {
      expect(one<string>({ V: secret('jwt') }, SECRET_32)).toBe(SECRET_32);
      expect(refuses({ V: secret('jwt') }, 'x'.repeat(31))).toContain('at least 32 characters');
    });

    it('honours a custom minimum', () => {
      expect(one<string>({ V: secret('device token', 8) }, '12345678')).toBe('12345678');
      expect(refuses({ V: secret('device token', 8) }, '1234567')).toContain('at least 8 characters');
    });

    it('has no default: a missing secret is always named', () => {
      expect(configError(() => loadConfig({ V: secret('jwt') }, {})).problems[0]).toMatch(/^V is missing/);
    });
  });

  describe('namespace', () => {
    const spec = { V: namespace('run suffix') };

    it.each(['run-42', 'e2e_ab12', 'a'.repeat(40)])('accepts %j', (raw) => {
      expect(one<string>(spec, raw)).toBe(raw);
    });

    it('defaults to empty (no suffix)', () => {
      expect(loadConfig(spec, {}).V).toBe('');
    });

    it.each(['Prod', 'a.b', 'a b', 'a/b', 'park.telemetry', 'ü', 'a'.repeat(41)])('refuses %j', (raw) => {
      expect(refuses(spec, raw)).toContain('[a-z0-9_-]');
    });
  });

  describe('bool', () => {
    const spec = { V: bool('flag') };

    it.each([
      ['true', true],
      ['1', true],
      ['false', false],
      ['0', false],
    ])('reads %s as %s', (raw, value) => {
      expect(one<boolean>(spec, raw)).toBe(value);
    });

    it.each(['yes', 'TRUE', 'on', '2'])('refuses %j', (raw) => {
      expect(refuses(spec, raw)).toContain('(true/false)');
    });

    it('keeps a false default as false rather than treating it as unset', () => {
      expect(loadConfig({ V: bool('flag', false) }, {}).V).toBe(false);
    });
  });
});

describe('loadConfigOrExit', () => {
  it('prints what is wrong, prefixed with the app name, and exits 1', () => {
    const written: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation((code?: string | number | null) => {
      throw new Error(`exit ${String(code)}`);
    });
    try {
      const env: Env = {};
      expect(() => loadConfigOrExit('ingestion', jwtSpec, env)).toThrow('exit 1');
      expect(written.join('')).toMatch(/^ingestion: Invalid configuration:\n {2}- JWT_SECRET is missing/);
    } finally {
      write.mockRestore();
      exit.mockRestore();
    }
  });

  it('returns the config when it is valid', () => {
    expect(loadConfigOrExit('api', jwtSpec, { JWT_SECRET: SECRET_32 }).JWT_TTL_SECONDS).toBe(28800);
  });
});
