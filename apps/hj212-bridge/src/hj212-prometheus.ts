import { Counter, Gauge, type Registry } from 'prom-client';
import type { Hj212Metrics } from './hj212-metrics';

type Plain = {
  [K in keyof Hj212Metrics]: Hj212Metrics[K] extends number ? K : never;
}[keyof Hj212Metrics];
type ByLabel = {
  [K in keyof Hj212Metrics]: Hj212Metrics[K] extends ReadonlyMap<string, number> ? K : never;
}[keyof Hj212Metrics];

/** The bridge's plain counters, by metric name. */
const COUNTERS: readonly { name: string; help: string; field: Plain }[] = [
  {
    name: 'park_hj212_connections_opened_total',
    help: 'Data-logger TCP connections accepted',
    field: 'connectionsOpened',
  },
  { name: 'park_hj212_idle_timeouts_total', help: 'Connections closed for silence', field: 'idleTimeouts' },
  { name: 'park_hj212_bytes_skipped_total', help: 'Bytes outside any frame', field: 'bytesSkipped' },
  { name: 'park_hj212_frames_received_total', help: 'Frames received', field: 'framesReceived' },
  { name: 'park_hj212_crc_errors_total', help: 'Frames refused for a wrong CRC', field: 'crcErrors' },
  { name: 'park_hj212_unknown_mn_total', help: 'Packets from an MN no device has', field: 'unknownMn' },
  { name: 'park_hj212_wrong_password_total', help: 'Packets with a wrong PW', field: 'wrongPassword' },
  {
    name: 'park_hj212_readings_published_total',
    help: 'Readings handed to the broker',
    field: 'readingsPublished',
  },
  {
    name: 'park_hj212_publish_failures_total',
    help: 'Readings the broker did not acknowledge',
    field: 'publishFailures',
  },
  { name: 'park_hj212_acks_sent_total', help: 'Data responses (CN 9014) sent', field: 'acksSent' },
];

/** The bridge's counters by one label, by metric name. */
const LABELLED: readonly { name: string; help: string; label: string; field: ByLabel }[] = [
  {
    name: 'park_hj212_frames_dropped_total',
    help: 'Frames dropped by the framer, by reason',
    label: 'reason',
    field: 'framesDropped',
  },
  {
    name: 'park_hj212_packets_rejected_total',
    help: 'CRC-valid packets refused as a whole, by reason',
    label: 'reason',
    field: 'packetsRejected',
  },
  {
    name: 'park_hj212_packets_accepted_total',
    help: 'Authenticated, well-formed packets, by CN',
    label: 'cn',
    field: 'packetsAccepted',
  },
  {
    name: 'park_hj212_packets_unsupported_total',
    help: 'Authenticated packets of a CN neither published nor answered',
    label: 'cn',
    field: 'packetsUnsupported',
  },
  {
    name: 'park_hj212_values_skipped_total',
    help: 'Pollutant values not published, by reason',
    label: 'reason',
    field: 'valuesSkipped',
  },
  {
    name: 'park_hj212_values_flagged_total',
    help: 'Values published with a data flag other than N, by flag',
    label: 'flag',
    field: 'valuesFlagged',
  },
  {
    name: 'park_hj212_fields_not_published_total',
    help: 'Fields carried but not published, by field',
    label: 'field',
    field: 'fieldsNotPublished',
  },
];

/**
 * Serves the bridge's counters from `registry` in the Prometheus format: each metric reads `metrics` when it is
 * scraped, so the bridge's hot path keeps counting with plain increments.
 */
export function registerHj212Metrics(metrics: Hj212Metrics, registry: Registry): void {
  for (const { name, help, field } of COUNTERS)
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(metrics[field]);
      },
    });
  for (const { name, help, label, field } of LABELLED)
    new Counter({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      collect() {
        this.reset();
        for (const [value, n] of metrics[field] as ReadonlyMap<string, number>)
          this.inc({ [label]: value }, n);
      },
    });
  new Gauge({
    name: 'park_hj212_connections_open',
    help: 'Data-logger connections open now',
    registers: [registry],
    collect() {
      this.set(metrics.connectionsOpen);
    },
  });
}
