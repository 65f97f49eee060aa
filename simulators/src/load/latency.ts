/** Publish-to-PUBACK latencies of a load run, summarised the way benchmarks report them. */
export interface LatencySummary {
  readonly count: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export class LatencyRecorder {
  private samples = new Float64Array(1024);
  private n = 0;

  record(ms: number): void {
    if (this.n === this.samples.length) {
      const bigger = new Float64Array(this.samples.length * 2);
      bigger.set(this.samples);
      this.samples = bigger;
    }
    this.samples[this.n++] = ms;
  }

  get count(): number {
    return this.n;
  }

  summary(): LatencySummary {
    const sorted = this.samples.slice(0, this.n).sort();
    // Nearest-rank percentile.
    const at = (p: number) =>
      this.n === 0 ? 0 : sorted[Math.min(this.n - 1, Math.max(0, Math.ceil((p / 100) * this.n) - 1))];
    let sum = 0;
    for (const v of sorted) sum += v;
    const r = (v: number) => Math.round(v * 1000) / 1000;
    return {
      count: this.n,
      meanMs: r(this.n === 0 ? 0 : sum / this.n),
      p50Ms: r(at(50)),
      p95Ms: r(at(95)),
      p99Ms: r(at(99)),
      maxMs: r(this.n === 0 ? 0 : sorted[this.n - 1]),
    };
  }
}
