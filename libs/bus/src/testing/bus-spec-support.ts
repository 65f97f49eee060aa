/** What the in-process bus's specs share: waiting a few event-loop turns for delivery, and a recording handler. */
import type { BatchHandler, IncomingMessage } from '../bus';

/** Resolves when `probe` holds, checking after every turn of the event loop (the bus delivers in a few turns). */
export async function until(what: string, probe: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A handler that keeps every message it is handed, in order, and always succeeds. */
export function collect(): { handler: BatchHandler; received: IncomingMessage[] } {
  const received: IncomingMessage[] = [];
  return {
    received,
    handler: (messages) => {
      received.push(...messages);
      return Promise.resolve();
    },
  };
}
