import { crcMatches, formatCrc, hj212Crc16 } from './crc';
import { notOkPacket, okPacket, okPacketNames, partsOf } from '../../../test/fixtures/hj212/golden';

/** Modbus RTU CRC-16, for contrast: same polynomial and seed, but folds each byte in with crc ^= byte. */
function modbusCrc16(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >> 1) ^ 0xa001 : crc >> 1;
  }
  return crc;
}

describe('hj212Crc16 (HJ 212-2017 appendix A)', () => {
  it('reproduces the CRC of the standard’s appendix C example', () => {
    const data = Buffer.from(
      'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&',
    );
    expect(formatCrc(hj212Crc16(data))).toBe('1C80');
  });

  it.each(okPacketNames())('matches the CRC published with %s', (name) => {
    const { data, crc } = partsOf(okPacket(name));
    expect(formatCrc(hj212Crc16(data))).toBe(crc.toUpperCase());
  });

  it('proves the 17-digit DataTime is what the field logger sent: the published CRC covers it, not a 14-digit copy', () => {
    const original = partsOf(okPacket('xiaoyao9184.2011-wastewater.2005-codes.ms-datatime'));
    expect(original.data.toString()).toContain('DataTime=20160824003817000;');
    expect(crcMatches(original.data, original.crc)).toBe(true);
    const edited = partsOf(notOkPacket('xiaoyao9184.2011-datatime-edited-crc-stale'));
    expect(edited.crc).toBe(original.crc);
    expect(crcMatches(edited.data, edited.crc)).toBe(false);
  });

  it('is not Modbus CRC-16: the two disagree on every published packet', () => {
    for (const name of okPacketNames()) {
      const { data } = partsOf(okPacket(name));
      expect([name, modbusCrc16(data) === hj212Crc16(data)]).toEqual([name, false]);
    }
  });

  it('covers the data segment only, not the header, length or tail', () => {
    const raw = okPacket('standard-appendix-c.1062-set-rtd-interval');
    expect(formatCrc(hj212Crc16(raw.subarray(0, raw.length - 6)))).not.toBe('1C80');
  });

  it('formats as 4 upper-case hex digits, zero-padded', () => {
    expect(formatCrc(0x0b4)).toBe('00B4');
    expect(formatCrc(0xffff)).toBe('FFFF');
    expect(formatCrc(hj212Crc16(new Uint8Array()))).toBe('FFFF');
  });
});

describe('crcMatches', () => {
  const { data } = partsOf(okPacket('jinuxx.2011-air-quality.lowercase-crc'));

  it('compares hex case-insensitively (the packet carries c0c1)', () => {
    expect(crcMatches(data, 'c0c1')).toBe(true);
    expect(crcMatches(data, 'C0C1')).toBe(true);
    expect(crcMatches(data, 'c0C1')).toBe(true);
  });

  it.each(['C0C2', 'C0C', 'C0C10', '+0C1', ' c0c1', 'c0c1 ', 'G0C1', ''])('refuses %j', (field) => {
    expect(crcMatches(data, field)).toBe(false);
  });

  it('refuses the CRC of one changed character', () => {
    const tampered = Buffer.from(data);
    tampered[tampered.indexOf('58')] = '5'.charCodeAt(0) + 1; // a21026-Rtd=58 → 68
    expect(crcMatches(tampered, 'c0c1')).toBe(false);
  });
});
