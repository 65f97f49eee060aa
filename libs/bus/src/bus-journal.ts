import Database from 'better-sqlite3';
import type { StoredMessage } from './partition-log';

/** One partition's messages as the journal holds them at start: `next` is the offset the next message gets. */
export interface JournalledPartition {
  readonly next: number;
  /** Consecutive offsets, oldest first, ending at `next - 1` (empty when every message was trimmed). */
  readonly messages: StoredMessage[];
}

export interface JournalledOffset {
  readonly groupId: string;
  readonly topic: string;
  readonly partition: number;
  /** The next offset the group consumes. */
  readonly offset: number;
}

/** Messages of one partition to append, and what to do (synchronously, in order) once they are on disk. */
interface PendingAppend {
  readonly partitionId: number;
  readonly messages: readonly Omit<StoredMessage, 'offset'>[];
  readonly durable: (firstOffset: number) => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface PartitionTable {
  readonly id: number;
  next: number;
  readonly insert: Database.Statement;
  readonly trim: Database.Statement;
}

/** How long a commit of offsets or a trim may wait for an append to carry it before it is written on its own. */
const OFFSETS_FLUSH_MS = 100;

const partitionKey = (topic: string, partition: number): string => `${topic}/${partition}`;

/**
 * The in-process bus's write-ahead journal: a SQLite file (WAL, synchronous=FULL) holding every partition's
 * messages that some consumer group may still need, the partitions' next offsets and the groups' committed
 * offsets — so a process killed at any point restarts with what it acknowledged and resumes each group where it
 * had committed.
 *
 * Group commit: appends queued during one turn of the event loop are written in one transaction (one fsync of
 * the WAL), and each append's promise resolves only after that commit. Offsets are assigned here, in queue
 * order, and handed to `durable` right after the commit, so the in-memory log and the file never disagree.
 * Committed offsets and trims ride along with the next append's transaction, or are written on their own after
 * `OFFSETS_FLUSH_MS`; losing one to a crash only replays messages, which consumers must tolerate anyway. A trim
 * never runs ahead of the offsets it follows: both are written in the same transaction.
 */
export class BusJournal {
  private readonly db: Database.Database;
  private readonly partitions = new Map<string, PartitionTable>();
  private appends: PendingAppend[] = [];
  private readonly offsets = new Map<string, JournalledOffset>();
  private readonly trims = new Map<PartitionTable, number>();
  private immediate: NodeJS.Immediate | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly upsertOffset: Database.Statement;
  private readonly setNext: Database.Statement;

  constructor(readonly path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // Every commit is fsync'd: what the journal said is stored survives a power loss, not only a killed process.
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.upsertOffset = this.db.prepare(
      `INSERT INTO bus_committed_offset (group_id, topic, partition, next_offset) VALUES (?, ?, ?, ?)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = excluded.next_offset`,
    );
    this.setNext = this.db.prepare('UPDATE bus_partition SET next_offset = ? WHERE id = ?');
  }

  /** The partition count of a topic the journal knows, or undefined. */
  topicPartitions(topic: string): number | undefined {
    const row = this.db.prepare('SELECT partitions FROM bus_topic WHERE name = ?').get(topic) as
      { partitions: number } | undefined;
    return row?.partitions;
  }

  /** Records a topic and its partitions (written at once), and returns each partition's journalled messages. */
  openTopic(topic: string, partitions: number): JournalledPartition[] {
    this.db
      .prepare('INSERT OR IGNORE INTO bus_topic (name, partitions) VALUES (?, ?)')
      .run(topic, partitions);
    return Array.from({ length: partitions }, (_, p) => this.openPartition(topic, p));
  }

  /** Every group's committed offsets, as last written. */
  committedOffsets(): JournalledOffset[] {
    return (
      this.db.prepare('SELECT group_id, topic, partition, next_offset FROM bus_committed_offset').all() as {
        group_id: string;
        topic: string;
        partition: number;
        next_offset: number;
      }[]
    ).map((r) => ({ groupId: r.group_id, topic: r.topic, partition: r.partition, offset: r.next_offset }));
  }

  /**
   * Appends messages to a partition; resolves once they are on disk. `durable` gets the first message's offset,
   * synchronously after the commit and before any later append's, so the caller can make them visible in order.
   */
  append(
    topic: string,
    partition: number,
    messages: readonly Omit<StoredMessage, 'offset'>[],
    durable: (firstOffset: number) => void,
  ): Promise<void> {
    const table = this.table(topic, partition);
    return new Promise((resolve, reject) => {
      this.appends.push({ partitionId: table.id, messages, durable, resolve, reject });
      this.immediate ??= setImmediate(() => this.flush());
    });
  }

  /** A group's new committed offset, written with the next flush. */
  commitOffset(groupId: string, topic: string, partition: number, offset: number): void {
    this.offsets.set(`${groupId}\u0000${partitionKey(topic, partition)}`, {
      groupId,
      topic,
      partition,
      offset,
    });
    this.flushSoon();
  }

  /** Drops a partition's messages before `offset` from the file, with the next flush. */
  trimBefore(topic: string, partition: number, offset: number): void {
    const table = this.table(topic, partition);
    this.trims.set(table, Math.max(offset, this.trims.get(table) ?? 0));
    this.flushSoon();
  }

  /** Writes whatever is queued, then closes the file. */
  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }

  /** Writes every queued append, offset and trim in one transaction; settles the appends' promises. */
  flush(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = null;
    this.timer = null;
    const appends = this.appends;
    this.appends = [];
    if (appends.length === 0 && this.offsets.size === 0 && this.trims.size === 0) return;
    if (!this.db.open) {
      for (const append of appends) append.reject(new Error('the bus journal is closed'));
      return;
    }
    const byId = new Map([...this.partitions.values()].map((t) => [t.id, t]));
    const firstOffsets: number[] = [];
    const next = new Map<PartitionTable, number>();
    try {
      this.db.transaction(() => {
        for (const append of appends) {
          const table = byId.get(append.partitionId) as PartitionTable;
          let offset = next.get(table) ?? table.next;
          firstOffsets.push(offset);
          for (const m of append.messages) {
            const headers = Object.keys(m.headers).length > 0 ? JSON.stringify(m.headers) : null;
            table.insert.run(offset++, m.key, m.value, headers, m.timestamp);
          }
          next.set(table, offset);
        }
        for (const [table, offset] of next) this.setNext.run(offset, table.id);
        for (const o of this.offsets.values())
          this.upsertOffset.run(o.groupId, o.topic, o.partition, o.offset);
        for (const [table, before] of this.trims) table.trim.run(before);
      })();
    } catch (error) {
      // Nothing was written: the appends fail (their PUBACKs are not sent); offsets and trims stay queued.
      for (const append of appends) append.reject(error);
      return;
    }
    this.offsets.clear();
    this.trims.clear();
    for (const [table, offset] of next) table.next = offset;
    appends.forEach((append, i) => append.durable(firstOffsets[i]));
    for (const append of appends) append.resolve();
  }

  private flushSoon(): void {
    if (this.immediate || this.timer || !this.db.open) return;
    this.timer = setTimeout(() => this.flush(), OFFSETS_FLUSH_MS);
  }

  private table(topic: string, partition: number): PartitionTable {
    const table = this.partitions.get(partitionKey(topic, partition));
    if (!table) throw new Error(`the journal has no partition ${partitionKey(topic, partition)}`);
    return table;
  }

  private openPartition(topic: string, partition: number): JournalledPartition {
    this.db
      .prepare('INSERT OR IGNORE INTO bus_partition (topic, partition, next_offset) VALUES (?, ?, 0)')
      .run(topic, partition);
    const { id, next_offset: next } = this.db
      .prepare('SELECT id, next_offset FROM bus_partition WHERE topic = ? AND partition = ?')
      .get(topic, partition) as { id: number; next_offset: number };
    // One table per partition, keyed by offset (SQLite's rowid): appends go to the end of one B-tree.
    const name = `bus_journal_${id}`;
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${name} (offset INTEGER PRIMARY KEY, key TEXT, value BLOB NOT NULL, headers TEXT, timestamp INTEGER NOT NULL)`,
    );
    const table: PartitionTable = {
      id,
      next,
      insert: this.db.prepare(
        `INSERT INTO ${name} (offset, key, value, headers, timestamp) VALUES (?, ?, ?, ?, ?)`,
      ),
      trim: this.db.prepare(`DELETE FROM ${name} WHERE offset < ?`),
    };
    this.partitions.set(partitionKey(topic, partition), table);
    const rows = this.db
      .prepare(`SELECT offset, key, value, headers, timestamp FROM ${name} ORDER BY offset`)
      .all() as {
      offset: number;
      key: string | null;
      value: Buffer;
      headers: string | null;
      timestamp: number;
    }[];
    const messages = rows.map((r): StoredMessage => ({
      offset: r.offset,
      key: r.key,
      value: r.value,
      headers: Object.freeze(r.headers ? (JSON.parse(r.headers) as Record<string, string>) : {}),
      timestamp: r.timestamp,
    }));
    return { next, messages };
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS bus_topic (
  name TEXT PRIMARY KEY,
  partitions INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bus_partition (
  id INTEGER PRIMARY KEY,
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  UNIQUE (topic, partition)
);
CREATE TABLE IF NOT EXISTS bus_committed_offset (
  group_id TEXT NOT NULL,
  topic TEXT NOT NULL,
  partition INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  PRIMARY KEY (group_id, topic, partition)
) WITHOUT ROWID;
`;
