/**
 * Preloaded into a benchmarked process (`NODE_OPTIONS=--require …/memory-probe.js`): every
 * PARK_MEMORY_PROBE_MS (default 30 s) it writes one line `park-memory {"rss":…,"heapUsed":…,…}` (bytes, from
 * process.memoryUsage()) to standard error, so the benchmark reads the V8 heap of a process it did not write.
 * The timer is unref'd: it never keeps the process alive.
 */
const every = Number(process.env.PARK_MEMORY_PROBE_MS ?? 30_000);

function report(): void {
  const { rss, heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.stderr.write(
    `park-memory ${JSON.stringify({ at: Date.now(), rss, heapTotal, heapUsed, external, arrayBuffers })}\n`,
  );
}

if (every > 0) setInterval(report, every).unref();
