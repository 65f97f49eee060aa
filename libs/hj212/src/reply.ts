import { formatCrc, hj212Crc16 } from './crc';
import { MAX_DATA_SEGMENT_LENGTH } from './framer';
import type { Hj212Packet } from './packet';

/** System code of system-interaction packets (replies, acknowledgements). */
export const ST_SYSTEM_INTERACTION = '91';
/** 数据应答: the upper computer's acknowledgement of a data upload whose Flag asked for one. */
export const CN_DATA_ACK = '9014';

/** Wraps a data segment into a communication packet: `##` + length + data + CRC + CR LF. */
export function encodeFrame(dataSegment: string): Buffer {
  const data = Buffer.from(dataSegment, 'utf8');
  if (data.length > MAX_DATA_SEGMENT_LENGTH) {
    throw new RangeError(`data segment of ${data.length} bytes exceeds ${MAX_DATA_SEGMENT_LENGTH}`);
  }
  return Buffer.concat([
    Buffer.from(`##${String(data.length).padStart(4, '0')}`, 'latin1'),
    data,
    Buffer.from(`${formatCrc(hj212Crc16(data))}\r\n`, 'latin1'),
  ]);
}

/**
 * The 9014 data acknowledgement in the form public integrations use and quote as the standard's (标准格式):
 * `QN=<QN of the upload>;ST=91;CN=9014;PW=<PW>;MN=<MN>;Flag=4;CP=&&&&`. Its Flag keeps the upload's version bits
 * and clears A (an acknowledgement is not itself acknowledged) and D (one packet): 4 for an HJ 212-2017 logger.
 * Returns null when the upload did not ask for an answer.
 */
export function buildDataAck(upload: Pick<Hj212Packet, 'qn' | 'pw' | 'mn' | 'flag'>): Buffer | null {
  if (!upload.flag?.ackRequested || upload.qn === null) return null;
  const flag = upload.flag.value & 0b1111_1100;
  return encodeFrame(
    `QN=${upload.qn};ST=${ST_SYSTEM_INTERACTION};CN=${CN_DATA_ACK};PW=${upload.pw};MN=${upload.mn};Flag=${flag};CP=&&&&`,
  );
}
