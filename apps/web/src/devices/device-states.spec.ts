import type { DeviceStatusEvent, TelemetryUpdate } from '@park/contracts';
import {
  filterByState,
  needsRefresh,
  stateCounts,
  valueText,
  withDeviceStatus,
  withReading,
  type DeviceStateView,
} from './device-states';

const T = Date.parse('2026-12-07T02:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function row(id: string, state: 'online' | 'offline', lastSeen: number | null): DeviceStateView {
  return {
    id,
    name: id,
    kind: 'stack-gas',
    enterpriseId: 'e1',
    location: null,
    line: null,
    enabled: true,
    expectedIntervalS: 60,
    state,
    lastSeenAt: lastSeen === null ? null : iso(lastSeen),
    values:
      lastSeen === null ? [] : [{ metric: 'so2', value: 12, unit: 'mg/m³', at: iso(lastSeen), quality: 'C' }],
  };
}

const status = (deviceId: string, s: 'online' | 'offline', at: number): DeviceStatusEvent => ({
  v: 1,
  deviceId,
  enterpriseId: 'e1',
  status: s,
  at,
  cause: s === 'offline' ? 'silence' : 'reading',
});

const reading = (deviceId: string, ts: number, values: Record<string, number>): TelemetryUpdate => ({
  v: 1,
  deviceId,
  enterpriseId: 'e1',
  kind: 'stack-gas',
  ts,
  values,
  units: { so2: 'mg/m³' },
});

describe('devices page model', () => {
  const rows = [row('a', 'online', T), row('b', 'offline', T - 3_600_000), row('c', 'offline', null)];

  it('turns a device offline or online as its status events say, and touches no other', () => {
    const next = withDeviceStatus(rows, status('a', 'offline', T + 200_000));
    expect(next.map((r) => r.state)).toEqual(['offline', 'offline', 'offline']);
    expect(withDeviceStatus(next, status('a', 'online', T + 300_000))[0].state).toBe('online');
  });

  it('keeps a device online when an offline event is older than its newest reading', () => {
    expect(withDeviceStatus(rows, status('a', 'offline', T - 1))[0].state).toBe('online');
  });

  it('marks a reporting device online with its new last-seen time, never moving it back', () => {
    const next = withReading(rows, reading('b', T + 5_000, { so2: 3 }));
    expect(next[1]).toMatchObject({ state: 'online', lastSeenAt: iso(T + 5_000) });
    expect(withReading(next, reading('b', T, { so2: 3 }))[1].lastSeenAt).toBe(iso(T + 5_000));
    expect(withReading(rows, reading('c', T, { so2: 1 }))[2]).toMatchObject({
      state: 'online',
      lastSeenAt: iso(T),
    });
  });

  it('asks for a re-read only when an event brings a newer value than shown', () => {
    expect(needsRefresh(rows, reading('a', T, { so2: 1 }))).toBe(false);
    expect(needsRefresh(rows, reading('a', T + 1, { so2: 1 }))).toBe(true);
    expect(needsRefresh(rows, reading('a', T, { o2: 8 }))).toBe(true);
    expect(needsRefresh(rows, reading('zz', T + 1, { so2: 1 }))).toBe(false);
  });

  it('counts and filters by state', () => {
    expect(stateCounts(rows)).toEqual({ all: 3, online: 1, offline: 2 });
    expect(filterByState(rows, 'offline').map((r) => r.id)).toEqual(['b', 'c']);
    expect(filterByState(rows, '')).toHaveLength(3);
  });

  it('writes a value with its unit, a state by name and a flag as yes or no', () => {
    const yesNo = { yes: '是', no: '否' };
    const value = { metric: 'so2', value: 1234.5, unit: 'mg/m³', at: iso(T), quality: null };
    expect(valueText('stack-gas', value, 'zh-CN', yesNo)).toBe('1,234.5 mg/m³');
    expect(valueText('smoke', { ...value, metric: 'smoke', value: true, unit: '' }, 'zh-CN', yesNo)).toBe(
      '是',
    );
  });
});
