import { scheduledPeriod } from './report-schedule';

const settings = { enabled: true, day: 1, hour: 8 };

describe('the monthly report schedule (Asia/Shanghai)', () => {
  it('from 08:00 Beijing on the 1st to the end of that day: last month', () => {
    expect(scheduledPeriod(Date.UTC(2026, 11, 1, 0, 0), settings)?.label).toBe('2026-11'); // 08:00 on 1 December
    expect(scheduledPeriod(Date.UTC(2026, 11, 1, 15, 59), settings)?.label).toBe('2026-11'); // 23:59
    expect(scheduledPeriod(Date.UTC(2026, 11, 31, 16, 0), settings)).toBeNull(); // 00:00 on 1 January: before 08:00
    expect(scheduledPeriod(Date.UTC(2027, 0, 1, 0, 0), settings)?.label).toBe('2026-12');
  });

  it('not before the hour, and not on another day', () => {
    expect(scheduledPeriod(Date.UTC(2026, 10, 30, 23, 59), settings)).toBeNull(); // 07:59 on 1 December
    expect(scheduledPeriod(Date.UTC(2026, 11, 1, 16, 0), settings)).toBeNull(); // 00:00 on 2 December
    expect(scheduledPeriod(Date.UTC(2026, 11, 2, 2, 0), { ...settings, day: 2, hour: 10 })?.label).toBe(
      '2026-11',
    );
  });
});
