import { customWindow, parkDate, presetWindow, touShares } from './energy-model';

describe('energy page presets', () => {
  // 2025-11-27 01:30 in Shanghai is still 26 November in UTC.
  const now = Date.parse('2025-11-27T01:30:00+08:00');

  it('starts each preset at a park-time midnight and ends at the next one', () => {
    expect(presetWindow('today', now)).toEqual({
      from: Date.parse('2025-11-27T00:00:00+08:00'),
      to: Date.parse('2025-11-28T00:00:00+08:00'),
    });
    expect(presetWindow('7d', now).from).toBe(Date.parse('2025-11-21T00:00:00+08:00'));
    expect(presetWindow('month', now).from).toBe(Date.parse('2025-11-01T00:00:00+08:00'));
    expect(presetWindow('year', now).from).toBe(Date.parse('2025-01-01T00:00:00+08:00'));
  });

  it('gives each time-of-use band its share of the total', () => {
    expect(touShares({ peak: 2560, flat: 1100, valley: 640 })).toEqual({
      peak: 59.5,
      flat: 25.6,
      valley: 14.9,
    });
    expect(touShares({ peak: 0, flat: 0, valley: 0 })).toEqual({ peak: 0, flat: 0, valley: 0 });
  });

  it('reads a custom range of park-time days, both named days included, and refuses a reversed or too long one', () => {
    expect(customWindow('2025-11-01', '2025-11-30')).toEqual({
      from: Date.parse('2025-11-01T00:00:00+08:00'),
      to: Date.parse('2025-12-01T00:00:00+08:00'),
    });
    expect(customWindow('2025-11-27', '2025-11-27')).toEqual({
      from: Date.parse('2025-11-27T00:00:00+08:00'),
      to: Date.parse('2025-11-28T00:00:00+08:00'),
    });
    expect(customWindow('2025-11-28', '2025-11-27')).toBeNull();
    expect(customWindow('2024-01-01', '2025-03-01')).toBeNull(); // over 400 days
    expect(customWindow('', '2025-11-27')).toBeNull();
    // A date input shows the park-time day, not the UTC one.
    expect(parkDate(now)).toBe('2025-11-27');
  });
});
