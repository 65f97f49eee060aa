import type { MeterRole } from '@park/contracts';
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
  /** Time has passed: judge what depends on `now` alone (device silence, closing a clock hour). */
  | { readonly kind: 'tick' };

/** The parts of a rule every kind words its explanations with. */
export interface RuleContext {
  readonly id: string;
  readonly name: Bilingual;
  readonly source: string | null;
  /** The metric the rule reads from a reading's `values` (ignored by kinds that read none). */
  readonly metric: string;
  readonly info: MetricInfo;
}
