import { parkDate, parsePeriod, periodTitle, previousMonth } from './report-period';

describe('report periods on the park clock (Asia/Shanghai)', () => {
  it('a month runs from its first midnight in Beijing (16:00 UTC the day before) to the next month’s', () => {
    const period = parsePeriod('2026-11');
    expect(period).toEqual({
      granularity: 'month',
      label: '2026-11',
      from: Date.UTC(2026, 9, 31, 16),
      to: Date.UTC(2026, 10, 30, 16),
    });
    expect(periodTitle(period!)).toBe('2026年11月');
  });

  it('a day is 24 hours from Beijing midnight; a date that does not exist is no period', () => {
    expect(parsePeriod('2026-11-30')).toMatchObject({
      from: Date.UTC(2026, 10, 29, 16),
      to: Date.UTC(2026, 10, 30, 16),
    });
    expect(parsePeriod('2026-02-30')).toBeNull();
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod('November')).toBeNull();
  });

  it('the run at 08:00 Beijing on 1 December reports November; in January it reports last December', () => {
    expect(previousMonth(Date.UTC(2026, 11, 1, 0)).label).toBe('2026-11');
    expect(previousMonth(Date.UTC(2026, 11, 31, 16, 30)).label).toBe('2026-12'); // 00:30 on 1 January in Beijing
    expect(previousMonth(Date.UTC(2027, 0, 1, 0)).label).toBe('2026-12');
    expect(parkDate(Date.UTC(2026, 10, 29, 16))).toBe('2026-11-30');
  });
});
