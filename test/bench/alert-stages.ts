/**
 * Where an alert's time goes, stage by stage, from stamps the platform already records (no app code measures for
 * the bench): each stamp is epoch ms on the one machine's clock, so the stages of one sample add up to its
 * end-to-end time. Kafka and Date stamps are whole milliseconds, so a stage may read ±1 ms off.
 */
import { percentile } from './bench-support';

export interface AlertPathStamps {
  /** Bench: `Date.now()` as the probe's MQTT PUBLISH is written (also the reading's `ts`). */
  readonly published: number;
  /** Ingestion: the telemetry record's `receivedAt` — its clock when it evaluated the MQTT message. */
  readonly ingested: number;
  /** The telemetry record's Kafka timestamp: the broker's append time (the bench creates the topic with LogAppendTime). */
  readonly telemetryAppended: number;
  /** Rules: the alert event's `at` — the rules service's clock when it began evaluating the batch holding the reading. */
  readonly evaluated: number;
  /** Rules: `alert_events.published_at` — the clock when the outbox relay run that took the (committed) event began. */
  readonly relayStarted: number;
  /** The alert record's Kafka timestamp: the broker's append time (LogAppendTime, as above). */
  readonly alertAppended: number;
  /** Bench: a consumer of `park.alerts.v1` in a group of its own with the api's fan-out settings received it. */
  readonly consumed: number;
  /** Bench: the `alert` event arrived on the officer's socket.io connection. */
  readonly received: number;
}

export interface AlertStage {
  readonly label: string;
  readonly from: keyof AlertPathStamps;
  readonly to: keyof AlertPathStamps;
}

/** publish → Kafka → rules commit → outbox → api → socket, as consecutive intervals between the stamps above. */
export const ALERT_STAGES: readonly AlertStage[] = [
  { label: 'MQTT publish → ingestion evaluates (Mosquitto, MQTT batch)', from: 'published', to: 'ingested' },
  {
    label: 'ingestion → appended to Kafka (validate, enrich, producer queue, produce request)',
    from: 'ingested',
    to: 'telemetryAppended',
  },
  {
    label:
      'appended → rules begin evaluating (Kafka ack, rules fetch, decode, route, wait for the previous batch)',
    from: 'telemetryAppended',
    to: 'evaluated',
  },
  {
    label: 'rules evaluate + commit (state, alert, event in one transaction) → relay starts',
    from: 'evaluated',
    to: 'relayStarted',
  },
  {
    label: 'outbox relay → alert appended to Kafka (lock, read, produce request)',
    from: 'relayStarted',
    to: 'alertAppended',
  },
  {
    label: '≈ alert appended → Kafka delivers (to a consumer with the api fan-out settings)',
    from: 'alertAppended',
    to: 'consumed',
  },
  {
    label: '≈ api: its consumer, event loop, fan-out, socket.io → the client',
    from: 'consumed',
    to: 'received',
  },
];

/**
 * The two ≈ stages split at a look-alike of the api's consumer, not at the api's own (which records nothing per
 * event): the split is an estimate (off by the look-alike's own delays, a few ms; it can come out negative), the
 * sum is exact.
 */
export const API_SPAN: AlertStage = {
  label: '(the two ≈ stages together: alert appended → socket.io client)',
  from: 'alertAppended',
  to: 'received',
};

export interface StageRow {
  readonly label: string;
  readonly samples: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  /** Mean of this stage over the samples whose end-to-end time is at or above the end-to-end p90. */
  readonly tailMean: number;
}

function row(label: string, values: readonly number[], tail: readonly number[]): StageRow {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    label,
    samples: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    tailMean: tail.length === 0 ? NaN : tail.reduce((a, b) => a + b, 0) / tail.length,
  };
}

/**
 * One row per stage, one for the two ≈ stages together, and one for the whole path (published → received), over
 * samples with every stamp. Each row's percentiles are that stage's own and do not add up to the end-to-end's;
 * the stages' tail means (over the same samples) do.
 */
export function stageRows(samples: readonly AlertPathStamps[]): StageRow[] {
  const total = samples.map((s) => s.received - s.published);
  const p90 = percentile(
    [...total].sort((a, b) => a - b),
    90,
  );
  const slow = samples.filter((_, i) => total[i] >= p90);
  const rows = [...ALERT_STAGES, API_SPAN].map((st) =>
    row(
      st.label,
      samples.map((s) => s[st.to] - s[st.from]),
      slow.map((s) => s[st.to] - s[st.from]),
    ),
  );
  rows.push(
    row(
      'end to end (MQTT publish → socket.io client)',
      total,
      slow.map((s) => s.received - s.published),
    ),
  );
  return rows;
}

/**
 * Samples whose exact stamps go backwards by more than the clocks' 1 ms granularity (a sign a stamp means something
 * else than documented); the look-alike consumer's stamp is left out, its split is an estimate.
 */
export function outOfOrder(samples: readonly AlertPathStamps[]): number {
  const exact = [...ALERT_STAGES.filter((st) => st.from !== 'consumed' && st.to !== 'consumed'), API_SPAN];
  return samples.filter((s) => exact.some((st) => s[st.to] - s[st.from] < -1)).length;
}

const ms = (x: number) =>
  Number.isNaN(x) ? '–' : x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`;

/** The markdown table docs/benchmarks.md records. */
export function stageTable(rows: readonly StageRow[]): string[] {
  return [
    '| stage | p50 | p90 | p99 | max | mean in the slowest 10 % |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| ${r.label} | ${ms(r.p50)} | ${ms(r.p90)} | ${ms(r.p99)} | ${ms(r.max)} | ${ms(r.tailMean)} |`,
    ),
  ];
}
