/**
 * HJ 212-2017 appendix A CRC: CRC-16 over the data segment only (from `QN=` — or whatever the segment starts
 * with — to the closing `&&` of CP), transmitted as 4 hex digits.
 *
 * It is not Modbus CRC-16 although both use the reflected polynomial 0xA001 and start at 0xFFFF: the standard
 * folds each byte in as `crc = (crc >> 8) ^ byte` (Modbus uses `crc ^= byte`), so the two disagree on every
 * real packet (see crc.spec.ts).
 */
export function hj212Crc16(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) {
    crc = (crc >> 8) ^ byte;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 1 ? (crc >> 1) ^ 0xa001 : crc >> 1;
    }
  }
  return crc;
}

/** The CRC as the standard writes it: 4 uppercase hex digits. */
export function formatCrc(crc: number): string {
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

const HEX4 = /^[0-9A-Fa-f]{4}$/;

/** True when `crcField` (as received, 4 hex digits in either case) is the CRC of `data`. */
export function crcMatches(data: Uint8Array, crcField: string): boolean {
  return HEX4.test(crcField) && parseInt(crcField, 16) === hj212Crc16(data);
}
