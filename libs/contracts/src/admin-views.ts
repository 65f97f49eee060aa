/**
 * Devices and users as the REST API's administration routes send them (apps/api/src/devices, apps/api/src/users).
 * Built field by field from the tables (libs/records), so credential and password hashes, internal columns
 * (`isDemo`) and loaded relations never reach the wire. Timestamps are ISO 8601 strings.
 */

/** One metric's process safety set points on a device (`process_limits`); every field may be left out. */
export interface ProcessLimitSettings {
  readonly high?: number | null;
  readonly highHigh?: number | null;
  readonly low?: number | null;
  readonly lowLow?: number | null;
  readonly hysteresis?: number;
  readonly delayMs?: number;
}

/** A device; its id is also its MQTT username. */
export interface DeviceView {
  readonly id: string;
  readonly enterpriseId: string;
  readonly name: string;
  /** The device kind (libs/contracts device-kinds.ts). */
  readonly kind: string;
  /** A power meter's role (main, line, treatment …). */
  readonly role: string | null;
  /** The production line a meter measures. */
  readonly line: string | null;
  readonly location: string | null;
  readonly enabled: boolean;
  /** How often it reports, s: the silence that marks it offline is a multiple of this. */
  readonly expectedIntervalS: number;
  /** Its own discharge limits, metric → limit; null: the enterprise's permit applies. */
  readonly permitLimits: Record<string, number> | null;
  readonly permitO2Reference: number | null;
  /** A treatment meter's normal load, kW. */
  readonly normalKw: number | null;
  /** Process set points per metric (temperature, pressure, liquid level). */
  readonly processLimits: Record<string, ProcessLimitSettings> | null;
  /** When its MQTT password was last issued. */
  readonly credentialIssuedAt: string | null;
  /** Whether it has an MQTT password at all (the API never shows it again). */
  readonly hasCredential: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A user of the platform. */
export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: string;
  /** An energy manager's enterprise. */
  readonly enterpriseId: string | null;
  /** A staff member's department (@park/auth DEPARTMENTS). */
  readonly department: string | null;
  readonly disabled: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a device is told once, at provisioning or rotation: the secret is not stored and cannot be shown again. */
export interface DeviceCredentials {
  readonly username: string;
  readonly password: string;
  readonly telemetryTopic: string;
  readonly statusTopic: string;
}

/** A device provisioned or re-keyed, with its new credentials. */
export interface DeviceWithCredentials {
  readonly device: DeviceView;
  readonly credentials: DeviceCredentials;
}

/** How many sessions of a user an administrator's "sign out everywhere" ended. */
export interface SignOutResult {
  readonly endedSessions: number;
}
