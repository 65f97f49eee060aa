import type { Socket } from 'node:net';
import { DEFAULT_TELEMETRY_LIMITS } from '@park/contracts';

/** How much an MQTT connection may send, before and after it authenticated. */
export interface MqttConnectionLimits {
  /**
   * Bytes a connection may send in total before its CONNECT was accepted (the CONNECT itself and anything
   * pipelined after it). A device's CONNECT is its id, secret and last will: well under 1 KiB.
   */
  readonly preAuthBytes: number;
  /** Milliseconds a connection may take from opening to an accepted CONNECT (throttle delays included). */
  readonly preAuthTimeoutMs: number;
  /** Largest whole packet (fixed header included) an authenticated device may send. */
  readonly maxPacketBytes: number;
}

/**
 * Defaults: 8 KiB and 10 s before authentication; after it, twice the telemetry payload limit of the contract plus
 * room for the topic, so a payload somewhat over the limit still reaches ingestion and is recorded as
 * PAYLOAD_TOO_LARGE with its reason, while a grossly oversized packet is cut off before it is buffered.
 */
export const DEFAULT_MQTT_CONNECTION_LIMITS: MqttConnectionLimits = {
  preAuthBytes: 8 * 1024,
  preAuthTimeoutMs: 10_000,
  maxPacketBytes: 2 * DEFAULT_TELEMETRY_LIMITS.maxPayloadBytes + 1024,
};

export type ConnectionViolation =
  'oversized-packet' | 'pre-auth-bytes' | 'pre-auth-timeout' | 'malformed-header';

/**
 * Follows the MQTT fixed headers in a byte stream without buffering the packets: it reads each packet's type byte
 * and remaining length (MQTT 3.1.1 §2.2.3, at most 4 bytes) and then only counts the body bytes down. A packet is
 * judged by the size it announces, so a 256 MiB CONNECT is refused after its first 5 bytes.
 */
export class MqttFrameMeter {
  private state: 'type' | 'length' | 'body' = 'type';
  private length = 0;
  private multiplier = 1;
  private lengthBytes = 0;
  private bodyLeft = 0;

  /** Reads a chunk; returns the violation, or null when every packet begun in it is within `limit` bytes. */
  feed(chunk: Buffer, limit: number): ConnectionViolation | null {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'type') {
        this.length = 0;
        this.multiplier = 1;
        this.lengthBytes = 0;
        this.state = 'length';
        i++;
      } else if (this.state === 'length') {
        const byte = chunk[i++];
        this.length += (byte & 0x7f) * this.multiplier;
        this.multiplier *= 128;
        this.lengthBytes++;
        if (byte & 0x80) {
          if (this.lengthBytes === 4) return 'malformed-header';
          continue;
        }
        if (1 + this.lengthBytes + this.length > limit) return 'oversized-packet';
        this.bodyLeft = this.length;
        this.state = this.bodyLeft > 0 ? 'body' : 'type';
      } else {
        const skip = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= skip;
        i += skip;
        if (this.bodyLeft === 0) this.state = 'type';
      }
    }
    return null;
  }
}

/**
 * Enforces the limits on a TCP connection's bytes before the broker reads them: aedes 0.51 has no packet-size
 * limit and buffers a packet until it is complete, so an unauthenticated client announcing a huge CONNECT would
 * hold that much of the broker's memory. The guard sits in the socket's `read()`, through which aedes takes every
 * byte (paused mode: `conn.read(null)` on 'readable'; aedes 0.51 lib/client.js), so each chunk is metered before
 * aedes parses it, at the cost of a loop over the chunk's headers and nothing on the write path (a Duplex wrapper
 * around the socket cost up to a quarter more broker CPU per message). The announced size is
 * checked as the header arrives, the bytes before authentication are capped in total, and a connection that has
 * not authenticated in time is closed; on any violation the socket is destroyed and `onViolation` says why.
 */
export class SocketGuard {
  readonly remoteAddress: string;
  private authenticated = false;
  private preAuthReceived = 0;
  private readonly meter = new MqttFrameMeter();
  private preAuthTimer: NodeJS.Timeout | null;

  constructor(
    private readonly socket: Socket,
    private readonly limits: MqttConnectionLimits,
    private readonly onViolation: (violation: ConnectionViolation, remoteAddress: string) => void,
  ) {
    this.remoteAddress = socket.remoteAddress ?? 'unknown';
    this.preAuthTimer = setTimeout(() => this.violate('pre-auth-timeout'), limits.preAuthTimeoutMs);
    this.preAuthTimer.unref();
    socket.once('close', () => this.clearPreAuthTimer());
    const read = socket.read.bind(socket);
    socket.read = (size?: number): Buffer | null => {
      const chunk = read(size) as Buffer | string | null;
      if (chunk === null || this.socket.destroyed) return null;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      return this.admit(bytes) ? bytes : null;
    };
  }

  /** The CONNECT was accepted: from now on the per-packet limit applies instead of the pre-auth budget. */
  markAuthenticated(): void {
    this.authenticated = true;
    this.clearPreAuthTimer();
  }

  /** Whether the chunk may be handed on; destroys the socket when it may not. */
  private admit(chunk: Buffer): boolean {
    // The headers first, so an announced oversized packet is reported as such even when it came in one chunk.
    const limit = this.authenticated ? this.limits.maxPacketBytes : this.limits.preAuthBytes;
    const violation = this.meter.feed(chunk, limit);
    if (violation) return this.violate(violation);
    if (!this.authenticated) {
      this.preAuthReceived += chunk.length;
      if (this.preAuthReceived > this.limits.preAuthBytes) return this.violate('pre-auth-bytes');
    }
    return true;
  }

  private violate(violation: ConnectionViolation): false {
    if (!this.socket.destroyed) {
      this.onViolation(violation, this.remoteAddress);
      this.socket.destroy();
    }
    this.clearPreAuthTimer();
    return false;
  }

  private clearPreAuthTimer(): void {
    if (this.preAuthTimer) clearTimeout(this.preAuthTimer);
    this.preAuthTimer = null;
  }
}
