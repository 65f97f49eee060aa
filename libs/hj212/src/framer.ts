/**
 * HJ 212-2017 communication packet (通讯包结构): `##` + data-segment length (4 decimal digits, 0000–9999) +
 * data segment + CRC (4 hex digits) + CR LF. TCP is a byte stream, so one read may hold several packets and one
 * packet may span several reads: the framer buffers bytes and cuts them into frames.
 *
 * Resynchronisation: bytes before `##` are skipped; a header with a bad length field, a frame whose CR LF is not
 * where the length says, or a CR LF inside the claimed data segment (a data segment is ASCII text without line
 * breaks) drops that header and scanning resumes one byte later, so a good packet behind a bad one is still found.
 * The buffer never holds more than one maximum frame (9999 + 12 bytes).
 */
export const MAX_DATA_SEGMENT_LENGTH = 9999;
/** `##` + 4 length digits + 4 CRC digits + CR LF. */
export const FRAME_OVERHEAD = 12;

const HASH = 0x23; // '#'
const CR = 0x0d;
const LF = 0x0a;

export interface Hj212Frame {
  /** The data segment, exactly the bytes the CRC covers. */
  readonly data: Buffer;
  /** The CRC field as received (4 characters; not yet checked). */
  readonly crc: string;
}

export type DropReason = 'bad-length' | 'length-mismatch' | 'missing-tail';

export type FramerEvent =
  | { readonly kind: 'frame'; readonly frame: Hj212Frame }
  /** Bytes that did not belong to any frame (noise before `##`, the rest of a dropped frame). */
  | { readonly kind: 'skipped'; readonly bytes: number }
  /** A `##` header that did not start a well-formed frame. */
  | { readonly kind: 'dropped'; readonly reason: DropReason; readonly detail: string };

export class Hj212Framer {
  private buffer: Buffer = Buffer.alloc(0);

  /** Bytes held back waiting for the rest of a frame. */
  get buffered(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): FramerEvent[] {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    const events: FramerEvent[] = [];
    let skipped = 0;
    const flushSkipped = () => {
      if (skipped > 0) events.push({ kind: 'skipped', bytes: skipped });
      skipped = 0;
    };

    for (;;) {
      let start = indexOfHeader(this.buffer);
      // In a run of '#' (noise ending in '#', then the header), the header is the last two.
      while (start >= 0 && start + 2 < this.buffer.length && this.buffer[start + 2] === HASH) start++;
      if (start < 0) {
        // Keep a trailing '#': it may be the first half of the next header.
        const keep = this.buffer.length > 0 && this.buffer[this.buffer.length - 1] === HASH ? 1 : 0;
        skipped += this.buffer.length - keep;
        this.buffer = this.buffer.subarray(this.buffer.length - keep);
        break;
      }
      if (start > 0) {
        skipped += start;
        this.buffer = this.buffer.subarray(start);
      }
      if (this.buffer.length < 6) break;

      const lengthField = this.buffer.toString('latin1', 2, 6);
      if (!/^\d{4}$/.test(lengthField)) {
        flushSkipped();
        events.push({
          kind: 'dropped',
          reason: 'bad-length',
          detail: `length field "${printable(lengthField)}"`,
        });
        skipped += 1;
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      const length = Number(lengthField);
      const tailAt = 6 + length + 4;

      // A CR LF before the claimed end means the length field lies (longer than the packet it heads).
      const earlyBreak = indexOfCrLf(this.buffer, 6, Math.min(this.buffer.length, tailAt));
      if (earlyBreak >= 0) {
        flushSkipped();
        events.push({
          kind: 'dropped',
          reason: 'length-mismatch',
          detail: `length ${length} but the line ends after ${earlyBreak - 6} bytes`,
        });
        skipped += 1;
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      if (this.buffer.length < tailAt + 2) break;

      if (this.buffer[tailAt] !== CR || this.buffer[tailAt + 1] !== LF) {
        flushSkipped();
        events.push({
          kind: 'dropped',
          reason: 'missing-tail',
          detail: `no CR LF after ${length} data bytes and the CRC`,
        });
        skipped += 1;
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      flushSkipped();
      events.push({
        kind: 'frame',
        frame: {
          data: Buffer.from(this.buffer.subarray(6, 6 + length)),
          crc: this.buffer.toString('latin1', 6 + length, tailAt),
        },
      });
      this.buffer = this.buffer.subarray(tailAt + 2);
    }
    flushSkipped();
    // Detach from the (possibly large) concatenated chunk.
    if (this.buffer.length > 0) this.buffer = Buffer.from(this.buffer);
    return events;
  }
}

function indexOfHeader(buffer: Buffer): number {
  return buffer.indexOf('##', 0, 'latin1');
}

function indexOfCrLf(buffer: Buffer, from: number, to: number): number {
  for (let i = from; i < to - 1; i++) {
    if (buffer[i] === CR && buffer[i + 1] === LF) return i;
  }
  return -1;
}

function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
