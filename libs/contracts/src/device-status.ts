/** The value of a `park.device-status.v1` message (key: device id). */
export interface DeviceStatusEvent {
  readonly v: 1;
  readonly deviceId: string;
  readonly enterpriseId: string | null;
  readonly status: 'online' | 'offline';
  readonly at: number;
  readonly cause: 'last-will' | 'silence' | 'reading' | 'status-message';
}
