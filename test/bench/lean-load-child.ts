/**
 * A lean load publisher for the ingestion benchmark: one MQTT connection per device like the simulator's load
 * generator, but written on mqtt-packet directly (no per-message promise or client bookkeeping), so on a 2-core
 * machine the publishers take as little CPU as possible away from what is measured. QoS 1; counts PUBACKs.
 * Argument: JSON {brokerUrl, ids, ratePerDevice, durationMs, password?}. Prints one JSON line like the simulator's report.
 * Loopback only, bounded in count and time.
 */
import { connect, type Socket } from 'node:net';
import { setPriority } from 'node:os';
import mqttPacket from 'mqtt-packet';

interface Options {
  brokerUrl: string;
  ids: string[];
  ratePerDevice: number;
  durationMs: number;
  drainTimeoutMs?: number;
  /** Every device's MQTT password, for brokers that check them (the standalone mode's). */
  password?: string;
  /** CPU niceness of this process (0–19): the stand-in devices yield the CPU to the platform they load. */
  nice?: number;
}

async function open(url: URL, id: string, password: string | undefined, onAck: () => void): Promise<Socket> {
  const socket = connect(Number(url.port), url.hostname);
  socket.setNoDelay(true);
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  await new Promise<void>((resolve, reject) => {
    parser.on('packet', (p: mqttPacket.Packet) => {
      if (p.cmd === 'connack') {
        if (p.returnCode) reject(new Error(`connack ${p.returnCode} for ${id}`));
        else resolve();
      } else if (p.cmd === 'puback') onAck();
    });
    socket.on('data', (d: Buffer) => parser.parse(d));
    socket.once('error', reject);
    socket.once('connect', () =>
      socket.write(
        mqttPacket.generate({
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 4,
          clientId: `${id}-lean`,
          clean: true,
          keepalive: 60,
          username: id,
          ...(password ? { password: Buffer.from(password) } : {}),
        }),
      ),
    );
  });
  return socket;
}

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as Options;
  if (o.nice) setPriority(Math.min(19, Math.max(0, o.nice)));
  const url = new URL(o.brokerUrl);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') throw new Error('loopback brokers only');
  if (o.ids.length > 5000 || o.durationMs > 3_600_000 || o.ratePerDevice * o.ids.length > 50_000)
    throw new Error('load out of bounds');
  let acked = 0;
  const sockets: Socket[] = [];
  for (let i = 0; i < o.ids.length; i += 50) {
    sockets.push(
      ...(await Promise.all(o.ids.slice(i, i + 50).map((id) => open(url, id, o.password, () => acked++)))),
    );
  }
  const topics = o.ids.map((id) => `park/v1/devices/${id}/telemetry`);
  const messageIds = new Uint16Array(o.ids.length);
  // Device timestamps strictly increase per device, as a real meter's do: when the loop catches up several
  // messages of one device in the same millisecond they would otherwise share a timestamp, and InfluxDB (one point
  // per series and time) would keep one — a collision the benchmark would count as a loss.
  const lastTs = new Float64Array(o.ids.length);
  const totalRate = o.ids.length * o.ratePerDevice;
  const total = Math.floor((totalRate * o.durationMs) / 1000);
  let sent = 0;
  let bytes = 0;
  const start = Date.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = Date.now() - start;
      const due = Math.min(total, Math.floor((elapsed / 1000) * totalRate) + 1);
      for (; sent < due; sent++) {
        const i = sent % o.ids.length;
        messageIds[i] = (messageIds[i] % 65535) + 1;
        const kw = 40 + ((sent * 7919) % 16000) / 100;
        const ts = Math.max(Date.now(), lastTs[i] + 1);
        lastTs[i] = ts;
        const payload = `{"ts":${ts},"values":{"kw":${kw},"voltage":${(380 + (sent % 7) / 10).toFixed(1)},"current":${(kw * 1.69).toFixed(2)}}}`;
        bytes += payload.length;
        sockets[i].write(
          mqttPacket.generate({
            cmd: 'publish',
            topic: topics[i],
            payload,
            qos: 1,
            messageId: messageIds[i],
            retain: false,
            dup: false,
          }),
        );
      }
      if (sent >= total) return resolve();
      setTimeout(tick, 2);
    };
    tick();
  });
  const publishMs = Date.now() - start;
  const drainUntil = Date.now() + (o.drainTimeoutMs ?? 30_000);
  while (acked < sent && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  const ackedMs = Date.now() - start;
  for (const s of sockets) s.end(mqttPacket.generate({ cmd: 'disconnect' }));
  process.stdout.write(
    `${JSON.stringify({ sent, acked, unacked: sent - acked, overflow: 0, publishMs, ackedPerSecond: (acked / ackedMs) * 1000, meanPayloadBytes: bytes / Math.max(1, sent) })}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  },
);
