import { okPacket, partsOf } from '../../../test/fixtures/hj212/golden';
import { parseCp, parseDataSegment, parseFlag, parseNumber, type Hj212Packet } from './packet';

function parse(text: string): Hj212Packet {
  const result = parseDataSegment(Buffer.from(text));
  if (!result.ok) throw new Error(`expected a packet, got ${result.problem}: ${result.detail}`);
  return result.packet;
}

function problemOf(text: string | Buffer) {
  const result = parseDataSegment(typeof text === 'string' ? Buffer.from(text) : text);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
}

const entries = (m: ReadonlyMap<string, unknown>) => Object.fromEntries(m);

describe('parseDataSegment', () => {
  it('reads the header fields and CP of a published wastewater packet', () => {
    const packet = parse(partsOf(okPacket('foxedge.2011-wastewater')).data.toString());
    expect(packet).toMatchObject({
      qn: '20210320163101890',
      st: '32',
      cn: '2011',
      pw: '123456',
      mn: '81733553213013',
      flag: { value: 4, ackRequested: false, hasPacketNumbers: false, version: 1 },
      pnum: null,
      pno: null,
    });
    expect(entries(packet.cp.fields)).toEqual({ DataTime: '20210320013400' });
    expect(entries(packet.cp.pollutants.get('w01018')!)).toEqual({
      SampleTime: '20210320013400',
      Rtd: '194.200',
      Flag: 'N',
    });
    expect([...packet.cp.pollutants.keys()]).toEqual([
      'w00000',
      'w21001',
      'w21011',
      'w21003',
      'w01018',
      'w01001',
    ]);
  });

  it('reads PNUM and PNO of a split upload (Flag=6: D set, no answer)', () => {
    const packet = parse(partsOf(okPacket('bocon.2051-split-packet-2-of-2')).data.toString());
    expect(packet.flag).toEqual({ value: 6, ackRequested: false, hasPacketNumbers: true, version: 1 });
    expect([packet.pnum, packet.pno]).toEqual([2, 2]);
  });

  it('reads a 24-character PW and Flag=5 (answer requested)', () => {
    const packet = parse(partsOf(okPacket('icecoffee.2061-air-quality-hourly')).data.toString());
    expect(packet.pw).toBe('BF470F88957588DE902D1A52');
    expect(packet.flag?.ackRequested).toBe(true);
  });

  it('reads a command without data (CP=&&&&)', () => {
    const packet = parse(partsOf(okPacket('jinuxx.9014-data-ack')).data.toString());
    expect(packet.cn).toBe('9014');
    expect(packet.cp.fields.size + packet.cp.pollutants.size).toBe(0);
  });

  it('accepts header fields in any order, FLAG in capitals, and no QN or Flag (HJ/T 212-2005 style)', () => {
    expect(parse('ST=32;CN=2011;PW=123456;MN=M1;FLAG=4;QN=20240101120000000;CP=&&&&')).toMatchObject({
      qn: '20240101120000000',
      flag: { value: 4 },
    });
    expect(parse('ST=32;CN=2011;PW=123456;MN=M1;CP=&&DataTime=20240101120000&&')).toMatchObject({
      qn: null,
      flag: null,
    });
  });

  it.each([
    ['no CP', 'QN=20240101120000000;ST=32;CN=2011;PW=1;MN=M1;Flag=4', 'NO_CP'],
    ['CP not closed', 'QN=20240101120000000;ST=32;CN=2011;PW=1;MN=M1;Flag=4;CP=&&DataTime=1', 'NO_CP'],
    ['CP=&& only', 'ST=32;CN=2011;PW=1;MN=M1;CP=&&', 'NO_CP'],
    ['no MN', 'QN=20240101120000000;ST=32;CN=2011;PW=1;Flag=4;CP=&&&&', 'MISSING_FIELD'],
    ['no PW', 'QN=20240101120000000;ST=32;CN=2011;MN=M1;Flag=4;CP=&&&&', 'MISSING_FIELD'],
    ['no CN', 'QN=20240101120000000;ST=32;PW=1;MN=M1;Flag=4;CP=&&&&', 'MISSING_FIELD'],
    ['no ST', 'QN=20240101120000000;CN=2011;PW=1;MN=M1;Flag=4;CP=&&&&', 'MISSING_FIELD'],
    ['answer requested without QN', 'ST=32;CN=2011;PW=1;MN=M1;Flag=5;CP=&&&&', 'MISSING_FIELD'],
    ['a 3-digit CN', 'ST=32;CN=201;PW=1;MN=M1;CP=&&&&', 'BAD_FIELD'],
    ['a letter in ST', 'ST=3X;CN=2011;PW=1;MN=M1;CP=&&&&', 'BAD_FIELD'],
    ['a QN with a space', 'QN=20191122100900943 ;ST=22;CN=2011;PW=1;MN=M1;CP=&&&&', 'BAD_FIELD'],
    ['an empty MN', 'ST=32;CN=2011;PW=1;MN=;CP=&&&&', 'BAD_FIELD'],
    ['an MN with a space', 'ST=32;CN=2011;PW=1;MN= 2019061803100005;CP=&&&&', 'BAD_FIELD'],
    ['Flag=256', 'QN=20240101120000000;ST=32;CN=2011;PW=1;MN=M1;Flag=256;CP=&&&&', 'BAD_FIELD'],
    ['Flag=N', 'ST=32;CN=2011;PW=1;MN=M1;Flag=N;CP=&&&&', 'BAD_FIELD'],
    ['PNO=0', 'ST=32;CN=2011;PW=1;MN=M1;Flag=6;PNUM=2;PNO=0;CP=&&&&', 'BAD_FIELD'],
    ['a header item without =', 'ST=32;CN=2011;PW=1;MN=M1;junk;CP=&&&&', 'BAD_FIELD'],
  ])('refuses %s', (_label, text, problem) => {
    expect(problemOf(text)).toBe(problem);
  });

  it('refuses bytes that are not UTF-8 text', () => {
    expect(problemOf(Buffer.from([0x51, 0x4e, 0x3d, 0xff, 0xfe]))).toBe('NOT_TEXT');
  });

  it('refuses the empty data segment', () => {
    expect(problemOf('')).toBe('NO_CP');
  });
});

describe('parseFlag', () => {
  it.each([
    [4, { ackRequested: false, hasPacketNumbers: false, version: 1 }],
    [5, { ackRequested: true, hasPacketNumbers: false, version: 1 }],
    [7, { ackRequested: true, hasPacketNumbers: true, version: 1 }],
    [1, { ackRequested: true, hasPacketNumbers: false, version: 0 }],
    [9, { ackRequested: true, hasPacketNumbers: false, version: 2 }],
  ])('Flag=%i', (value, expected) => {
    expect(parseFlag(value)).toEqual({ value, ...expected });
  });
});

describe('parseCp', () => {
  it('groups fields by pollutant code with the standard separators (; between pollutants, , within)', () => {
    const cp = parseCp('DataTime=20160801084000;a21026-Rtd=58,a21026-Flag=N;a21004-Rtd=112,a21004-Flag=N');
    expect(entries(cp.fields)).toEqual({ DataTime: '20160801084000' });
    expect(entries(cp.pollutants.get('a21026')!)).toEqual({ Rtd: '58', Flag: 'N' });
    expect(entries(cp.pollutants.get('a21004')!)).toEqual({ Rtd: '112', Flag: 'N' });
  });

  it('reads the same content when a logger uses ; everywhere, or , everywhere', () => {
    const standard = parseCp(
      'DataTime=20240101120000;a21026-Rtd=58,a21026-Flag=N;a19001-Rtd=9.5,a19001-Flag=D',
    );
    const semicolons = parseCp(
      'DataTime=20240101120000;a21026-Rtd=58;a21026-Flag=N;a19001-Rtd=9.5;a19001-Flag=D',
    );
    const commas = parseCp(
      'DataTime=20240101120000,a21026-Rtd=58,a21026-Flag=N,a19001-Rtd=9.5,a19001-Flag=D',
    );
    for (const cp of [semicolons, commas]) {
      expect(entries(cp.fields)).toEqual(entries(standard.fields));
      expect([...cp.pollutants].map(([c, f]) => [c, entries(f)])).toEqual(
        [...standard.pollutants].map(([c, f]) => [c, entries(f)]),
      );
    }
  });

  it('ignores empty items and items without =, keeps the first of a repeated field', () => {
    const cp = parseCp(';a34001-Rtd=217,a34001-Flag=N;;junk;a34001-Rtd=999;');
    expect(entries(cp.pollutants.get('a34001')!)).toEqual({ Rtd: '217', Flag: 'N' });
  });
});

describe('parseNumber', () => {
  it.each([
    ['58', 58],
    ['0.0000', 0],
    ['-123.0723', -123.0723],
    ['+1.5', 1.5],
    ['.5', 0.5],
    ['7.', 7],
    ['1e3', 1000],
    ['12758.2462', 12758.2462],
  ])('%s → %d', (raw, value) => {
    expect(parseNumber(raw)).toBe(value);
  });

  it.each(['', ' 5', '5 ', 'NaN', 'Infinity', '1e999', '0x10', '1,5', '--1', 'N', undefined])(
    '%j → null',
    (raw) => {
      expect(parseNumber(raw)).toBeNull();
    },
  );
});
