import { aggregateOf, intervalFor, meanBuckets, parseInstant, sourceFor, toPoints } from './series-plan';

const H = 3_600_000;
const D = 24 * H;

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
    // A shorter retention (the embedded store's TELEMETRY_RETENTION_DAYS): older windows read the hourly means.
    expect(sourceFor(now - 8 * D, now - 7 * D, now, 7 * D)).toBe('hourly');
    expect(sourceFor(now - 6 * D, now - 5 * D, now, 7 * D)).toBe('raw');
  });

  it('asks the hourly means for whole hours, or for park days that start at 00:00 Asia/Shanghai (16:00 UTC)', () => {
    expect(meanBuckets('hour')).toEqual({ intervalMs: H, offsetMs: 0 });
    const day = meanBuckets('day');
    expect(day.intervalMs).toBe(D);
    // 2025-11-27 00:00 in Shanghai is a bucket start: (ts - offset) is a whole number of days.
    const midnight = Date.parse('2025-11-27T00:00:00+08:00');
    expect((midnight - day.offsetMs) % D).toBe(0);
  });

  it('averages numbers and keeps the maximum of an alarm flag (booleans have no mean)', () => {
    expect(aggregateOf('number')).toBe('mean');
    expect(aggregateOf('boolean')).toBe('max');
  });

  it('turns points into chart points: booleans as 1/0, points without a value dropped', () => {
    expect(
      toPoints([
        { ts: 1, value: 2.5 },
        { ts: 2, value: null },
        { ts: 3, value: true },
        { ts: 4, value: false },
      ]),
    ).toEqual([
      { ts: 1, value: 2.5 },
      { ts: 3, value: 1 },
      { ts: 4, value: 0 },
    ]);
  });

  it('keeps a flagged point’s HJ 212 quality, and adds none to a normal one', () => {
    expect(
      toPoints([
        { ts: 1, value: 0, quality: 'D' },
        { ts: 2, value: 12.5 },
        { ts: 3, value: 480, quality: 'T' },
      ]),
    ).toEqual([
      { ts: 1, value: 0, quality: 'D' },
      { ts: 2, value: 12.5 },
      { ts: 3, value: 480, quality: 'T' },
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
