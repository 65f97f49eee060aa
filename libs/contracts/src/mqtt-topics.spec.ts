import {
  DEVICE_ID_PATTERN,
  parseDeviceTopic,
  sharedStatusSubscription,
  sharedTelemetrySubscription,
  statusTopic,
  telemetryTopic,
} from './mqtt-topics';

/** MQTT 3.1.1 §4.7 topic-filter matching, just enough to check our filters against our topics. */
function filterMatches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/** `$share/{group}/{filter}` → `{filter}` (MQTT 5 §4.8.2). */
function unshare(subscription: string): { group: string; filter: string } {
  const [share, group, ...rest] = subscription.split('/');
  expect(share).toBe('$share');
  return { group, filter: rest.join('/') };
}

describe('parseDeviceTopic', () => {
  it('reads the device id and channel of a telemetry topic', () => {
    expect(parseDeviceTopic('park/v1/devices/gas-01/telemetry')).toEqual({
      deviceId: 'gas-01',
      channel: 'telemetry',
    });
  });

  it('reads the device id and channel of a status (last will) topic', () => {
    expect(parseDeviceTopic('park/v1/devices/gas-01/status')).toEqual({
      deviceId: 'gas-01',
      channel: 'status',
    });
  });

  it.each(['A', 'pm_3.line-2', 'GAS01', '0', 'a'.repeat(64)])('accepts device id %s', (id) => {
    expect(parseDeviceTopic(telemetryTopic(id))).toEqual({ deviceId: id, channel: 'telemetry' });
    expect(parseDeviceTopic(statusTopic(id))).toEqual({ deviceId: id, channel: 'status' });
  });

  it.each([
    ['a single-level wildcard as the id', 'park/v1/devices/+/telemetry'],
    ['a multi-level wildcard', 'park/v1/devices/#'],
    ['a multi-level wildcard as the channel', 'park/v1/devices/gas-01/#'],
    ['a wildcard as the channel', 'park/v1/devices/gas-01/+'],
    ['an extra level', 'park/v1/devices/gas-01/telemetry/extra'],
    ['a trailing slash', 'park/v1/devices/gas-01/telemetry/'],
    ['a leading slash', '/park/v1/devices/gas-01/telemetry'],
    ['a missing channel', 'park/v1/devices/gas-01'],
    ['an empty id', 'park/v1/devices//telemetry'],
    ['another version', 'park/v2/devices/gas-01/telemetry'],
    ['another prefix', 'plant/v1/devices/gas-01/telemetry'],
    ['a capitalised prefix', 'Park/v1/devices/gas-01/telemetry'],
    ['a capitalised channel', 'park/v1/devices/gas-01/Telemetry'],
    ['another channel', 'park/v1/devices/gas-01/config'],
    ['the shared-subscription form', '$share/ingestion/park/v1/devices/gas-01/telemetry'],
    ['an id starting with a hyphen', 'park/v1/devices/-gas/telemetry'],
    ['an id starting with a dot', 'park/v1/devices/.hidden/telemetry'],
    ['an id with a space', 'park/v1/devices/gas 01/telemetry'],
    ['an id with a dollar sign', 'park/v1/devices/$SYS/telemetry'],
    ['a non-ASCII id', 'park/v1/devices/燃气01/telemetry'],
    ['a 65-character id', `park/v1/devices/${'a'.repeat(65)}/telemetry`],
    ['the empty topic', ''],
  ])('refuses %s', (_label, topic) => {
    expect(parseDeviceTopic(topic)).toBeNull();
  });
});

describe('DEVICE_ID_PATTERN', () => {
  it('never admits a character with a meaning in MQTT topics', () => {
    for (const c of ['/', '+', '#', '$', ' ', '\u0000'])
      expect(DEVICE_ID_PATTERN.test(`gas${c}01`)).toBe(false);
  });
});

describe('shared subscriptions', () => {
  it('subscribes the ingestion group to every device telemetry topic', () => {
    expect(sharedTelemetrySubscription()).toBe('$share/ingestion/park/v1/devices/+/telemetry');
    expect(sharedStatusSubscription()).toBe('$share/ingestion/park/v1/devices/+/status');
  });

  it('uses the group it is given, so test runs do not steal each other’s messages', () => {
    expect(sharedTelemetrySubscription('ingestion-run42')).toBe(
      '$share/ingestion-run42/park/v1/devices/+/telemetry',
    );
    expect(unshare(sharedStatusSubscription('g7')).group).toBe('g7');
  });

  it('the telemetry filter matches exactly the topics parseDeviceTopic accepts as telemetry', () => {
    const { filter } = unshare(sharedTelemetrySubscription());
    const topics = [
      telemetryTopic('gas-01'),
      statusTopic('gas-01'),
      'park/v1/devices/gas-01/telemetry/extra',
      'park/v2/devices/gas-01/telemetry',
      'park/v1/devices/x/y/telemetry',
    ];
    for (const topic of topics) {
      expect([topic, filterMatches(filter, topic)]).toEqual([
        topic,
        parseDeviceTopic(topic)?.channel === 'telemetry',
      ]);
    }
  });

  it('the status filter matches the last-will topic of a device', () => {
    const { filter } = unshare(sharedStatusSubscription());
    expect(filterMatches(filter, statusTopic('gas-01'))).toBe(true);
    expect(filterMatches(filter, telemetryTopic('gas-01'))).toBe(false);
  });
});
