/**
 * The in-process bus with its journal (standalone mode): what `publish` resolved is on disk, and a bus opened on
 * the same file — after a clean stop or after the process was killed — hands each consumer group what it had not
 * committed, with the offsets it had. A "killed" bus here is one abandoned without close(): only what its journal
 * had committed remains, as after kill -9.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { IncomingMessage } from './bus';
import { InProcessBus } from './in-process-bus';
import { collect, until } from './testing/bus-spec-support';

const values = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    key: null,
    value: `m${from + i}`,
    headers: { n: String(from + i) },
  }));
const texts = (messages: readonly IncomingMessage[]) => messages.map((m) => m.value?.toString('utf8'));

describe('InProcessBus with a journal', () => {
  let dir: string;
  let path: string;
  const opened: InProcessBus[] = [];

  const open = async (partitions = 1): Promise<InProcessBus> => {
    const bus = new InProcessBus({ partitions, maxBatchSize: 4, retryBackoffMs: 10, journalPath: path });
    opened.push(bus);
    await bus.ensureTopics(['t']);
    return bus;
  };

  /** As kill -9 leaves it: nothing more is written, whatever was queued is gone. */
  const kill = (bus: InProcessBus) =>
    (bus as unknown as { journal: { db: Database.Database } }).journal.db.close();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'park-bus-journal-'));
    path = join(dir, 'bus-journal.db');
  });

  afterEach(async () => {
    for (const bus of opened.splice(0)) await bus.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });

  it('has a message on disk when its publish resolves', async () => {
    const bus = await open();
    await bus.publish('t', values(0, 3));
    const reader = new Database(path, { readonly: true });
    try {
      const tables = reader
        .prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'bus_journal_%'`)
        .all() as { name: string }[];
      const rows = tables.flatMap(
        ({ name }) =>
          reader.prepare(`SELECT value FROM ${name} ORDER BY offset`).all() as { value: Buffer }[],
      );
      expect(rows.map((r) => r.value.toString('utf8'))).toEqual(['m0', 'm1', 'm2']);
    } finally {
      reader.close();
    }
  });

  it('hands a killed bus’s groups, on restart, every message they had not committed — and only those', async () => {
    const first = await open();
    const handled = collect();
    const subscription = await first.consume({ groupId: 'g', topics: ['t'] }, handled.handler);
    await first.publish('t', values(0, 8));
    await until('the group to have handled 8', () => handled.received.length === 8);
    await subscription.close();
    first.journal?.flush(); // the offsets, as the next append or a timer would write them
    // Acknowledged, never consumed: the messages a crash must not lose.
    await first.publish('t', values(8, 5));
    kill(first);

    const second = await open();
    expect(second.committedOffsets('g', 't')).toEqual([8]);
    const replayed = collect();
    await second.consume({ groupId: 'g', topics: ['t'] }, replayed.handler);
    await until('the five to be handed over', () => replayed.received.length === 5);
    expect(texts(replayed.received)).toEqual(['m8', 'm9', 'm10', 'm11', 'm12']);
    expect(replayed.received.map((m) => m.offset)).toEqual(['8', '9', '10', '11', '12']);
    expect(replayed.received[0].headers).toEqual({ n: '8' });
  });

  it('replays a batch that was handled but whose commit the crash lost', async () => {
    const first = await open();
    const handled = collect();
    await first.consume({ groupId: 'g', topics: ['t'] }, handled.handler);
    await first.publish('t', values(0, 4));
    await until('the group to have handled 4', () => handled.received.length === 4);
    kill(first); // before the offsets' flush

    const second = await open();
    const replayed = collect();
    await second.consume({ groupId: 'g', topics: ['t'] }, replayed.handler);
    await until('the batch to be handed over again', () => replayed.received.length === 4);
    expect(texts(replayed.received)).toEqual(['m0', 'm1', 'm2', 'm3']);
  });

  it('keeps offsets rising across a restart after every message was consumed and trimmed', async () => {
    const first = await open();
    const handled = collect();
    await first.consume({ groupId: 'g', topics: ['t'] }, handled.handler);
    await first.publish('t', values(0, 6));
    await until('the group to have handled 6', () => handled.received.length === 6);
    await first.close();

    const second = await open();
    expect(second.retained('t')).toEqual([0]);
    const after = collect();
    await second.consume({ groupId: 'g', topics: ['t'] }, after.handler);
    await second.publish('t', values(6, 2));
    await until('the two new ones', () => after.received.length === 2);
    expect(after.received.map((m) => [m.offset, m.value?.toString('utf8')])).toEqual([
      ['6', 'm6'],
      ['7', 'm7'],
    ]);
  });

  it('keeps a topic’s partition count across restarts, as Kafka does', async () => {
    const first = await open(3);
    await first.publish('t', [{ key: 'device-1', value: 'x' }]);
    await first.close();
    const second = await open(1);
    expect(second.retained('t')).toHaveLength(3);
    expect(second.retained('t').reduce((a, b) => a + b, 0)).toBe(1);
  });
});
