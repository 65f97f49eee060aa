/**
 * The port a simulated device talks through: one connection per device, authenticated as that device. The MQTT
 * adapter (`runtime/mqtt-device-connection.ts`) implements it for real brokers; tests may pass their own.
 */
export interface DeviceConnectionOptions {
  readonly brokerUrl: string;
  /** Also the MQTT username, as the platform's ACL expects (DESIGN.md, "Contracts"). */
  readonly deviceId: string;
  readonly clientId: string;
  readonly password: string | null;
  /** Publish `online` on the status topic after every (re)connect. */
  readonly announceOnline: boolean;
  /** MQTT protocol version: 5 (default) or 3.1.1 (4). */
  readonly protocolVersion?: 4 | 5;
  /** How long the first connection may take before start-up fails. */
  readonly connectTimeoutMs?: number;
  /** Problems after start-up (connection lost, PUBACK refused), for the log. */
  readonly onProblem?: (message: string) => void;
}

export interface DeviceConnection {
  readonly connected: boolean;
  /** Publishes to the device's telemetry topic at QoS 1; resolves when the broker acknowledged (PUBACK). */
  publishTelemetry(payload: Buffer): Promise<void>;
  /** Cuts the connection without DISCONNECT, as a device losing power does: the broker sends the last will. */
  drop(): void;
  /** Disconnects cleanly (DISCONNECT): the broker discards the last will. */
  close(): Promise<void>;
}

export type DeviceConnector = (options: DeviceConnectionOptions) => Promise<DeviceConnection>;
