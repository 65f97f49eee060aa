import type { IncomingMessage } from '@park/bus';
import { ManualClock } from '@park/clock';
import type { TelemetryRecord, TelemetryUpdate } from '@park/contracts';
import type { ApiConfig } from '../api.config';
import type { AlertsGateway } from './alerts.gateway';
import { TelemetryFanoutService } from './telemetry-fanout.service';

const WINDOW_MS = 1000;

function message(offset: number, record: Partial<TelemetryRecord> | string): IncomingMessage {
  const body =
    typeof record === 'string'
      ? record
      : JSON.stringify({
          v: 1,
          deviceId: 'meter-1',
          enterpriseId: 'ent-a',
          kind: 'power-meter',
          role: null,
          line: null,
          ts: 1000 + offset,
          receivedAt: 1000 + offset,
          values: { kw: offset },
          ...record,
        });
  return {
    topic: 'park.telemetry.v1',
    partition: 0,
    offset: String(offset),
    key: null,
    value: Buffer.from(body),
    headers: {},
    timestamp: 0,
  };
}

describe('TelemetryFanoutService', () => {
  let clock: ManualClock;
  let sent: TelemetryUpdate[];
  let service: TelemetryFanoutService;

  /** Moves the manual clock and the timers together. */
  const advance = (ms: number) => {
    clock.advance(ms);
    jest.advanceTimersByTime(ms);
  };

  beforeEach(() => {
    jest.useFakeTimers();
    clock = new ManualClock(50_000);
    sent = [];
    const gateway = { broadcastTelemetry: (u: TelemetryUpdate) => sent.push(u) } as unknown as AlertsGateway;
    const config = { TELEMETRY_THROTTLE_MS: WINDOW_MS } as ApiConfig;
    service = new TelemetryFanoutService(config, clock, gateway);
  });

  afterEach(() => {
    service.beforeApplicationShutdown();
    jest.useRealTimers();
  });

  it("sends a device's first reading at once and its newest values when the window ends, with no other call", async () => {
    await service.deliver([message(1, {})]);
    expect(sent.map((u) => u.values.kw)).toEqual([1]);
    advance(200);
    await service.deliver([message(2, {}), message(3, { values: { kwh: 500 } })]);
    advance(200);
    await service.deliver([message(4, {})]);
    advance(599);
    expect(sent).toHaveLength(1);
    advance(1);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ deviceId: 'meter-1', ts: 1004, values: { kw: 4, kwh: 500 } });
    advance(5000);
    expect(sent).toHaveLength(2);
  });

  it('skips a message that breaks the contract and goes on with the batch', async () => {
    await service.deliver([
      message(1, 'not json'),
      message(2, { kind: 'toaster' as TelemetryRecord['kind'] }),
      message(3, { deviceId: 'gas-1', kind: 'combustible-gas', values: { lel: 3 } }),
    ]);
    expect(sent).toEqual([expect.objectContaining({ deviceId: 'gas-1', units: { lel: '%LEL' } })]);
  });

  it('sends nothing more after shutdown', async () => {
    await service.deliver([message(1, {}), message(2, {})]);
    service.beforeApplicationShutdown();
    advance(WINDOW_MS * 2);
    expect(sent).toHaveLength(1);
  });
});
