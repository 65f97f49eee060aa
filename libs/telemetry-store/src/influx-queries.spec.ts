import {
  bucketsStatement,
  countStatement,
  hourlyIncreaseStatement,
  hourlyRollupSelect,
  lastSeenStatement,
  lastValueStatement,
  pointsStatement,
  spreadStatement,
} from './influx-queries';
import type { DeviceMetricRange } from './telemetry-queries';

const H = 3_600_000;
const so2: DeviceMetricRange = {
  kind: 'stack-gas',
  metric: 'so2',
  deviceId: 'qd-cems-01',
  from: 1_000,
  to: 2_001,
};

describe('InfluxQL of the query port', () => {
  it('reads raw points with their quality tag and their count of one device, from inclusive and to exclusive', () => {
    expect(pointsStatement(so2)).toBe(
      `SELECT "so2", "quality" FROM "raw"."stack_gas" WHERE "device" = 'qd-cems-01' AND time >= 1000ms AND time < 2001ms ORDER BY time ASC`,
    );
    expect(countStatement(so2)).toBe(
      `SELECT count("so2") FROM "raw"."stack_gas" WHERE "device" = 'qd-cems-01' AND time >= 1000ms AND time < 2001ms`,
    );
  });

  it('aggregates the hourly data from its <aggregate>_<field> field, normal (untagged) values only', () => {
    expect(bucketsStatement({ ...so2, source: 'hourly', aggregate: 'mean', intervalMs: H })).toBe(
      `SELECT mean("mean_so2") FROM "hourly"."stack_gas" WHERE "device" = 'qd-cems-01' AND time >= 1000ms AND time < 2001ms AND "quality" = '' GROUP BY time(3600000ms) fill(none) ORDER BY time ASC`,
    );
    // Days of the park's clock: buckets shifted by 16 h; a negative offset is the same shift modulo the interval.
    const day = 24 * H;
    const daily = { ...so2, source: 'hourly' as const, aggregate: 'mean' as const, intervalMs: day };
    expect(bucketsStatement({ ...daily, offsetMs: 16 * H })).toContain(
      'GROUP BY time(86400000ms, 57600000ms)',
    );
    expect(bucketsStatement({ ...daily, offsetMs: -8 * H })).toContain(
      'GROUP BY time(86400000ms, 57600000ms)',
    );
    expect(bucketsStatement({ ...daily, offsetMs: day })).toContain('GROUP BY time(86400000ms) fill(none)');
    const smoke = { ...so2, kind: 'smoke', metric: 'smoke' };
    expect(bucketsStatement({ ...smoke, source: 'raw', aggregate: 'max', intervalMs: 60_000 })).toMatch(
      /^SELECT max\("smoke"\) FROM "raw"\."smoke" .* GROUP BY time\(60000ms\) fill\(none\)/,
    );
    expect(bucketsStatement({ ...smoke, source: 'hourly', aggregate: 'max', intervalMs: H })).toMatch(
      /^SELECT max\("max_smoke"\) FROM "hourly"\."smoke"/,
    );
  });

  it('narrows to the enterprise when given', () => {
    expect(pointsStatement({ ...so2, enterpriseId: 'ent-1' })).toContain(
      `WHERE "device" = 'qd-cems-01' AND "enterprise" = 'ent-1' AND time >= 1000ms`,
    );
  });

  it('sums non-negative counter differences per hour, the time condition only inside', () => {
    const kwh = { kind: 'power-meter', metric: 'kwh', deviceId: 'm1', enterpriseId: 'e1', from: 0, to: H };
    expect(hourlyIncreaseStatement(kwh)).toBe(
      `SELECT sum("d") FROM (SELECT non_negative_difference("kwh") AS "d" FROM "raw"."power_meter" ` +
        `WHERE "device" = 'm1' AND "enterprise" = 'e1' AND time >= 0ms AND time < 3600000ms) GROUP BY time(1h) fill(none)`,
    );
  });

  it('reads per device: newest point, last value, spread', () => {
    expect(lastSeenStatement(5)).toBe(
      `SELECT * FROM "raw"./.*/ WHERE time >= 5ms GROUP BY "device" ORDER BY time DESC LIMIT 1`,
    );
    expect(lastValueStatement({ kind: 'power-meter', metric: 'kw', from: 5 })).toBe(
      `SELECT last("kw") FROM "raw"."power_meter" WHERE time >= 5ms GROUP BY "device", "quality"`,
    );
    expect(spreadStatement({ kind: 'power-meter', metric: 'kwh', from: 5, to: 9 })).toBe(
      `SELECT spread("kwh") FROM "raw"."power_meter" WHERE time >= 5ms AND time < 9ms GROUP BY "device"`,
    );
  });

  it('rolls up like the continuous query, for a range when asked', () => {
    expect(hourlyRollupSelect('park')).toBe(
      `SELECT mean(*), min(*), max(*), count(*) INTO "park"."hourly".:MEASUREMENT FROM "park"."raw"./.*/ GROUP BY time(1h), *`,
    );
    expect(hourlyRollupSelect('park', { from: 0, to: H })).toContain(
      `FROM "park"."raw"./.*/ WHERE time >= 0ms AND time < 3600000ms GROUP BY time(1h), *`,
    );
  });

  it('quotes every caller string: an injected quote stays inside its identifier or literal', () => {
    const hostile = {
      ...so2,
      kind: 'x" y',
      metric: 'so2" FROM x --',
      deviceId: "a' OR 1=1",
      enterpriseId: "e'",
    };
    expect(pointsStatement(hostile)).toContain(`SELECT "so2\\" FROM x --", "quality" FROM "raw"."x\\" y"`);
    expect(pointsStatement(hostile)).toContain(`"device" = 'a\\' OR 1=1'`);
    expect(pointsStatement(hostile)).toContain(`"enterprise" = 'e\\''`);
    expect(bucketsStatement({ ...hostile, source: 'hourly', aggregate: 'mean', intervalMs: H })).toContain(
      `mean("mean_so2\\" FROM x --")`,
    );
    expect(() => pointsStatement({ ...so2, deviceId: "a'\nDROP DATABASE x" })).toThrow(/newline/);
  });

  it('writes times as whole milliseconds', () => {
    expect(pointsStatement({ ...so2, from: 1000.7, to: 2000.2 })).toContain(
      'time >= 1000ms AND time < 2000ms',
    );
  });
});
