/** A monotonic clock in milliseconds for measuring intervals and latencies (never goes back with NTP). */
import { performance } from 'node:perf_hooks';

export type Monotonic = () => number;

export const monotonicNow: Monotonic = () => performance.now();
