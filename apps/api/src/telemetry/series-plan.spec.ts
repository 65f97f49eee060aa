import {
  aggregateStatement,
  countStatement,
  intervalFor,
  parseInstant,
  rawStatement,
  sourceFor,
  toPoints,
  type SeriesWindow,
} from './series-plan';

const H = 3_600_000;
const D = 24 * H;
const window: SeriesWindow = {
  kind: 'stack-gas',
  metric: 'so2',
  type: 'number',
  deviceId: 'qd-cems-01',
  from: 1_000,
  to: 2_000,
};

describe('series plan', () => {
  it('rounds ceil(range / points) up to a round step', () => {
    expect(intervalFor(H, 300)).toBe(15_000); // 12 s → 15 s
    expect(intervalFor(H, 60)).toBe(60_000); // exactly a minute
    expect(intervalFor(7 * D, 300)).toBe(H); // 33.6 min → 1 h
    expect(intervalFor(400 * D, 10)).toBe(40 * D); // past the last step: whole days
    expect(intervalFor(10_000, 300)).toBe(1_000); // never under a second
    expect(intervalFor(2 * D, 300, H)).toBe(H); // the hourly means: never under an hour
  });

  it('reads raw points inside the retention and a month, the hourly means otherwise', () => {
    const now = 200 * D;
    expect(sourceFor(now - D, now, now)).toBe('raw');
    expect(sourceFor(now - 30 * D, now, now)).toBe('raw');
    expect(sourceFor(now - 31 * D, now, now)).toBe('hourly');
    expect(sourceFor(now - 91 * D, now - 90 * D, now)).toBe('hourly');
  });

  it('builds InfluxQL with every user string quoted', () => {
    expect(rawStatement(window)).toBe(
      `SELECT "so2" FROM "raw"."stack_gas" WHERE "device" = 'qd-cems-01' AND time >= 1000ms AND time <= 2000ms ORDER BY time ASC`,
    );
    expect(countStatement(window)).toBe(
      `SELECT count("so2") FROM "raw"."stack_gas" WHERE "device" = 'qd-cems-01' AND time >= 1000ms AND time <= 2000ms`,
    );
    expect(aggregateStatement(window, 'hourly', H)).toBe(
      `SELECT mean("mean_so2") FROM "hourly"."stack_gas" WHERE "device" = 'qd-cems-01' AND time >= 1000ms AND time <= 2000ms GROUP BY time(3600000ms) fill(none) ORDER BY time ASC`,
    );
    const hostile = { ...window, metric: 'so2" FROM x --', deviceId: "a' OR 1=1" };
    expect(rawStatement(hostile)).toContain(`SELECT "so2\\" FROM x --" FROM`);
    expect(rawStatement(hostile)).toContain(`"device" = 'a\\' OR 1=1'`);
  });

  it('keeps the maximum of an alarm flag (mean cannot average booleans)', () => {
    const smoke = { ...window, kind: 'smoke', metric: 'smoke', type: 'boolean' as const };
    expect(aggregateStatement(smoke, 'raw', 60_000)).toMatch(/^SELECT max\("smoke"\) FROM "raw"\."smoke"/);
    expect(aggregateStatement(smoke, 'hourly', H)).toMatch(/^SELECT max\("max_smoke"\) FROM "hourly"/);
  });

  it('turns rows into points: booleans as 1/0, rows without a value dropped', () => {
    expect(
      toPoints([
        [1, 2.5],
        [2, null],
        [3, true],
        [4, false],
      ]),
    ).toEqual([
      { ts: 1, value: 2.5 },
      { ts: 3, value: 1 },
      { ts: 4, value: 0 },
    ]);
  });

  it('reads epoch ms and ISO 8601 with a zone, and refuses the rest', () => {
    expect(parseInstant('1764207000000')).toBe(1_764_207_000_000);
    expect(parseInstant('2025-11-27T09:30:00+08:00')).toBe(Date.UTC(2025, 10, 27, 1, 30));
    expect(parseInstant('2025-11-27T01:30:00.250Z')).toBe(Date.UTC(2025, 10, 27, 1, 30, 0, 250));
    expect(parseInstant('2025-11-27T09:30:00')).toBeNaN(); // no zone: ambiguous
    expect(parseInstant('yesterday')).toBeNaN();
    expect(parseInstant('-5')).toBeNaN();
    expect(parseInstant(undefined)).toBeNaN();
  });
});
