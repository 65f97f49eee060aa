import { ContractViolation } from './telemetry';

/** The value of a `park.device-status.v1` message (key: device id). */
export interface DeviceStatusEvent {
  readonly v: 1;
  readonly deviceId: string;
  readonly enterpriseId: string | null;
  readonly status: 'online' | 'offline';
  readonly at: number;
  readonly cause: 'last-will' | 'silence' | 'reading' | 'status-message';
}

const CAUSES = ['last-will', 'silence', 'reading', 'status-message'] as const;

/** Validates a `park.device-status.v1` message value. */
export function decodeDeviceStatusEvent(value: Buffer | null): DeviceStatusEvent {
  if (!value) throw new ContractViolation('device-status message has no value');
  let body: unknown;
  try {
    body = JSON.parse(value.toString('utf8'));
  } catch {
    throw new ContractViolation('device-status message is not JSON');
  }
  const e = body as Partial<DeviceStatusEvent> | null;
  if (
    typeof e !== 'object' ||
    e === null ||
    e.v !== 1 ||
    typeof e.deviceId !== 'string' ||
    (e.status !== 'online' && e.status !== 'offline') ||
    typeof e.at !== 'number' ||
    !Number.isFinite(e.at) ||
    !(CAUSES as readonly unknown[]).includes(e.cause)
  ) {
    throw new ContractViolation('device-status message is not contract v1');
  }
  return e as DeviceStatusEvent;
}
