import type { DataQuality } from './data-quality';

/**
 * What the devices page (GET /api/device-states) answers: each device's state now, when it last reported and its
 * newest value of each metric with unit and HJ 212 quality.
 */

/** Online while its newest reading is younger than 3 × its expected interval (the wall display's rule). */
export const DEVICE_STATES = ['online', 'offline'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

/** How far back the API looks for a device's last reading: older silence shows as "no data in 7 days". */
export const DEVICE_STATE_LOOKBACK_DAYS = 7;

/** A device's newest value of one metric. */
export interface DeviceLatestValue {
  readonly metric: string;
  readonly value: number | boolean;
  /** The metric's unit (device kinds); '' for on/off flags. */
  readonly unit: string;
  /** When it was read (device time), ISO 8601. */
  readonly at: string;
  /** Its HJ 212 data flag when not a normal measurement (fault, calibration, over range…); null when normal. */
  readonly quality: DataQuality | null;
}

export interface DeviceStateView {
  readonly id: string;
  readonly name: string;
  /** The device kind (libs/contracts device-kinds.ts). */
  readonly kind: string;
  readonly enterpriseId: string;
  readonly location: string | null;
  readonly line: string | null;
  readonly enabled: boolean;
  /** How often it reports, s. */
  readonly expectedIntervalS: number;
  readonly state: DeviceState;
  /** Its newest reading of any metric within the lookback, ISO 8601; null: none. */
  readonly lastSeenAt: string | null;
  /** Newest value per metric within the lookback, in the kind's metric order; metrics never read are left out. */
  readonly values: readonly DeviceLatestValue[];
}
