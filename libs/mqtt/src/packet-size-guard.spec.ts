import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_TELEMETRY_LIMITS } from '@park/contracts';
import { DEFAULT_MQTT_CONNECTION_LIMITS, MqttFrameMeter } from './packet-size-guard';

/** A packet: type byte, remaining length as a variable byte integer, then `length` body bytes. */
function packet(length: number, type = 0x30): Buffer {
  const header = [type];
  let x = length;
  do {
    let byte = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) byte |= 0x80;
    header.push(byte);
  } while (x > 0);
  return Buffer.concat([Buffer.from(header), Buffer.alloc(length)]);
}

describe('MqttFrameMeter', () => {
  it('passes packets within the limit, whole or split at any byte', () => {
    const stream = Buffer.concat([packet(0, 0xc0), packet(100), packet(200), packet(1_600)]);
    expect(new MqttFrameMeter().feed(stream, 1_605)).toBeNull();
    for (const size of [1, 2, 3, 7, 129]) {
      const meter = new MqttFrameMeter();
      for (let i = 0; i < stream.length; i += size) {
        expect(meter.feed(stream.subarray(i, i + size), 1_605)).toBeNull();
      }
    }
  });

  it('refuses a packet on its announced size, before its body arrives', () => {
    const announced = packet(268_435_455).subarray(0, 5);
    expect(new MqttFrameMeter().feed(announced, 8 * 1024)).toBe('oversized-packet');
    // The limit counts the whole packet: header bytes included.
    expect(new MqttFrameMeter().feed(packet(1021).subarray(0, 3), 1024)).toBeNull();
    expect(new MqttFrameMeter().feed(packet(1022).subarray(0, 3), 1024)).toBe('oversized-packet');
    // Split across chunks: the second packet's header straddles them.
    const meter = new MqttFrameMeter();
    const two = Buffer.concat([packet(10), packet(5_000).subarray(0, 3)]);
    expect(meter.feed(two.subarray(0, 13), 4_096)).toBeNull();
    expect(meter.feed(two.subarray(13), 4_096)).toBe('oversized-packet');
  });

  it('refuses a remaining length longer than 4 bytes', () => {
    expect(new MqttFrameMeter().feed(Buffer.from([0x10, 0xff, 0xff, 0xff, 0xff, 0x01]), 1e9)).toBe(
      'malformed-header',
    );
  });

  it('defaults to twice the telemetry payload limit + 1 KiB after login, as park-mosquitto', () => {
    expect(DEFAULT_MQTT_CONNECTION_LIMITS.maxPacketBytes).toBe(
      2 * DEFAULT_TELEMETRY_LIMITS.maxPayloadBytes + 1024,
    );
    const conf = readFileSync(
      resolve(__dirname, '../../../deploy/local/mosquitto/park-mosquitto.conf.in'),
      'utf8',
    );
    expect(conf).toMatch(
      new RegExp(`^max_packet_size ${DEFAULT_MQTT_CONNECTION_LIMITS.maxPacketBytes}$`, 'm'),
    );
    expect(conf).toMatch(/^use_username_as_clientid true$/m);
  });
});
