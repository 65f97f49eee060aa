/** @park/metrics — Prometheus-format counters, gauges and histograms. */
export * from './metrics';
