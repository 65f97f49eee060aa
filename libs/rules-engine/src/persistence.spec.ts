import type { RuleDefinition, RuleState } from './engine';
import type { DeviceOfflineState } from './kinds/device-offline-rule';
import { mustPersist } from './persistence';

const offline = (factor: number, expectedIntervalMs = 10_000): RuleDefinition => ({
  kind: 'device-offline',
  params: { expectedIntervalMs, factor, level: 1 },
});
const seen = (lastSeen: number | null, extra: Partial<DeviceOfflineState> = {}): DeviceOfflineState => ({
  kind: 'device-offline',
  v: 1,
  lastSeen,
  lastStatusTs: null,
  offline: false,
  ...extra,
});

describe('mustPersist', () => {
  describe('device-offline: "last seen" alone is written once it is allowed − 2 × interval ahead', () => {
    const rule = offline(3); // allowed 30 s, so "last seen" may lag the stored value by up to 10 s

    it('keeps small moves of "last seen" in memory', () => {
      expect(mustPersist(rule, seen(100_000), seen(105_000))).toBe(false);
      expect(mustPersist(rule, seen(100_000), seen(110_000))).toBe(false);
      expect(mustPersist(rule, seen(100_000), seen(100_000))).toBe(false);
    });

    it('writes "last seen" once it is further ahead than that, or when it goes back', () => {
      expect(mustPersist(rule, seen(100_000), seen(110_001))).toBe(true);
      expect(mustPersist(rule, seen(100_000), seen(90_000))).toBe(true);
    });

    it('always writes the first "last seen" and anything that raises or clears the alert', () => {
      expect(mustPersist(rule, null, seen(100_000))).toBe(true);
      expect(mustPersist(rule, seen(null), seen(100_000))).toBe(true);
      expect(mustPersist(rule, seen(100_000), seen(100_000, { offline: true, silentFrom: 100_000 }))).toBe(
        true,
      );
      expect(mustPersist(rule, seen(100_000, { offline: true, silentFrom: 100_000 }), seen(101_000))).toBe(
        true,
      );
      expect(mustPersist(rule, seen(100_000), seen(100_000, { lastStatusTs: 100_500 }))).toBe(true);
    });

    it('writes every reading when the rule allows two intervals or fewer (no slack to spend)', () => {
      expect(mustPersist(offline(2), seen(100_000), seen(100_001))).toBe(true);
      expect(mustPersist(offline(1), seen(100_000), seen(100_001))).toBe(true);
    });

    it('needs no row for a subject still in its initial state', () => {
      expect(mustPersist(rule, null, seen(null))).toBe(false);
    });
  });

  describe('every other kind: any change is written', () => {
    const threshold: RuleDefinition = {
      kind: 'threshold',
      params: { direction: 'above', level1: 10, level2: 20, hysteresis: 0 },
    } as unknown as RuleDefinition;
    const state = (lastTs: number | null, level: 0 | 1 | 2 = 0) =>
      ({ kind: 'threshold', v: 1, lastTs, level }) as RuleState;

    it('writes a new lastTs, and not an unchanged state', () => {
      expect(mustPersist(threshold, state(1), state(2))).toBe(true);
      expect(mustPersist(threshold, state(2, 1), state(2, 1))).toBe(false);
      expect(mustPersist(threshold, null, state(null))).toBe(false);
      expect(mustPersist(threshold, null, state(5))).toBe(true);
    });
  });
});
