/**
 * Simulated devices for the cluster faults: one MQTT 3.1.1 connection per device written on mqtt-packet (as
 * test/bench/lean-load-child.ts, cheap enough to run inside the test process), QoS 1, every PUBACK counted per
 * device. Reading n of a device has ts = base + n·1000, so "every acknowledged reading stored once" is a count of
 * points per device in InfluxDB. Gas detectors follow a known square wave (`gasLel`), so the alerts a threshold rule
 * must open and resolve are computable from what was acknowledged.
 */
import { connect, type Socket } from 'node:net';
import mqttPacket from 'mqtt-packet';

/** Readings per half period of the gas detectors' square wave: 10 low (5 %LEL), then 10 high (35 %LEL). */
export const GAS_HALF_PERIOD = 10;
export const gasHigh = (n: number): boolean => Math.floor(n / GAS_HALF_PERIOD) % 2 === 1;
export const gasLel = (n: number): number => (gasHigh(n) ? 35 : 5);

export interface FleetDevice {
  readonly id: string;
  readonly kind: 'power-meter' | 'combustible-gas';
}

interface Connection {
  readonly device: FleetDevice;
  readonly socket: Socket;
  /** Readings sent; reading n's message id is n % 65535 + 1. */
  sent: number;
  acked: number;
  /** Highest reading index acknowledged, per message id in flight. */
  readonly inFlight: Map<number, number>;
  /** Indexes acknowledged (a Set, so a duplicate PUBACK could not count twice). */
  readonly ackedIndexes: Set<number>;
}

/** Seconds of the devices' MQTT keepalive; they ping at half of it, so a quiet spell between phases (a long wait for
 * InfluxDB after a failed phase) does not get them disconnected by the broker at 1.5 × keepalive. */
const KEEPALIVE_S = 60;

export class DeviceFleet {
  private readonly pinger: NodeJS.Timeout;

  private constructor(
    private readonly connections: Connection[],
    private readonly base: number,
  ) {
    const ping = mqttPacket.generate({ cmd: 'pingreq' });
    this.pinger = setInterval(
      () => {
        for (const c of connections) if (!c.socket.destroyed) c.socket.write(ping);
      },
      (KEEPALIVE_S * 1000) / 2,
    );
    this.pinger.unref();
  }

  static async connect(url: string, devices: readonly FleetDevice[], password: string): Promise<DeviceFleet> {
    const { hostname, port } = new URL(url);
    const connections: Connection[] = [];
    for (let i = 0; i < devices.length; i += 50) {
      connections.push(
        ...(await Promise.all(
          devices.slice(i, i + 50).map((d) => open(hostname, Number(port), d, password)),
        )),
      );
    }
    // Readings one second apart from three hours ago: a device's 10,800th reading is still in the past, so a burst of
    // 40 readings a second per device does not run ahead of the server clock (beyond INGEST_MAX_FUTURE_SKEW_MS, 5
    // minutes, it is rejected as TS_IN_FUTURE — acknowledged, rightly, and never stored); well inside the raw retention.
    return new DeviceFleet(connections, Date.now() - 3 * 3_600_000);
  }

  /** The timestamp of a device's reading n (every device's reading n has the same). */
  tsOf(n: number): number {
    return this.base + n * 1000;
  }

  get devices(): FleetDevice[] {
    return this.connections.map((c) => c.device);
  }

  /** Readings acknowledged so far, all devices. */
  get acked(): number {
    return this.connections.reduce((sum, c) => sum + c.acked, 0);
  }

  get sent(): number {
    return this.connections.reduce((sum, c) => sum + c.sent, 0);
  }

  /** Acknowledged readings per device: the indexes (for the gas detectors' expected alerts) and the count. */
  ackedOf(id: string): { count: number; indexes: ReadonlySet<number> } {
    const c = this.connections.find((x) => x.device.id === id);
    if (!c) throw new Error(`no device ${id}`);
    return { count: c.acked, indexes: c.ackedIndexes };
  }

  /**
   * Publishes `ratePerDevice` readings per second per device for `durationMs`, spread evenly; resolves once every
   * reading is acknowledged (or `drainMs` passed after the last one was sent).
   */
  async run(ratePerDevice: number, durationMs: number, drainMs = 60_000): Promise<void> {
    // A device whose connection is gone would count nothing it sends as acknowledged: say so instead.
    const gone = this.connections.filter((c) => c.socket.destroyed).map((c) => c.device.id);
    if (gone.length > 0) throw new Error(`devices disconnected from the broker: ${gone.join(', ')}`);
    const totalRate = ratePerDevice * this.connections.length;
    const total = Math.floor((totalRate * durationMs) / 1000);
    const start = Date.now();
    let sent = 0;
    await new Promise<void>((resolvePromise) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * totalRate) + 1);
        for (; sent < due; sent++) this.publish(this.connections[sent % this.connections.length]);
        if (sent >= total) return resolvePromise();
        setTimeout(tick, 5);
      };
      tick();
    });
    const until = Date.now() + drainMs;
    while (this.acked < this.sent && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  }

  private publish(c: Connection): void {
    const n = c.sent++;
    const messageId = (n % 65535) + 1;
    c.inFlight.set(messageId, n);
    const values =
      c.device.kind === 'combustible-gas'
        ? `{"lel":${gasLel(n)}}`
        : `{"kw":${100 + (n % 50)},"voltage":${380 + (n % 7)}}`;
    c.socket.write(
      mqttPacket.generate({
        cmd: 'publish',
        topic: `park/v1/devices/${c.device.id}/telemetry`,
        payload: `{"ts":${this.base + n * 1000},"values":${values}}`,
        qos: 1,
        messageId,
        retain: false,
        dup: false,
      }),
    );
  }

  close(): void {
    clearInterval(this.pinger);
    for (const c of this.connections) c.socket.destroy();
  }
}

function open(host: string, port: number, device: FleetDevice, password: string): Promise<Connection> {
  const socket = connect(port, host);
  socket.setNoDelay(true);
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const c: Connection = { device, socket, sent: 0, acked: 0, inFlight: new Map(), ackedIndexes: new Set() };
  return new Promise((resolvePromise, reject) => {
    parser.on('packet', (p: mqttPacket.Packet) => {
      if (p.cmd === 'connack') {
        if (p.returnCode) reject(new Error(`connack ${p.returnCode} for ${device.id}`));
        else resolvePromise(c);
      } else if (p.cmd === 'puback') {
        const n = c.inFlight.get(p.messageId ?? -1);
        if (n === undefined) return;
        c.inFlight.delete(p.messageId!);
        if (!c.ackedIndexes.has(n)) {
          c.ackedIndexes.add(n);
          c.acked++;
        }
      }
    });
    socket.on('data', (d: Buffer) => parser.parse(d));
    socket.once('error', reject);
    socket.once('connect', () =>
      socket.write(
        mqttPacket.generate({
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 4,
          clientId: device.id,
          clean: true,
          keepalive: KEEPALIVE_S,
          username: device.id,
          password: Buffer.from(password),
        }),
      ),
    );
  });
}
