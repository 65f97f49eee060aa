import { parseDataTime } from './data-time';

describe('parseDataTime (China Standard Time, UTC+8)', () => {
  it('reads YYYYMMDDhhmmss as +08:00', () => {
    expect(parseDataTime('20160801084000')).toBe(Date.parse('2016-08-01T08:40:00+08:00'));
    expect(parseDataTime('20210722130000')).toBe(Date.parse('2021-07-22T05:00:00Z'));
  });

  it('crosses midnight and the year backwards into UTC', () => {
    expect(parseDataTime('20240101000000')).toBe(Date.parse('2023-12-31T16:00:00Z'));
  });

  it('knows leap days', () => {
    expect(parseDataTime('20240229120000')).toBe(Date.parse('2024-02-29T04:00:00Z'));
    expect(parseDataTime('20230229120000')).toBeNull();
  });

  it.each([
    '2016080108400',
    '201608010840000',
    '2016-08-01 08:40',
    '20161301000000',
    '20160431000000',
    '20160801240000',
    '20160801086000',
    '20160801084060',
    '00500101000000',
    '',
    undefined,
  ])('refuses %j', (raw) => {
    expect(parseDataTime(raw)).toBeNull();
  });
});
