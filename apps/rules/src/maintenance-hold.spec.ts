import type { MaintenanceWindowView } from '@park/records';
import { coveringSubjects, holdingWindow, isActive, type HeldSubject } from './maintenance-hold';

const E = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';
const T0 = Date.UTC(2026, 11, 7, 8, 0, 0);
const HOUR = 3_600_000;

function window(over: Partial<MaintenanceWindowView> = {}): MaintenanceWindowView {
  return {
    id: 'w1',
    subjectType: 'device',
    subjectId: 'DEV-1',
    enterpriseId: E,
    startsAt: T0,
    endsAt: T0 + 2 * HOUR,
    endedAt: null,
    endedBy: null,
    reason: '更换传感器',
    createdBy: 'officer',
    createdAt: T0 - HOUR,
    ...over,
  };
}

const device: HeldSubject = { enterpriseId: E, subjectType: 'device', subjectId: 'DEV-1', line: 'L1' };

describe('maintenance windows: which alerts they hold back', () => {
  it('is active from its start (inclusive) to its end (exclusive)', () => {
    const w = window();
    expect(isActive(w, T0 - 1)).toBe(false);
    expect(isActive(w, T0)).toBe(true);
    expect(isActive(w, T0 + 2 * HOUR - 1)).toBe(true);
    expect(isActive(w, T0 + 2 * HOUR)).toBe(false);
  });

  it('ends at its early end, not its planned one', () => {
    const w = window({ endedAt: T0 + HOUR });
    expect(isActive(w, T0 + HOUR - 1)).toBe(true);
    expect(isActive(w, T0 + HOUR)).toBe(false);
    expect(holdingWindow([w], device, T0 + 90 * 60_000)).toBeNull();
  });

  it("holds back a device's alert by the device's own window, not another device's or enterprise's", () => {
    expect(holdingWindow([window()], device, T0 + 1)?.id).toBe('w1');
    expect(holdingWindow([window({ subjectId: 'DEV-2' })], device, T0 + 1)).toBeNull();
    expect(holdingWindow([window({ enterpriseId: OTHER })], device, T0 + 1)).toBeNull();
  });

  it("holds back a device's alert by its line's window, and a line's alert by the line's window only", () => {
    const line = window({ id: 'wl', subjectType: 'line', subjectId: 'L1' });
    expect(holdingWindow([line], device, T0 + 1)?.id).toBe('wl');
    expect(holdingWindow([line], { ...device, line: null }, T0 + 1)).toBeNull();
    const lineSubject: HeldSubject = { enterpriseId: E, subjectType: 'line', subjectId: 'L1', line: null };
    expect(holdingWindow([line], lineSubject, T0 + 1)?.id).toBe('wl');
    // A device window does not silence the whole line it sits on.
    expect(holdingWindow([window({ subjectId: 'L1' })], lineSubject, T0 + 1)).toBeNull();
  });

  it('names the window that lasts longest when several hold the alert back', () => {
    const short = window({ id: 'short', endsAt: T0 + HOUR });
    const long = window({ id: 'long', subjectType: 'line', subjectId: 'L1', endsAt: T0 + 5 * HOUR });
    const cut = window({ id: 'cut', endsAt: T0 + 9 * HOUR, endedAt: T0 + 30 * 60_000 });
    expect(holdingWindow([short, long, cut], device, T0 + 1)?.id).toBe('long');
  });

  it('asks the records for the device and its line, or the line alone', () => {
    expect(coveringSubjects(device)).toEqual([
      { enterpriseId: E, subjectType: 'device', subjectId: 'DEV-1' },
      { enterpriseId: E, subjectType: 'line', subjectId: 'L1' },
    ]);
    expect(coveringSubjects({ ...device, line: null })).toHaveLength(1);
  });
});
