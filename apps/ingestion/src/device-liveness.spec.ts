import { DeviceLiveness } from './device-liveness';

describe('DeviceLiveness', () => {
  const interval = 10_000;

  it('reports a device offline once when silent past 3 × its interval, and online at its next reading', () => {
    const live = new DeviceLiveness(3);
    expect(live.seen('m1', 'e1', interval, 1_000)).toBeNull();
    expect(live.sweep(1_000 + 3 * interval)).toEqual([]); // exactly at the limit: still fine
    expect(live.sweep(1_001 + 3 * interval)).toEqual([
      { deviceId: 'm1', enterpriseId: 'e1', status: 'offline', cause: 'silence', at: 1_001 + 3 * interval },
    ]);
    expect(live.sweep(100_000)).toEqual([]); // reported once
    expect(live.seen('m1', 'e1', interval, 100_500)).toEqual({
      deviceId: 'm1',
      enterpriseId: 'e1',
      status: 'online',
      cause: 'reading',
      at: 100_500,
    });
    expect(live.seen('m1', 'e1', interval, 101_000)).toBeNull();
  });

  it('keeps a device online while it reports within its interval, whatever the order readings arrive in', () => {
    const live = new DeviceLiveness(3);
    live.seen('m1', 'e1', interval, 50_000);
    live.seen('m1', 'e1', interval, 40_000); // a late, older reading does not move last-seen back
    expect(live.sweep(50_000 + 3 * interval)).toEqual([]);
  });

  it('forgets devices it no longer owns', () => {
    const live = new DeviceLiveness(3);
    live.seen('m1', 'e1', interval, 0);
    live.forget((id) => id === 'm1');
    expect(live.sweep(1_000_000)).toEqual([]);
  });
});
