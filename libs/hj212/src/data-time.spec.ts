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

  it('reads the 17-digit form with milliseconds that loggers send (QN style)', () => {
    // allbs-hj212's README and xiaoyao9184/hj-t212-parser issue #5 show DataTime=…003817000 from real loggers.
    expect(parseDataTime('20210305003817000')).toBe(Date.parse('2021-03-05T00:38:17.000+08:00'));
    expect(parseDataTime('20210722140000509')).toBe(Date.parse('2021-07-22T06:00:00.509Z'));
    expect(parseDataTime('20240229235959999')).toBe(Date.parse('2024-02-29T15:59:59.999Z'));
    expect(parseDataTime('20230229120000000')).toBeNull();
  });

  it.each([
    '2016080108400',
    '2016080108400000',
    '201608010840000000',
    '20160801084000.000',
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
