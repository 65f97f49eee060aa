import { parseCliArgs, parseScenarioArg, type CliOptions, type FleetCliOptions } from './cli-args';
import { SimulatorErrorCode, SimulatorException } from './simulator.exception';

const NOW = Date.parse('2025-03-03T10:00:00+08:00');
const defaults = { brokerUrl: 'mqtt://127.0.0.1:1883', fleetPath: '/x/demo.json', wallNow: NOW };
const parse = (...argv: string[]): CliOptions => parseCliArgs(argv, defaults);
const fleet = (...argv: string[]) => parse(...argv) as FleetCliOptions;

function problems(...argv: string[]): readonly string[] {
  try {
    parse(...argv);
  } catch (error) {
    if (error instanceof SimulatorException && error.code === SimulatorErrorCode.BAD_ARGUMENT)
      return error.problems;
    throw error;
  }
  throw new Error('expected the arguments to be refused');
}

describe('fleet mode arguments', () => {
  it('runs the demo fleet in real time against the configured broker by default', () => {
    expect(parse()).toEqual({
      mode: 'fleet',
      brokerUrl: 'mqtt://127.0.0.1:1883',
      fleetPath: '/x/demo.json',
      speed: 1,
      seed: 1,
      durationMs: null,
      simStart: NOW,
      scenarios: [],
      idSuffix: null,
      only: null,
      jitter: 0.1,
      quiet: false,
      warnings: [],
    });
  });

  it('reads the documented example', () => {
    const o = fleet(
      '--broker',
      'mqtt://10.0.0.5:1883',
      '--fleet',
      'simulators/fleets/demo.json',
      '--speed',
      '60',
      '--seed',
      '1',
      '--scenario',
      'gas-leak:demo-gas-001',
      '--duration',
      '10m',
    );
    expect(o).toMatchObject({
      brokerUrl: 'mqtt://10.0.0.5:1883',
      fleetPath: 'simulators/fleets/demo.json',
      speed: 60,
      durationMs: 600_000,
      scenarios: [{ name: 'gas-leak', deviceId: 'demo-gas-001', afterMs: 0 }],
    });
    // Ten wall minutes at ×60 are ten sim hours, ending at the wall clock's end.
    expect(o.simStart + 60 * 600_000).toBe(NOW + 600_000);
    expect(o.warnings).toEqual([]);
  });

  it('accepts any MQTT broker URL, and nothing else', () => {
    for (const url of [
      'mqtts://broker.example.com:8883',
      'ws://127.0.0.1:8080/mqtt',
      'tcp://b:1883',
      'wss://b/mqtt',
    ])
      expect(fleet('--broker', url).brokerUrl).toBe(url);
    expect(problems('--broker', 'http://b:1883')).toEqual([
      '--broker must use mqtt, mqtts, tcp, ws, wss, got "http"',
    ]);
    expect(problems('--broker', '127.0.0.1:1883')).toEqual([
      '--broker must be a URL like mqtt://127.0.0.1:1883, got "127.0.0.1:1883"',
    ]);
    expect(problems('--broker', 'not a url')).toEqual([
      '--broker must be a URL like mqtt://127.0.0.1:1883, got "not a url"',
    ]);
  });

  it('needs a duration or a start to accelerate, so readings are never ahead of the platform clock', () => {
    expect(problems('--speed', '60')).toEqual([
      '--speed above 1 needs --duration (the sim clock then starts in the past and reaches now as the run ends) or --start',
    ]);
    const o = fleet('--speed', '60', '--start', '2025-03-03T08:00:00+08:00');
    expect(o.simStart).toBe(Date.parse('2025-03-03T08:00:00+08:00'));
    expect(o.warnings).toEqual([
      'sim time passes the real clock after 2m2s: the platform rejects readings more than 5m ahead (TS_IN_FUTURE)',
    ]);
  });

  it('refuses a sim clock that starts beyond the platform retention', () => {
    expect(problems('--speed', '10000', '--duration', '1h')).toEqual([
      "the sim clock would start 416d15h ago, beyond the platform's 90d retention: readings would be rejected as too old; lower --speed or --duration",
    ]);
  });

  it('names every bad value at once', () => {
    expect(
      problems(
        '--speed',
        'fast',
        '--seed',
        '1.5',
        '--duration',
        '10 minutes',
        '--jitter',
        '0.9',
        '--start',
        'tomorrow',
      ),
    ).toEqual([
      '--seed must be an integer, got "1.5"',
      '--duration must be a duration like 30s, 10m or 2h, got "10 minutes"',
      '--speed must be a number above 0, at most 100000, got "fast"',
      '--jitter must be a number 0–0.5, got "0.9"',
      '--start must be ISO-8601 with a time zone (2025-03-03T08:00:00+08:00) or "now", got "tomorrow"',
    ]);
  });

  it('refuses unknown options and stray words', () => {
    expect(problems('--sped', '60')[0]).toContain("Unknown option '--sped'");
    expect(problems('demo')[0]).toContain("Unexpected argument 'demo'");
  });

  it('reads scenarios with a parameter and a delay, several times over', () => {
    expect(
      fleet('--scenario', 'bad-payloads:demo-ww-001:0.3@10m', '--scenario', 'silent:demo-temp-001:drop')
        .scenarios,
    ).toEqual([
      { name: 'bad-payloads', deviceId: 'demo-ww-001', param: '0.3', afterMs: 600_000 },
      { name: 'silent', deviceId: 'demo-temp-001', param: 'drop', afterMs: 0 },
    ]);
    // The analyser fault's parameter is comma-separated, so it survives the colon-separated argument.
    expect(fleet('--scenario', 'analyser-fault:demo-cems-001:so2,nox,C@30m').scenarios).toEqual([
      { name: 'analyser-fault', deviceId: 'demo-cems-001', param: 'so2,nox,C', afterMs: 1_800_000 },
    ]);
  });

  it('says what is wrong with a scenario', () => {
    expect(parseScenarioArg('fire:demo-smoke-001')).toBe(
      '--scenario "fire:demo-smoke-001": unknown scenario "fire" (one of gas-leak, treatment-off, emission-exceedance, silent, meter-replaced, bad-payloads, fire-alarm, overpressure, detector-fault, wastewater-exceedance, analyser-fault)',
    );
    expect(parseScenarioArg('gas-leak')).toBe('--scenario "gas-leak": expected NAME:DEVICE[:PARAM][@AFTER]');
    expect(parseScenarioArg('gas-leak:demo-gas-001@soon')).toBe(
      '--scenario "gas-leak:demo-gas-001@soon": "@soon" is not a duration like @5m',
    );
  });

  it('reads --only, --id-suffix and --quiet', () => {
    expect(fleet('--only', 'demo-gas-001, demo-meter-001', '--id-suffix', 'run-7', '--quiet')).toMatchObject({
      only: ['demo-gas-001', 'demo-meter-001'],
      idSuffix: 'run-7',
      quiet: true,
    });
    expect(problems('--id-suffix', 'a/b')).toEqual(['--id-suffix must be 1–24 letters, digits, "_" or "-"']);
  });

  it('keeps load-mode options out of fleet mode', () => {
    expect(problems('--rate', '5')).toEqual(['--rate only applies to load mode (--load N)']);
  });
});

describe('load mode arguments', () => {
  it('reads devices, rate and duration', () => {
    expect(parse('--load', '100', '--rate', '2', '--duration', '30s')).toEqual({
      mode: 'load',
      brokerUrl: 'mqtt://127.0.0.1:1883',
      devices: 100,
      ratePerDevice: 2,
      durationMs: 30_000,
      idPrefix: 'load',
      seed: 1,
    });
  });

  it('is bounded in time, devices and rate', () => {
    expect(problems('--load', '100')).toEqual(['load mode needs --duration, at most 30m']);
    expect(problems('--load', '20000', '--duration', '1m')).toEqual([
      '--load must be a whole number of devices, 1–10000',
    ]);
    expect(problems('--load', '5000', '--rate', '10', '--duration', '2m')).toEqual([
      '--load × --rate must be at most 20000 messages/s in total',
      '--load × --rate × --duration must be at most 5000000 messages',
    ]);
    expect(problems('--load', 'many', '--rate', 'fast', '--duration', '1m')).toEqual([
      '--load must be a whole number of devices, got "many"',
      '--rate must be a number of messages per second, got "fast"',
    ]);
  });

  it('refuses fleet options in load mode', () => {
    expect(problems('--load', '10', '--duration', '1m', '--speed', '60', '--scenario', 'gas-leak:x')).toEqual(
      ['--speed, --scenario cannot be used with --load'],
    );
  });
});

describe('help', () => {
  it('asks for help with --help or -h', () => {
    expect(parse('--help')).toEqual({ mode: 'help' });
    expect(parse('-h')).toEqual({ mode: 'help' });
  });
});
