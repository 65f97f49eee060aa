import type { DataQuality, MeterRole } from '@park/contracts';
import type { Bilingual, MetricInfo } from './evaluate';

/**
 * What the rules service feeds the engine for one (rule, subject) pair. A subject is a device for device rules and
 * a production line for line rules (分表计电, emission spike). Timestamps are epoch milliseconds.
 */
export type RuleInput =
  /** One telemetry record of the subject device (or, for a line rule, of the stack monitor on that line). */
  | {
      readonly kind: 'reading';
      readonly ts: number;
      readonly values: Readonly<Record<string, number | boolean>>;
      /**
       * The analyser's HJ 212 data flag of each value that is not a normal measurement (metric → flag); absent when
       * every value is normal. `evaluate` leaves flagged values out of every judgment (data-validity.ts); only the
       * analyser-abnormal kind reads the flags themselves.
       */
      readonly flags?: Readonly<Record<string, DataQuality>>;
    }
  /** A `park.device-status.v1` event; `cause` is worded into the explanation when given. */
  | {
      readonly kind: 'status';
      readonly ts: number;
      readonly status: 'online' | 'offline';
      readonly cause?: string;
    }
  /** The latest active power of one power meter on the line, with the meter's role. */
  | {
      readonly kind: 'meter';
      readonly ts: number;
      readonly meterId: string;
      readonly role: MeterRole;
      readonly kw: number;
    }
  /**
   * Time has passed: judge what depends on `now` alone (device silence, closing a clock hour). `enrolment` is what
   * the rules service knows of the subject device's enrolment (read by device-offline only); absent, a device is
   * judged from its last reading alone.
   */
  | { readonly kind: 'tick'; readonly enrolment?: Enrolment };

/**
 * A device as the rules service sees it when it ticks: enabled and watched `since` (the later of the moment the
 * service saw it enabled and the moment the service started), or disabled (no longer expected to report).
 */
export type Enrolment = { readonly enabled: true; readonly since: number } | { readonly enabled: false };

/** The parts of a rule every kind words its explanations with. */
export interface RuleContext {
  readonly id: string;
  readonly name: Bilingual;
  readonly source: string | null;
  /** The metric the rule reads from a reading's `values` (ignored by kinds that read none). */
  readonly metric: string;
  readonly info: MetricInfo;
}
