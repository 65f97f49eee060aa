import { DEVICE_KINDS } from '@park/contracts';
import { notOkPacket, okPacket, partsOf } from '../../../test/fixtures/hj212/golden';
import { parseDataSegment, type Hj212Packet } from './packet';
import { POLLUTANT_MAP, type Hj212Kind } from './pollutants';
import { mapPacketToReading, type MappedPacket } from './readings';

function packetOf(text: string): Hj212Packet {
  const result = parseDataSegment(Buffer.from(text));
  if (!result.ok) throw new Error(`${result.problem}: ${result.detail}`);
  return result.packet;
}

function fixturePacket(name: string): Hj212Packet {
  return packetOf(partsOf(okPacket(name)).data.toString());
}

function mapped(packet: Hj212Packet, kind: Hj212Kind): MappedPacket {
  const result = mapPacketToReading(packet, kind);
  if (!result.ok) throw new Error(`${result.problem}: ${result.detail}`);
  return result;
}

/** A data upload built from the standard's layout. */
function upload(cn: string, cp: string): Hj212Packet {
  return packetOf(
    `QN=20240601120000000;ST=31;CN=${cn};PW=123456;MN=M1;Flag=5;CP=&&DataTime=20240601120000;${cp}&&`,
  );
}
const T_20240601_1200_CST = Date.parse('2024-06-01T12:00:00+08:00');

describe('mapPacketToReading', () => {
  it('maps the published wastewater real-time packet: Rtd values, flow from L/s to m³/h, total nitrogen', () => {
    const result = mapped(fixturePacket('foxedge.2011-wastewater'), 'wastewater');
    expect(result.reading).toEqual({
      ts: Date.parse('2021-03-20T01:34:00+08:00'),
      values: { flow: 654.0552, tn: 45.16, tp: 1.97, nh3n: 53.131, cod: 194.2, ph: 7.496 },
    });
    expect(result.skipped).toEqual([]);
    expect(result.unpublishedFields.size).toBe(0); // SampleTime is bookkeeping, not a value
  });

  it('maps the published VOC/CEMS hourly packet: VOCs, flue-gas parameters, T-flagged values with their flag', () => {
    const result = mapped(fixturePacket('obsessiontech.2061-stack-gas-hourly'), 'stack-gas');
    expect(result.reading).toEqual({
      ts: Date.parse('2021-07-22T05:00:00Z'),
      values: {
        nmhc: 0.0196,
        temp: 39.7515,
        velocity: 5.7286,
        ch4: 0.1293,
        thc: 0.1489,
        humidity: 9.6075,
        o2: 15.1909,
        flow: 14094.36,
      },
      flags: { temp: 'T', velocity: 'T', humidity: 'T', o2: 'T' },
    });
    // a01013 = −123.07 kPa is below vacuum: the logger sends Pa under a kPa code (docs/hj212.md).
    expect(result.skipped).toEqual([
      { code: 'a01013', reason: 'out-of-range', metric: 'pressure', value: -123.0723 },
    ]);
    expect(Object.fromEntries(result.flagged)).toEqual({ T: 4 });
    expect(Object.fromEntries(result.unpublishedFields)).toEqual({ Min: 9, Max: 9, Cou: 4 });
  });

  it('stores the published CEMS packet whose instruments are all in fault with flag D on every value', () => {
    const result = mapped(fixturePacket('bocon.2011-stack-gas.all-flag-d'), 'stack-gas');
    const metrics = ['flow', 'pm', 'so2', 'nox', 'o2', 'velocity', 'temp', 'humidity', 'pressure'];
    expect(result.reading?.values).toEqual(Object.fromEntries(metrics.map((m) => [m, 0])));
    expect(result.reading?.flags).toEqual(Object.fromEntries(metrics.map((m) => [m, 'D'])));
    expect(Object.fromEntries(result.flagged)).toEqual({ D: 9 });
    expect(result.skipped.map((s) => s.code)).toEqual(['a21005', 'a21018', 'a21024', 'a01017']);
    expect(result.unpublishedFields.get('ZsRtd')).toBe(6);
  });

  it('publishes the published minute packet flagged T with its flags, and counts its ZsAvg fields', () => {
    const result = mapped(fixturePacket('obsessiontech.2051-stack-gas.flag-t'), 'stack-gas');
    expect(result.reading?.flags).toEqual({ temp: 'T', velocity: 'T', humidity: 'T', o2: 'T' });
    expect(Object.keys(result.reading?.values ?? {}).sort()).toEqual([
      'ch4',
      'humidity',
      'nmhc',
      'o2',
      'temp',
      'thc',
      'velocity',
    ]);
    expect(result.unpublishedFields.get('ZsAvg')).toBe(3);
  });

  it('maps 8 of the 11 codes of the public surface-water packet (3 before), leaving 3 the platform has no metric for', () => {
    const result = mapped(fixturePacket('allbs.2011-surface-water.11-codes'), 'wastewater');
    expect(result.reading).toEqual({
      ts: Date.parse('2021-03-01T11:11:00+08:00'),
      values: {
        ph: 8.33,
        do: 10.15,
        temp: 9.7,
        conductivity: 1425,
        turbidity: 13.1,
        tp: 0,
        tn: 3.563168,
        nh3n: 0.09055002,
      },
    });
    expect(result.skipped).toEqual([
      { code: 'w01019', reason: 'unmapped' }, // 高锰酸盐指数 (CODMn)
      { code: 'w01008', reason: 'unmapped' },
      { code: 'w23002', reason: 'unmapped' }, // 挥发酚
    ]);
  });

  it('reads the field packet with a 17-digit DataTime, no QN and no Flag (allbs-hj212)', () => {
    const packet = fixturePacket('allbs.2011-ms-datatime.no-qn-no-flag');
    expect([packet.qn, packet.flag]).toEqual([null, null]);
    const result = mapped(packet, 'wastewater');
    expect(result.reading).toBeNull(); // ele01/ele02 are a vendor's own codes
    expect(mapPacketToReading(packet, 'wastewater')).toMatchObject({ ok: true });
  });

  it('maps the field packet with HJ/T 212-2005 codes and a 17-digit DataTime (hj-t212-parser)', () => {
    const result = mapped(fixturePacket('xiaoyao9184.2011-wastewater.2005-codes.ms-datatime'), 'wastewater');
    expect(result.reading).toEqual({
      ts: Date.parse('2016-08-24T00:38:17.000+08:00'),
      values: { cod: 231, nh3n: 1.803 },
    });
    expect(result.skipped).toEqual([{ code: 'B01', reason: 'unmapped' }]);
  });

  it('maps the field VOC packet with a trailing ";" before "&&" and a code repeated for its Cou', () => {
    const result = mapped(fixturePacket('allbs.2011-voc.trailing-semicolon'), 'stack-gas');
    expect(result.reading?.values).toEqual({
      velocity: 0,
      humidity: 15,
      pressure: -18.74,
      flow: 0,
      nmhc: 1.25,
    });
    expect(result.skipped).toEqual([
      { code: 'a01015', reason: 'unmapped' }, // 制冷温度
      { code: 'a05002', reason: 'out-of-range', metric: 'ch4', value: -0.94 }, // zero drift below 0
    ]);
  });

  it('maps our CEMS + VOC packet: millisecond DataTime, D, M and T flags kept on their values', () => {
    const result = mapped(fixturePacket('park.2011-stack-gas-voc.ms-datatime.flags-d-m-t'), 'stack-gas');
    expect(result.reading).toEqual({
      ts: Date.parse('2026-12-06T10:15:00.000+08:00'),
      values: {
        so2: 18.62,
        nox: 45.2,
        pm: 3.1,
        o2: 9.8,
        flow: 51984,
        temp: 128.5,
        velocity: 12.4,
        pressure: -0.12,
        humidity: 9.6,
        nmhc: 182.3,
        thc: 184.1,
        ch4: 1.8,
      },
      flags: { nox: 'D', pm: 'M', nmhc: 'T', thc: 'T' },
    });
    expect(result.skipped).toEqual([]);
    expect(Object.fromEntries(result.flagged)).toEqual({ D: 1, M: 1, T: 2 });
  });

  it('maps all 10 mapped codes of our 11-code wastewater hourly packet, with their D and M flags', () => {
    const result = mapped(fixturePacket('park.2061-wastewater.11-codes.flags-d-m'), 'wastewater');
    expect(result.reading).toEqual({
      ts: Date.parse('2026-12-06T10:00:00+08:00'),
      values: {
        flow: 19.8,
        cod: 41.5,
        nh3n: 2.35,
        tp: 0.42,
        tn: 9.8,
        ph: 7.12,
        do: 6.2,
        temp: 18.5,
        conductivity: 1425,
        turbidity: 13.1,
      },
      flags: { tp: 'D', do: 'M' },
    });
    expect(result.skipped).toEqual([{ code: 'w01019', reason: 'unmapped' }]);
  });

  it('refuses a 16-digit DataTime clearly (neither the 14- nor the 17-digit form)', () => {
    const raw = notOkPacket('park.2011-datatime-16-digits');
    expect(mapPacketToReading(packetOf(partsOf(raw).data.toString()), 'stack-gas')).toEqual({
      ok: false,
      problem: 'BAD_DATA_TIME',
      detail: 'DataTime "2026120610150000" is not YYYYMMDDhhmmss[zzz]',
    });
  });

  it('maps every stack-gas code with Rtd for real-time data', () => {
    const result = mapped(
      upload(
        '2011',
        'a21026-Rtd=35.2,a21026-ZsRtd=50.1,a21026-Flag=N;a21002-Rtd=88,a21002-Flag=N;a34013-Rtd=4.5,a34013-Flag=N;' +
          'a19001-Rtd=11.2,a19001-Flag=N;a00000-Rtd=12.3,a00000-Flag=N;a01012-Rtd=85.5,a01012-Flag=N',
      ),
      'stack-gas',
    );
    expect(result.reading).toEqual({
      ts: T_20240601_1200_CST,
      values: { so2: 35.2, nox: 88, pm: 4.5, o2: 11.2, flow: 44280, temp: 85.5 },
    });
    expect(result.skipped).toEqual([]);
    expect(Object.fromEntries(result.unpublishedFields)).toEqual({ ZsRtd: 1 });
  });

  it('publishes the measured Avg of minute and hourly data, not the O₂-corrected ZsAvg', () => {
    for (const cn of ['2051', '2061']) {
      const result = mapped(
        upload(
          cn,
          'a21026-Min=30,a21026-Avg=35.2,a21026-Max=40,a21026-ZsAvg=50.1,a21026-Flag=N;a19001-Avg=11.2',
        ),
        'stack-gas',
      );
      expect(result.reading?.values).toEqual({ so2: 35.2, o2: 11.2 });
    }
  });

  it('takes a pollutant without a Flag field as normal', () => {
    expect(mapped(upload('2011', 'w01018-Rtd=20.5;w01001-Rtd=7.1'), 'wastewater').reading?.values).toEqual({
      cod: 20.5,
      ph: 7.1,
    });
  });

  it.each(['F', 'M', 'S', 'D', 'C', 'T', 'B'])('keeps a value flagged %s with its flag', (flag) => {
    const result = mapped(
      upload('2011', `w01018-Rtd=20.5,w01018-Flag=${flag};w21003-Rtd=1.2,w21003-Flag=N`),
      'wastewater',
    );
    expect(result.reading).toEqual({
      ts: T_20240601_1200_CST,
      values: { cod: 20.5, nh3n: 1.2 },
      flags: { cod: flag },
    });
    expect(result.skipped).toEqual([]);
  });

  it('reads a flag in lower case or with spaces, and leaves N out of the flags', () => {
    const result = mapped(
      upload('2011', 'w01018-Rtd=20.5,w01018-Flag=d;w21003-Rtd=1.2,w21003-Flag= n '),
      'wastewater',
    );
    expect(result.reading?.flags).toEqual({ cod: 'D' });
  });

  it('has no flags at all when every value is normal', () => {
    const result = mapped(upload('2011', 'w01018-Rtd=20.5,w01018-Flag=N;w21003-Rtd=1.2'), 'wastewater');
    expect(result.reading).toEqual({ ts: T_20240601_1200_CST, values: { cod: 20.5, nh3n: 1.2 } });
    expect(result.flagged.size).toBe(0);
  });

  it.each(['X', '', 'NN'])('skips a value whose flag %j is not in table 8 and keeps the others', (flag) => {
    const result = mapped(
      upload('2011', `w01018-Rtd=20.5,w01018-Flag=${flag};w21003-Rtd=1.2,w21003-Flag=N`),
      'wastewater',
    );
    expect(result.reading?.values).toEqual({ nh3n: 1.2 });
    expect(result.skipped).toEqual([{ code: 'w01018', reason: 'unknown-flag', flag, metric: 'cod' }]);
  });

  it('maps HJ/T 212-2005 concentration codes, and takes the first when a packet has both codes', () => {
    const result = mapped(
      upload('2011', '011-Rtd=231.0,011-Flag=N;060-Rtd=1.803,060-Flag=N;w01018-Rtd=1;B01-Rtd=36.91'),
      'wastewater',
    );
    expect(result.reading?.values).toEqual({ cod: 231, nh3n: 1.803 });
    expect(result.skipped).toEqual([{ code: 'B01', reason: 'unmapped' }]); // 2005 flow: unit not verified
  });

  it('skips a value the contract would refuse, so it does not take the rest of the reading with it', () => {
    const result = mapped(
      upload(
        '2011',
        'w01001-Rtd=15.2,w01001-Flag=N;w00000-Rtd=-0.5,w00000-Flag=N;w01018-Rtd=20,w01018-Flag=N',
      ),
      'wastewater',
    );
    expect(result.reading?.values).toEqual({ cod: 20 });
    expect(result.skipped).toEqual([
      { code: 'w01001', reason: 'out-of-range', metric: 'ph', value: 15.2 },
      { code: 'w00000', reason: 'out-of-range', metric: 'flow', value: -1.8 },
    ]);
  });

  it('skips a pollutant without the value its command publishes, or with one that is not a number', () => {
    const result = mapped(
      upload('2011', 'w01018-Avg=20,w01018-Flag=N;w21003-Rtd=,w21003-Flag=N;w01001-Rtd=7.0'),
      'wastewater',
    );
    expect(result.reading?.values).toEqual({ ph: 7 });
    expect(result.skipped.map((s) => [s.code, s.reason])).toEqual([
      ['w01018', 'no-value'],
      ['w21003', 'no-value'],
    ]);
  });

  it('maps by the device kind: water codes on a stack-gas device are unmapped', () => {
    const result = mapped(fixturePacket('foxedge.2011-wastewater'), 'stack-gas');
    expect(result.reading).toBeNull();
    expect(new Set(result.skipped.map((s) => s.reason))).toEqual(new Set(['unmapped']));
  });

  it('refuses a command that carries no monitoring data', () => {
    expect(
      mapPacketToReading(fixturePacket('standard-appendix-c.1062-set-rtd-interval'), 'stack-gas'),
    ).toMatchObject({
      ok: false,
      problem: 'NOT_A_DATA_COMMAND',
    });
  });

  it.each([
    ['no DataTime', 'QN=20240601120000000;ST=31;CN=2011;PW=1;MN=M1;Flag=4;CP=&&a21026-Rtd=1&&'],
    [
      'an impossible DataTime',
      'QN=20240601120000000;ST=31;CN=2011;PW=1;MN=M1;Flag=4;CP=&&DataTime=20240631120000;a21026-Rtd=1&&',
    ],
  ])('refuses a data packet with %s', (_label, text) => {
    expect(mapPacketToReading(packetOf(text), 'stack-gas')).toMatchObject({
      ok: false,
      problem: 'BAD_DATA_TIME',
    });
  });
});

describe('POLLUTANT_MAP', () => {
  it('names only metrics of the device kind, each once', () => {
    for (const [kind, mappings] of Object.entries(POLLUTANT_MAP)) {
      const metrics = mappings.map((m) => m.metric);
      expect([kind, new Set(metrics).size]).toEqual([kind, metrics.length]);
    }
    expect(POLLUTANT_MAP['stack-gas'].map((m) => m.metric).sort()).toEqual([
      'ch4',
      'flow',
      'humidity',
      'nmhc',
      'nox',
      'o2',
      'pm',
      'pressure',
      'so2',
      'temp',
      'thc',
      'velocity',
    ]);
    expect(POLLUTANT_MAP.wastewater.map((m) => m.metric).sort()).toEqual([
      'cod',
      'conductivity',
      'do',
      'flow',
      'nh3n',
      'ph',
      'temp',
      'tn',
      'tp',
      'turbidity',
    ]);
  });

  it('maps every metric of the HJ 212 kinds, so nothing a CEMS or water analyser measures is left unpublished', () => {
    for (const kind of ['stack-gas', 'wastewater'] as const) {
      expect(POLLUTANT_MAP[kind].map((m) => m.metric).sort()).toEqual(
        Object.keys(DEVICE_KINDS[kind].metrics).sort(),
      );
    }
  });

  it('keeps 2017 and 2005 codes apart within a kind', () => {
    for (const mappings of Object.values(POLLUTANT_MAP)) {
      const codes = mappings.flatMap((m) => (m.code2005 ? [m.code, m.code2005] : [m.code]));
      expect(new Set(codes).size).toBe(codes.length);
    }
  });
});
