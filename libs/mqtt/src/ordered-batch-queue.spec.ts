import { OrderedBatchQueue, type InboundMessage, type QueuedMessage } from './ordered-batch-queue';

/** A message as a connection queues it; `alive` stands for its connection, `acked` records its PUBACK. */
function entry(topic: string, connection: { alive: boolean }, acked: string[]): QueuedMessage {
  return {
    message: { topic, payload: Buffer.from(topic) },
    deliverable: () => connection.alive,
    acknowledge: () => {
      if (connection.alive) acked.push(topic);
    },
  };
}

const topics = (messages: readonly InboundMessage[]) => messages.map((m) => m.topic);

describe('OrderedBatchQueue', () => {
  it('hands messages of several connections on in arrival order, one batch at a time', async () => {
    const handed: string[][] = [];
    let running = 0;
    let overlapped = false;
    const queue = new OrderedBatchQueue(
      async (messages) => {
        overlapped ||= running > 0;
        running++;
        handed.push(topics(messages));
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
      },
      { maxBatch: 3, maxDelayMs: 1 },
    );
    const a = { alive: true };
    const b = { alive: true };
    const acked: string[] = [];
    for (let n = 0; n < 10; n++) queue.push(entry(`m${n}`, n % 2 === 0 ? a : b, acked));
    await queue.drain();
    expect(handed.flat()).toEqual(Array.from({ length: 10 }, (_, n) => `m${n}`));
    expect(handed.every((batch) => batch.length <= 3)).toBe(true);
    expect(overlapped).toBe(false);
    expect(acked).toEqual(handed.flat());
  });

  it('acknowledges only after the handler resolved', async () => {
    let release: () => void = () => undefined;
    const queue = new OrderedBatchQueue(() => new Promise<void>((resolve) => (release = resolve)), {
      maxDelayMs: 0,
    });
    const acked: string[] = [];
    queue.push(entry('x', { alive: true }, acked));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(acked).toEqual([]);
    release();
    await queue.drain();
    expect(acked).toEqual(['x']);
  });

  it('retries a failed batch in place, without the messages whose connection has gone, and nothing overtakes it', async () => {
    const handed: string[][] = [];
    let failures = 1;
    const queue = new OrderedBatchQueue(
      (messages) => {
        handed.push(topics(messages));
        if (failures-- > 0) return Promise.reject(new Error('Kafka unavailable'));
        return Promise.resolve();
      },
      { maxDelayMs: 0 },
    );
    const kept = { alive: true };
    const dropped = { alive: true };
    const acked: string[] = [];
    queue.push(entry('a1', kept, acked));
    queue.push(entry('b1', dropped, acked));
    await new Promise((resolve) => setTimeout(resolve, 20));
    dropped.alive = false; // its connection closed while the batch waited for its retry
    queue.push(entry('a2', kept, acked));
    await queue.drain();
    expect(handed).toEqual([['a1', 'b1'], ['a1'], ['a2']]);
    expect(acked).toEqual(['a1', 'a2']);
  });

  it('on close, a failing batch is not retried and stays unacknowledged (the broker redelivers it)', async () => {
    let calls = 0;
    const queue = new OrderedBatchQueue(
      () => {
        calls++;
        return Promise.reject(new Error('Kafka unavailable'));
      },
      { maxDelayMs: 60_000 },
    );
    const acked: string[] = [];
    queue.push(entry('x', { alive: true }, acked));
    await queue.close();
    expect(calls).toBe(1);
    expect(acked).toEqual([]);
  });
});
