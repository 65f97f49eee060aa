import { moveOrigin, overThreshold } from './indicator-labels';
import { INDICATOR_MESSAGES_EN, INDICATOR_MESSAGES_ZH } from './indicator-messages';

describe('indicator labels', () => {
  it('highlights a difference over 5 % either way', () => {
    expect(overThreshold(5)).toBe(false);
    expect(overThreshold(-7.4)).toBe(true);
    expect(overThreshold(null)).toBe(false);
  });

  it('moves an origin within the order', () => {
    expect(moveOrigin(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveOrigin(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('has every origin in Chinese without English words', () => {
    for (const o of [
      'power-company',
      'tax-bureau',
      'hr-bureau',
      'statistics-bureau',
      'metered',
      'manual',
    ] as const)
      expect(INDICATOR_MESSAGES_ZH[`indicators.origin.${o}`]).toMatch(/^[\u4e00-\u9fa5]+$/);
    expect(Object.keys(INDICATOR_MESSAGES_EN).sort()).toEqual(Object.keys(INDICATOR_MESSAGES_ZH).sort());
  });
});
