import { okPacket, partsOf } from '../../../test/fixtures/hj212/golden';
import { crcMatches } from './crc';
import { Hj212Framer, MAX_DATA_SEGMENT_LENGTH } from './framer';
import { parseDataSegment, parseFlag, type Hj212Packet } from './packet';
import { buildDataAck, encodeFrame } from './reply';

function fixturePacket(name: string): Hj212Packet {
  const result = parseDataSegment(partsOf(okPacket(name)).data);
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

describe('buildDataAck (9014 数据应答)', () => {
  it('is byte for byte the 9014 a public integration sends for the same upload', () => {
    // jinuxx/hj212 answers its Flag=7 real-time packet with exactly this packet (test/fixtures/hj212/README.md).
    expect(buildDataAck(fixturePacket('jinuxx.2011-air-quality.lowercase-crc'))).toEqual(
      okPacket('jinuxx.9014-data-ack'),
    );
  });

  it('echoes QN, PW and MN with ST=91, CN=9014, Flag=4 and an empty CP', () => {
    // Length and CRC computed separately from this code (appendix A algorithm).
    expect(buildDataAck(fixturePacket('icecoffee.2061-air-quality-hourly'))?.toString('latin1')).toBe(
      '##0096QN=20190925181031464;ST=91;CN=9014;PW=BF470F88957588DE902D1A52;MN=Z13401000010301;Flag=4;CP=&&&&CE81\r\n',
    );
  });

  it('is null when the upload did not ask for an answer (Flag bit A clear) or had no Flag', () => {
    expect(buildDataAck(fixturePacket('foxedge.2011-wastewater'))).toBeNull(); // Flag=4
    expect(buildDataAck(fixturePacket('bocon.2051-split-packet-2-of-2'))).toBeNull(); // Flag=6
    expect(buildDataAck({ qn: '20240101000000000', pw: 'p', mn: 'm', flag: null })).toBeNull();
  });

  it('keeps the logger’s version bits and clears A and D', () => {
    const ack = (value: number) =>
      buildDataAck({ qn: '20240101000000000', pw: 'p', mn: 'm', flag: parseFlag(value) });
    expect(ack(5)?.toString()).toContain(';Flag=4;');
    expect(ack(7)?.toString()).toContain(';Flag=4;');
    expect(ack(1)?.toString()).toContain(';Flag=0;'); // HJ/T 212-2005 logger
    expect(ack(9)?.toString()).toContain(';Flag=8;');
  });
});

describe('encodeFrame', () => {
  it('produces packets the framer frames and whose CRC checks', () => {
    const data = 'QN=20240101000000000;ST=91;CN=9014;PW=p;MN=m;Flag=4;CP=&&&&';
    const events = new Hj212Framer().push(encodeFrame(data));
    expect(events).toHaveLength(1);
    const [event] = events;
    if (event.kind !== 'frame') throw new Error(event.kind);
    expect(event.frame.data.toString()).toBe(data);
    expect(crcMatches(event.frame.data, event.frame.crc)).toBe(true);
  });

  it('counts the length in bytes', () => {
    expect(encodeFrame('CP=&&i11001-Info=//运行//&&').toString('latin1', 2, 6)).toBe(
      String(Buffer.byteLength('CP=&&i11001-Info=//运行//&&')).padStart(4, '0'),
    );
  });

  it('refuses a data segment the 4-digit length cannot express', () => {
    expect(() => encodeFrame('x'.repeat(MAX_DATA_SEGMENT_LENGTH + 1))).toThrow(RangeError);
    expect(encodeFrame('x'.repeat(MAX_DATA_SEGMENT_LENGTH)).toString('latin1', 0, 6)).toBe('##9999');
  });
});
