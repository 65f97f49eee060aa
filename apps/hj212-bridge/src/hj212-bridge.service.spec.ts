import { Logger } from '@nestjs/common';
import { loadConfig } from '@park/config';
import type { DeviceReading } from '@park/contracts';
import { encodeFrame, Hj212Framer, type Hj212Frame } from '@park/hj212';
import { okPacket } from '../../../test/fixtures/hj212/golden';
import type { Hj212Device, Hj212DeviceDirectory } from './device-directory';
import type { TelemetryPublisher } from './device-publisher-pool';
import { hj212BridgeConfigSpec } from './hj212-bridge.config';
import { Hj212BridgeService } from './hj212-bridge.service';
import { Hj212Metrics } from './hj212-metrics';
import { PasswordCheck } from './password-check';

const STACK: Hj212Device = {
  mn: 'CEMS-MN-1',
  deviceId: 'cems-1',
  kind: 'stack-gas',
  passwordHash: 'scrypt$stack',
};
const WATER: Hj212Device = {
  mn: '81733553213013',
  deviceId: 'ww-1',
  kind: 'wastewater',
  passwordHash: 'scrypt$water',
};
const PASSWORDS: Record<string, string> = { scrypt$stack: 'pw-stack', scrypt$water: '123456' };

class FakeDirectory implements Hj212DeviceDirectory {
  find(mn: string) {
    return Promise.resolve([STACK, WATER].find((d) => d.mn === mn) ?? null);
  }
}

class FakePublisher implements TelemetryPublisher {
  readonly published: { deviceId: string; reading: DeviceReading }[] = [];
  failWith: Error | null = null;
  publish(deviceId: string, reading: DeviceReading) {
    if (this.failWith) return Promise.reject(this.failWith);
    this.published.push({ deviceId, reading });
    return Promise.resolve();
  }
  close() {
    return Promise.resolve();
  }
}

function frameOf(raw: Buffer): Hj212Frame {
  const [event] = new Hj212Framer().push(raw);
  if (event?.kind !== 'frame') throw new Error('not a frame');
  return event.frame;
}

function upload(
  mn: string,
  pw: string,
  cn: string,
  flag: number,
  cp: string,
  qn = '20240601120000123',
): Hj212Frame {
  return frameOf(
    encodeFrame(
      `QN=${qn};ST=31;CN=${cn};PW=${pw};MN=${mn};Flag=${flag};CP=&&DataTime=20240601120000;${cp}&&`,
    ),
  );
}

function setup(env: Record<string, string> = {}) {
  const config = loadConfig(hj212BridgeConfigSpec, { HJ212_DEVICES_FILE: '/unused.json', ...env });
  const publisher = new FakePublisher();
  const metrics = new Hj212Metrics();
  const verify = (secret: string, stored: string) => Promise.resolve(PASSWORDS[stored] === secret);
  const service = new Hj212BridgeService(
    config,
    new FakeDirectory(),
    publisher,
    new PasswordCheck(verify),
    metrics,
  );
  return { service, publisher, metrics };
}

const T = Date.parse('2024-06-01T12:00:00+08:00');

describe('Hj212BridgeService', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'warn', 'error']);
  });

  it('publishes a real-time reading as the device and answers 9014 with the QN when Flag asks', async () => {
    const { service, publisher, metrics } = setup();
    const reply = await service.handleFrame(
      upload(STACK.mn, 'pw-stack', '2011', 5, 'a21026-Rtd=35.2,a21026-Flag=N;a19001-Rtd=11.2,a19001-Flag=N'),
      'peer',
    );
    expect(publisher.published).toEqual([
      { deviceId: 'cems-1', reading: { ts: T, values: { so2: 35.2, o2: 11.2 } } },
    ]);
    expect(reply?.toString('latin1')).toBe(
      encodeFrame(`QN=20240601120000123;ST=91;CN=9014;PW=pw-stack;MN=${STACK.mn};Flag=4;CP=&&&&`).toString(
        'latin1',
      ),
    );
    expect(metrics).toMatchObject({ framesReceived: 1, readingsPublished: 1, acksSent: 1 });
  });

  it('publishes the published wastewater packet without answering (Flag=4)', async () => {
    const { service, publisher } = setup();
    await expect(
      service.handleFrame(frameOf(okPacket('foxedge.2011-wastewater')), 'peer'),
    ).resolves.toBeNull();
    expect(publisher.published).toEqual([
      {
        deviceId: 'ww-1',
        reading: {
          ts: Date.parse('2021-03-20T01:34:00+08:00'),
          values: { flow: 654.0552, tn: 45.16, tp: 1.97, nh3n: 53.131, cod: 194.2, ph: 7.496 },
        },
      },
    ]);
  });

  it('leaves the upload unanswered when the broker does not take the reading, so the logger sends it again', async () => {
    const { service, publisher, metrics } = setup();
    publisher.failWith = new Error('broker down');
    const frame = upload(STACK.mn, 'pw-stack', '2011', 5, 'a21026-Rtd=35.2');
    await expect(service.handleFrame(frame, 'peer')).resolves.toBeNull();
    expect(metrics).toMatchObject({ publishFailures: 1, acksSent: 0, readingsPublished: 0 });
    publisher.failWith = null;
    expect(await service.handleFrame(frame, 'peer')).not.toBeNull();
    expect(publisher.published).toHaveLength(1);
  });

  it('drops a packet with a bad CRC: no reading, no answer, counted', async () => {
    const { service, publisher, metrics } = setup();
    const good = upload(STACK.mn, 'pw-stack', '2011', 5, 'a21026-Rtd=35.2');
    await expect(service.handleFrame({ data: good.data, crc: 'FFFF' }, 'peer')).resolves.toBeNull();
    expect(publisher.published).toEqual([]);
    expect(metrics.crcErrors).toBe(1);
  });

  it('refuses a wrong password: no reading, no answer, counted', async () => {
    const { service, publisher, metrics } = setup();
    await expect(
      service.handleFrame(upload(STACK.mn, 'pw-wrong', '2011', 5, 'a21026-Rtd=35.2'), 'peer'),
    ).resolves.toBeNull();
    expect(publisher.published).toEqual([]);
    expect(metrics.wrongPassword).toBe(1);
  });

  it('refuses an unknown MN, even with a password another device uses', async () => {
    const { service, publisher, metrics } = setup();
    await expect(
      service.handleFrame(upload('NOBODY', 'pw-stack', '2011', 5, 'a21026-Rtd=1'), 'peer'),
    ).resolves.toBeNull();
    expect(publisher.published).toEqual([]);
    expect(metrics.unknownMn).toBe(1);
  });

  it('refuses a malformed packet that has a valid CRC', async () => {
    const { service, metrics } = setup();
    const frame = frameOf(encodeFrame(`ST=31;CN=2011;PW=pw-stack;MN=${STACK.mn};Flag=5;CP=&&&&`)); // answer asked, no QN
    await expect(service.handleFrame(frame, 'peer')).resolves.toBeNull();
    const noTime = frameOf(
      encodeFrame(`QN=20240601120000123;ST=31;CN=2011;PW=pw-stack;MN=${STACK.mn};Flag=5;CP=&&a21026-Rtd=1&&`),
    );
    await expect(service.handleFrame(noTime, 'peer')).resolves.toBeNull();
    expect(Object.fromEntries(metrics.packetsRejected)).toEqual({ MISSING_FIELD: 1, BAD_DATA_TIME: 1 });
  });

  it('publishes flagged values with their flags, answers, and counts them by flag', async () => {
    const { service, publisher, metrics } = setup();
    const reply = await service.handleFrame(
      upload(
        STACK.mn,
        'pw-stack',
        '2051',
        5,
        'a21026-Avg=1,a21026-Flag=C;a19001-Avg=20.9,a19001-Flag=C;a21002-Avg=35,a21002-Flag=N;a21005-Avg=1',
      ),
      'peer',
    );
    expect(reply?.toString()).toContain('CN=9014');
    expect(publisher.published.map((p) => p.reading)).toEqual([
      {
        ts: Date.parse('2024-06-01T12:00:00+08:00'),
        values: { so2: 1, o2: 20.9, nox: 35 },
        flags: { so2: 'C', o2: 'C' },
      },
    ]);
    expect(Object.fromEntries(metrics.valuesFlagged)).toEqual({ C: 2 });
    expect(Object.fromEntries(metrics.valuesSkipped)).toEqual({ unmapped: 1 });
  });

  it('skips a value whose flag is not in table 8, publishes the rest, and still answers', async () => {
    const { service, publisher, metrics } = setup();
    const reply = await service.handleFrame(
      upload(STACK.mn, 'pw-stack', '2011', 5, 'a21026-Rtd=1,a21026-Flag=X;a21002-Rtd=35,a21002-Flag=N'),
      'peer',
    );
    expect(reply).not.toBeNull();
    expect(publisher.published.map((p) => p.reading.values)).toEqual([{ nox: 35 }]);
    expect(Object.fromEntries(metrics.valuesSkipped)).toEqual({ 'unknown-flag': 1 });
  });

  it('answers, without publishing, an upload it does not relay (daily data 2031)', async () => {
    const { service, publisher, metrics } = setup();
    const reply = await service.handleFrame(upload(STACK.mn, 'pw-stack', '2031', 5, 'a21026-Avg=1'), 'peer');
    expect(reply?.toString()).toContain('CN=9014');
    expect(publisher.published).toEqual([]);
    expect(Object.fromEntries(metrics.packetsAccepted)).toEqual({ '2031': 1 });
  });

  it('publishes only the data commands HJ212_PUBLISH_CNS names, and still answers the others', async () => {
    const { service, publisher } = setup({ HJ212_PUBLISH_CNS: '2011' });
    expect(
      await service.handleFrame(upload(STACK.mn, 'pw-stack', '2061', 5, 'a21026-Avg=1'), 'peer'),
    ).not.toBeNull();
    await service.handleFrame(upload(STACK.mn, 'pw-stack', '2011', 4, 'a21026-Rtd=2'), 'peer');
    expect(publisher.published.map((p) => p.reading.values)).toEqual([{ so2: 2 }]);
  });

  it('neither answers nor publishes a system reply or a request it does not implement', async () => {
    const { service, metrics } = setup();
    const logger9014 = frameOf(
      encodeFrame(`QN=20240601120000123;ST=91;CN=9014;PW=pw-stack;MN=${STACK.mn};Flag=4;CP=&&&&`),
    );
    const timeRequest = frameOf(
      encodeFrame(`QN=20240601120000124;ST=31;CN=1013;PW=pw-stack;MN=${STACK.mn};Flag=5;CP=&&&&`),
    );
    await expect(service.handleFrame(logger9014, 'peer')).resolves.toBeNull();
    await expect(service.handleFrame(timeRequest, 'peer')).resolves.toBeNull();
    expect(Object.fromEntries(metrics.packetsUnsupported)).toEqual({ '9014': 1, '1013': 1 });
  });
});

describe('hj212BridgeConfigSpec', () => {
  it('publishes 2011, 2051 and 2061 by default', () => {
    expect(loadConfig(hj212BridgeConfigSpec, { HJ212_DEVICES_FILE: 'd.json' }).HJ212_PUBLISH_CNS).toEqual([
      '2011',
      '2051',
      '2061',
    ]);
  });

  it('names HJ212_PUBLISH_CNS when it lists a command the bridge cannot map, and a missing devices file', () => {
    expect(() => loadConfig(hj212BridgeConfigSpec, { HJ212_PUBLISH_CNS: '2011,2031' })).toThrow(
      /HJ212_DEVICES_FILE is missing[\s\S]*HJ212_PUBLISH_CNS="2011,2031" is invalid/,
    );
  });
});
