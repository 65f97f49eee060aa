/**
 * What the API's socket.io gateway pushes to browsers (docs/web.md, "Realtime events"). The server only emits;
 * a client never sends events. Every event goes to the park room (admin, officer, operator and wall-display
 * sessions) and to the room of the enterprise it concerns (that enterprise's energy managers).
 */
import type { DeviceKind } from './device-kinds';
import type { MetricValue, ValueFlags } from './telemetry';

/** socket.io event names. */
export const SOCKET_EVENTS = {
  /** An `AlertEvent` (alerts.ts), with catch-up by `seq` on reconnect. */
  alert: 'alert',
  /** A `TelemetryUpdate`: a device's latest values, at most one per device per throttle window. */
  telemetry: 'telemetry',
  /** A `DeviceStatusEvent` (device-status.ts): a device went online or offline. No catch-up. */
  deviceStatus: 'device-status',
  /** `{ rooms: string[] }` once the connection is set up and the missed alerts were replayed. */
  ready: 'ready',
} as const;

/**
 * A device's latest values, throttled per device: the first reading of a quiet device goes out at once, later
 * ones within the throttle window (TELEMETRY_THROTTLE_MS) are held and the newest goes out when the window ends,
 * so the last values are never lost. `values` holds the newest value of each metric the device reported in the
 * window (a device that sends some metrics in separate messages loses none); a client keeps its own map per device
 * and merges `values` into it. Not replayed on reconnect: the REST telemetry API answers the current state.
 */
export interface TelemetryUpdate {
  readonly v: 1;
  readonly deviceId: string;
  readonly enterpriseId: string;
  readonly kind: DeviceKind;
  /** Device time (epoch ms) of the newest reading folded into `values`. */
  readonly ts: number;
  readonly values: Readonly<Record<string, MetricValue>>;
  /** The unit of each numeric metric in `values` (device-kinds.ts); '' for dimensionless ones such as pf. */
  readonly units: Readonly<Record<string, string>>;
  /**
   * The HJ 212 data flag of each value in `values` that is not a normal measurement (maintenance, calibration,
   * fault …); absent when every value is normal, as in the reading.
   */
  readonly flags?: ValueFlags;
}
