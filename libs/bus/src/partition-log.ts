/**
 * The pure parts of the in-process bus: which partition a key goes to, and one partition's log of messages
 * with offsets, trimmed from the front once no consumer group needs them.
 */

/** A message as the in-process bus stores it: an offset in its partition, plus what the producer sent. */
export interface StoredMessage {
  readonly offset: number;
  readonly key: string | null;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
}

const SEED = 0x9747b28c;
const M = 0x5bd1e995;

/**
 * Kafka's murmur2 (org.apache.kafka.common.utils.Utils#murmur2, the default partitioner's hash), in 32-bit
 * integer arithmetic. Using Kafka's own hash means a key lands in the same partition number in both modes.
 */
export function murmur2(data: Buffer): number {
  const length = data.length;
  let h = SEED ^ length;
  const length4 = length >>> 2;
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4;
    let k = data[i4] | (data[i4 + 1] << 8) | (data[i4 + 2] << 16) | (data[i4 + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M);
    h ^= k;
  }
  // The last 1–3 bytes, as Java's fall-through switch mixes them in.
  const tail = length & ~3;
  const rest = length % 4;
  if (rest >= 3) h ^= data[tail + 2] << 16;
  if (rest >= 2) h ^= data[tail + 1] << 8;
  if (rest >= 1) {
    h ^= data[tail];
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The partition of a keyed message, as Kafka's default partitioner picks it: positive murmur2 modulo count. */
export function partitionForKey(key: string, partitions: number): number {
  return (murmur2(Buffer.from(key, 'utf8')) & 0x7fffffff) % partitions;
}

/**
 * One partition: an append-only sequence of messages with consecutive offsets from `low` (the oldest retained)
 * to `high` (the offset the next message gets). Trimming drops messages from the front; offsets never restart.
 */
export class PartitionLog {
  private entries: StoredMessage[] = [];
  /** Index in `entries` of the message at offset `low`; the slots before it are dropped lazily. */
  private head = 0;
  private lowOffset: number;

  /** An empty log whose first message gets `firstOffset` (a journalled partition resumes at its next offset). */
  constructor(firstOffset = 0) {
    this.lowOffset = firstOffset;
  }

  /** Offset of the oldest retained message (equals `high` when the log is empty). */
  get low(): number {
    return this.lowOffset;
  }

  /** Offset the next appended message gets (Kafka's log end offset / high watermark). */
  get high(): number {
    return this.lowOffset + this.entries.length - this.head;
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  append(messages: readonly Omit<StoredMessage, 'offset'>[]): void {
    let offset = this.high;
    for (const m of messages) this.entries.push({ ...m, offset: offset++ });
  }

  /** Up to `max` messages from `offset` on (`offset` at or after `low`). */
  read(offset: number, max: number): StoredMessage[] {
    const start = this.head + Math.max(offset - this.lowOffset, 0);
    return this.entries.slice(start, start + max);
  }

  /** Drops the messages before `offset` (never past `high`); returns how many were dropped. */
  trimBefore(offset: number): number {
    const target = Math.min(offset, this.high);
    const dropped = target - this.lowOffset;
    if (dropped <= 0) return 0;
    this.head += dropped;
    this.lowOffset = target;
    // Compact once the dropped slots outnumber the live ones, so trimming costs O(1) amortised per message.
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
    return dropped;
  }
}
