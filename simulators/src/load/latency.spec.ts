import { LatencyRecorder } from './latency';

describe('LatencyRecorder', () => {
  it('reports nearest-rank percentiles, mean and max', () => {
    const r = new LatencyRecorder();
    for (let i = 1; i <= 2000; i++) r.record(i / 10);
    expect(r.summary()).toEqual({
      count: 2000,
      meanMs: 100.05,
      p50Ms: 100,
      p95Ms: 190,
      p99Ms: 198,
      maxMs: 200,
    });
  });

  it('reports zeros when nothing was acknowledged', () => {
    expect(new LatencyRecorder().summary()).toEqual({
      count: 0,
      meanMs: 0,
      p50Ms: 0,
      p95Ms: 0,
      p99Ms: 0,
      maxMs: 0,
    });
  });

  it('sorts numerically, not as text', () => {
    const r = new LatencyRecorder();
    [10, 9, 100].forEach((v) => r.record(v));
    expect(r.summary().p50Ms).toBe(10);
  });
});
