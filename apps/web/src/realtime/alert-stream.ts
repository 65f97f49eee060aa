/**
 * The socket.io connection to the API's realtime gateway (same origin, path /socket.io). The handshake carries the
 * token and, on every (re)connection attempt, the last alert `seq` seen: socket.io-client evaluates a function
 * `auth` before each attempt, so a reconnecting client asks the gateway for exactly what it missed. Besides
 * `alert`, a screen may follow `device-status` and `telemetry` (no catch-up: a screen re-reads the state over REST).
 */
import {
  SOCKET_EVENTS,
  type AlertEvent,
  type DeviceStatusEvent,
  type TelemetryUpdate,
} from '@park/contracts';
import { io, type Socket } from 'socket.io-client';

export interface AlertStreamHandlers {
  /** Connected and caught up: the gateway sent everything after `lastSeq`, then `ready`. */
  onReady(): void;
  onAlert(event: AlertEvent): void;
  /** A device went online or offline (ingestion's liveness); only screens that show device state pass it. */
  onDeviceStatus?(event: DeviceStatusEvent): void;
  /** A device's latest values (throttled per device); only screens that show them pass it. */
  onTelemetry?(event: TelemetryUpdate): void;
  /** Lost the connection; socket.io-client is retrying with back-off. */
  onDisconnected(): void;
  /** A connection attempt failed; `unauthorized` when the gateway refused the token (no retry then). */
  onConnectError(unauthorized: boolean): void;
}

export interface AlertStreamOptions {
  readonly token: string;
  readonly lastSeq: () => number | null;
  readonly handlers: AlertStreamHandlers;
}

export interface AlertStream {
  close(): void;
}

/** Minimal shape check of what the gateway pushes; anything else is dropped, not trusted. */
export function isAlertEvent(value: unknown): value is AlertEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<AlertEvent>;
  const alert = event.alert as Partial<AlertEvent['alert']> | undefined;
  return (
    event.v === 1 &&
    typeof event.seq === 'number' &&
    typeof event.type === 'string' &&
    typeof alert === 'object' &&
    alert !== null &&
    typeof alert.id === 'string' &&
    typeof alert.status === 'string' &&
    typeof alert.openedAt === 'number'
  );
}

/** Minimal shape check of a `device-status` event. */
export function isDeviceStatusEvent(value: unknown): value is DeviceStatusEvent {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<DeviceStatusEvent>;
  return (
    event.v === 1 &&
    typeof event.deviceId === 'string' &&
    (event.status === 'online' || event.status === 'offline') &&
    typeof event.at === 'number'
  );
}

/** Minimal shape check of a `telemetry` event. */
export function isTelemetryUpdate(value: unknown): value is TelemetryUpdate {
  if (typeof value !== 'object' || value === null) return false;
  const event = value as Partial<TelemetryUpdate>;
  return (
    event.v === 1 &&
    typeof event.deviceId === 'string' &&
    typeof event.ts === 'number' &&
    typeof event.values === 'object' &&
    event.values !== null
  );
}

export function openAlertStream(options: AlertStreamOptions): AlertStream {
  const { handlers } = options;
  const socket: Socket = io({
    path: '/socket.io',
    auth: (callback) => {
      const lastSeq = options.lastSeq();
      callback(lastSeq === null ? { token: options.token } : { token: options.token, lastSeq });
    },
    reconnectionDelay: 1000,
    reconnectionDelayMax: 10_000,
  });
  socket.on(SOCKET_EVENTS.ready, () => handlers.onReady());
  socket.on(SOCKET_EVENTS.alert, (event: unknown) => {
    if (isAlertEvent(event)) handlers.onAlert(event);
  });
  if (handlers.onDeviceStatus) {
    socket.on(SOCKET_EVENTS.deviceStatus, (event: unknown) => {
      if (isDeviceStatusEvent(event)) handlers.onDeviceStatus?.(event);
    });
  }
  if (handlers.onTelemetry) {
    socket.on(SOCKET_EVENTS.telemetry, (event: unknown) => {
      if (isTelemetryUpdate(event)) handlers.onTelemetry?.(event);
    });
  }
  socket.on('disconnect', (reason) => {
    handlers.onDisconnected();
    // The server closed this socket on purpose: socket.io does not retry that by itself.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error: Error) => {
    handlers.onConnectError(/unauthori[sz]ed/i.test(error.message));
  });
  return {
    close() {
      socket.removeAllListeners();
      socket.close();
    },
  };
}
