import { reminderDay } from './expiry-reminder-schedule';

describe('the day the expiry reminders are due', () => {
  const settings = { enabled: true, hour: 8 };

  it('is today (Beijing time) from 08:00 to midnight, and none before', () => {
    expect(reminderDay(Date.parse('2026-12-07T23:59:00Z'), settings)).toBeNull(); // 07:59 on the 8th
    expect(reminderDay(Date.parse('2026-12-08T00:00:00Z'), settings)).toBe('2026-12-08'); // 08:00
    expect(reminderDay(Date.parse('2026-12-08T15:59:00Z'), settings)).toBe('2026-12-08'); // 23:59
    expect(reminderDay(Date.parse('2026-12-08T16:00:00Z'), settings)).toBeNull(); // 00:00 on the 9th
  });
});
