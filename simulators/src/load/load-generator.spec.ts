import { checkReadingsForKind, parseTelemetryPayload } from '@park/contracts';
import type { DeviceConnector } from '../fleet/device-connection';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { runLoad } from './load-generator';

const loopback = () => Promise.resolve(['127.0.0.1']);

function fakeConnector(ackDelayMs = 0) {
  const sent: { deviceId: string; payload: Buffer }[] = [];
  const closed: string[] = [];
  const ids: string[] = [];
  const connect: DeviceConnector = (o) => {
    ids.push(o.deviceId);
    return Promise.resolve({
      connected: true,
      publishTelemetry: (payload: Buffer) => {
        sent.push({ deviceId: o.deviceId, payload });
        // A broker that never answers: no timer left behind.
        if (ackDelayMs === Infinity) return new Promise<void>(() => undefined);
        return new Promise<void>((resolve) => setTimeout(resolve, ackDelayMs));
      },
      drop: () => undefined,
      close: () => {
        closed.push(o.deviceId);
        return Promise.resolve();
      },
    });
  };
  return { connect, sent, closed, ids };
}

describe('load generator', () => {
  it('publishes devices × rate × duration messages of three power-meter values, one connection per device', async () => {
    const fake = fakeConnector(1);
    const report = await runLoad({
      brokerUrl: 'mqtt://127.0.0.1:1883',
      devices: 20,
      ratePerDevice: 10,
      durationMs: 1000,
      runId: 'spec',
      connect: fake.connect,
      lookup: loopback,
    });
    expect(fake.ids).toHaveLength(20);
    expect(fake.ids[0]).toBe('load-spec-00001');
    expect(report).toMatchObject({
      devices: 20,
      targetRate: 200,
      sent: 200,
      acked: 200,
      failed: 0,
      unacked: 0,
    });
    expect(report.latency.count).toBe(200);
    expect(report.latency.p50Ms).toBeGreaterThan(0);
    // Spread evenly: every device got its share.
    for (const id of fake.ids) expect(fake.sent.filter((m) => m.deviceId === id)).toHaveLength(10);
    for (const { payload } of fake.sent) {
      const parsed = parseTelemetryPayload(payload, Date.now());
      expect(parsed.ok && Object.keys(parsed.readings[0].values)).toEqual(['kw', 'voltage', 'current']);
      expect(parsed.ok && checkReadingsForKind('power-meter', parsed.readings)).toBeNull();
    }
    expect(report.meanPayloadBytes).toBeLessThan(120);
    expect(fake.closed.sort()).toEqual([...fake.ids].sort());
  });

  it('refuses a broker that is not on this machine before opening any connection', async () => {
    const fake = fakeConnector();
    const error: unknown = await runLoad({
      brokerUrl: 'mqtt://192.168.1.20:1883',
      devices: 1,
      ratePerDevice: 1,
      durationMs: 1000,
      connect: fake.connect,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SimulatorException);
    expect((error as SimulatorException).code).toBe(SimulatorErrorCode.NOT_LOOPBACK);
    expect(fake.ids).toEqual([]);
  });

  it('refuses an unbounded or oversized run', async () => {
    const fake = fakeConnector();
    await expect(
      runLoad({
        brokerUrl: 'mqtt://127.0.0.1',
        devices: 1,
        ratePerDevice: 1,
        durationMs: 0,
        connect: fake.connect,
      }),
    ).rejects.toThrow('load mode needs --duration, at most 30m');
    expect(fake.ids).toEqual([]);
  });

  it('counts what was never acknowledged when the drain time runs out', async () => {
    const fake = fakeConnector(Infinity);
    const report = await runLoad({
      brokerUrl: 'mqtt://127.0.0.1:1883',
      devices: 2,
      ratePerDevice: 5,
      durationMs: 400,
      drainTimeoutMs: 50,
      connect: fake.connect,
      lookup: loopback,
    });
    expect(report).toMatchObject({ sent: 4, acked: 0, unacked: 4 });
  });
});
