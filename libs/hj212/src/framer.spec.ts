import { notOkPacket, okPacket, okPacketNames } from '../../../test/fixtures/hj212/golden';
import { FRAME_OVERHEAD, Hj212Framer, MAX_DATA_SEGMENT_LENGTH, type FramerEvent } from './framer';
import { encodeFrame } from './reply';

const WATER = okPacket('foxedge.2011-wastewater');
const GAS = okPacket('obsessiontech.2061-stack-gas-hourly');
const ACK = okPacket('jinuxx.9014-data-ack');

/** The frames' data segments as text, and everything else the framer reported, in order. */
function feed(...chunks: (Buffer | string)[]): {
  frames: string[];
  events: FramerEvent[];
  framer: Hj212Framer;
} {
  const framer = new Hj212Framer();
  const events = chunks.flatMap((c) => framer.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c));
  const frames = events.flatMap((e) => (e.kind === 'frame' ? [e.frame.data.toString('latin1')] : []));
  return { frames, events, framer };
}

function dataOf(raw: Buffer): string {
  return raw.toString('latin1', 6, raw.length - 6);
}

function others(events: FramerEvent[]) {
  return events.filter((e) => e.kind !== 'frame').map((e) => (e.kind === 'dropped' ? e.reason : e));
}

describe('Hj212Framer', () => {
  it.each(okPacketNames())('frames the published packet %s and hands over its CRC as received', (name) => {
    const raw = okPacket(name);
    const { events, framer } = feed(raw);
    expect(events).toHaveLength(1);
    const [event] = events;
    if (event.kind !== 'frame') throw new Error(`expected a frame, got ${event.kind}`);
    expect(event.frame.data.toString('latin1')).toBe(dataOf(raw));
    expect(event.frame.crc).toBe(raw.toString('latin1', raw.length - 6, raw.length - 2));
    expect(framer.buffered).toBe(0);
  });

  it('reassembles a packet that arrives one byte per read', () => {
    const framer = new Hj212Framer();
    const frames: string[] = [];
    for (const byte of WATER) {
      for (const e of framer.push(Buffer.from([byte])))
        if (e.kind === 'frame') frames.push(e.frame.data.toString());
      if (frames.length === 0) expect(framer.buffered).toBeGreaterThan(0);
    }
    expect(frames).toEqual([dataOf(WATER)]);
  });

  it.each([1, 2, 5, 6, 7, 100, WATER.length - 6, WATER.length - 2, WATER.length - 1])(
    'reassembles a packet split after byte %i',
    (at) => {
      expect(feed(WATER.subarray(0, at), WATER.subarray(at)).frames).toEqual([dataOf(WATER)]);
    },
  );

  it('cuts several packets out of one read, in order', () => {
    const { frames, events } = feed(Buffer.concat([WATER, GAS, ACK]));
    expect(frames).toEqual([dataOf(WATER), dataOf(GAS), dataOf(ACK)]);
    expect(others(events)).toEqual([]);
  });

  it('handles packets whose boundaries fall anywhere across reads', () => {
    const stream = Buffer.concat([WATER, GAS, ACK, WATER]);
    for (const size of [3, 64, 500, 1000]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.subarray(i, i + size));
      expect(feed(...chunks).frames).toEqual([dataOf(WATER), dataOf(GAS), dataOf(ACK), dataOf(WATER)]);
    }
  });

  it('skips noise before ## and reports how many bytes', () => {
    const { frames, events } = feed(Buffer.concat([Buffer.from('AT+OK\r\n\x00\xff#'), WATER]));
    expect(frames).toEqual([dataOf(WATER)]);
    expect(others(events)).toEqual([{ kind: 'skipped', bytes: 11 }]);
  });

  it('keeps a trailing # of noise: it may be the first half of the next header', () => {
    const { frames } = feed('noise#', WATER.subarray(1));
    expect(frames).toEqual([dataOf(WATER)]);
  });

  it('finds the header at the end of a run of # without reporting a bad frame', () => {
    const { frames, events } = feed(Buffer.concat([Buffer.from('###'), WATER]));
    expect(frames).toEqual([dataOf(WATER)]);
    expect(others(events)).toEqual([{ kind: 'skipped', bytes: 3 }]);
  });

  it('holds at most a partial frame, never a stream of noise', () => {
    const { framer, events } = feed(Buffer.alloc(100_000, 'x'));
    expect(framer.buffered).toBe(0);
    expect(events).toEqual([{ kind: 'skipped', bytes: 100_000 }]);
  });

  it('drops a header whose length is not 4 digits and finds the packet behind it', () => {
    const { frames, events } = feed(Buffer.concat([Buffer.from('##01x5QN=1;CP=&&&&'), WATER]));
    expect(frames).toEqual([dataOf(WATER)]);
    expect(others(events)).toEqual(['bad-length', { kind: 'skipped', bytes: 18 }]);
  });

  it('drops a frame whose length field is too long as soon as its line ends, without waiting for more bytes', () => {
    const lying = Buffer.from(WATER.toString('latin1').replace('##0457', '##0999'), 'latin1');
    const { frames, events, framer } = feed(Buffer.concat([lying, GAS]));
    expect(frames).toEqual([dataOf(GAS)]);
    expect(others(events)).toEqual(['length-mismatch', { kind: 'skipped', bytes: WATER.length }]);
    expect(framer.buffered).toBe(0);
  });

  it('drops a frame whose length field is too short and still frames the next one', () => {
    const lying = Buffer.from(WATER.toString('latin1').replace('##0457', '##0450'), 'latin1');
    const { frames, events } = feed(lying, GAS);
    expect(frames).toEqual([dataOf(GAS)]);
    expect(others(events)).toEqual(['missing-tail', { kind: 'skipped', bytes: WATER.length }]);
  });

  it('not-ok/length-field-3-short: drops the published packet whose length field is 3 short', () => {
    const { frames, events, framer } = feed(notOkPacket('length-field-3-short'));
    expect(frames).toEqual([]);
    expect(events.filter((e) => e.kind === 'dropped').map((e) => e.kind === 'dropped' && e.reason)).toEqual([
      'missing-tail',
    ]);
    expect(framer.buffered).toBe(0);
  });

  it('not-ok/four-packets-one-crlf: frames only the copy that ends with CR LF', () => {
    const { frames, events } = feed(notOkPacket('four-packets-one-crlf'));
    expect(frames).toEqual([dataOf(GAS)]);
    expect(events.filter((e) => e.kind === 'dropped')).toHaveLength(3);
  });

  it('frames the largest data segment the 4-digit length allows', () => {
    const data = `QN=20240101000000000;ST=32;CN=2011;PW=123456;MN=M;Flag=4;CP=&&`;
    const big = encodeFrame(data + 'x'.repeat(MAX_DATA_SEGMENT_LENGTH - data.length - 2) + '&&');
    expect(big.length).toBe(MAX_DATA_SEGMENT_LENGTH + FRAME_OVERHEAD);
    const { frames, framer } = feed(big.subarray(0, 5000), big.subarray(5000));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toHaveLength(MAX_DATA_SEGMENT_LENGTH);
    expect(framer.buffered).toBe(0);
  });

  it('frames an empty data segment (##0000FFFF); whether it means anything is the parser’s business', () => {
    expect(feed('##0000FFFF\r\n').frames).toEqual(['']);
  });
});
