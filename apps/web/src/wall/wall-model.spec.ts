import type { AlertEvent, AlertView, WallSummary } from '@park/contracts';
import {
  gaugeFraction,
  projectMap,
  renewDelayMs,
  staleness,
  STALE_AFTER_MS,
  tickerWith,
  TICKER_LENGTH,
  withLiveStatus,
  type WallDeviceMarker,
  type WallParcelFeature,
} from './wall-model';

const square = (lon: number, lat: number, size: number) => [
  [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ],
];
const feature = (id: string, coordinates: number[][][]): WallParcelFeature => ({
  type: 'Feature',
  id,
  geometry: { type: 'Polygon', coordinates },
  properties: { code: id, name: id, enterpriseId: null, worstSeverity: null },
});
const marker = (id: string, parcelId: string, position: [number, number]): WallDeviceMarker => ({
  id,
  name: id,
  kind: 'power-meter',
  online: true,
  worstSeverity: null,
  parcelId,
  position,
});

describe('park map projection', () => {
  it('fits the parcels into the box, north up, centred, keeping the aspect at the park’s latitude', () => {
    // Two 0.01° squares side by side at the equator: 0.02° wide, 0.01° tall → 2:1.
    const { parcels } = projectMap(
      [feature('w', square(0, 0, 0.01)), feature('e', square(0.01, 0, 0.01))],
      [],
      420,
      420,
      10,
    );
    // Width limits: 400 px for 0.02° → 20,000 px/°; 200 px tall, centred vertically (110 … 310).
    expect(parcels[0].path).toBe('M10 310L210 310L210 110L10 110L10 310Z');
    expect(parcels[1].path).toBe('M210 310L410 310L410 110L210 110L210 310Z');
    expect(parcels[0].label).toEqual([110, 210]);
  });

  it('narrows longitude by cos(latitude): at 60° N a degree east is half a degree north', () => {
    const { parcels } = projectMap([feature('p', square(10, 60, 0.02))], [], 100, 100, 0);
    // 0.02° × cos 60° = 0.01 wide vs 0.02 tall: height limits (5,000 px/°), 50 px wide, centred (25 … 75).
    expect(parcels[0].path).toBe('M25 100L75 100L75 0L25 0L25 100Z');
  });

  it('draws every ring of a MultiPolygon and spreads markers that share a parcel around its centre', () => {
    const multi: WallParcelFeature = {
      type: 'Feature',
      id: 'm',
      geometry: { type: 'MultiPolygon', coordinates: [square(0, 0, 1), square(2, 0, 1)] },
      properties: { code: 'm', name: 'm', enterpriseId: null, worstSeverity: null },
    };
    const result = projectMap(
      [multi],
      [marker('a', 'm', [0.5, 0.5]), marker('b', 'm', [0.5, 0.5])],
      300,
      100,
      0,
    );
    expect(result.parcels[0].path.match(/M/g)).toHaveLength(2);
    const [a, b] = result.markers;
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeCloseTo(24, 0);
    expect((a.x + b.x) / 2).toBeCloseTo(50, 0);
  });

  it('draws nothing without parcels', () => {
    expect(projectMap([], [marker('a', 'x', [0, 0])], 100, 100)).toEqual({ parcels: [], markers: [] });
  });
});

describe('staleness', () => {
  const startedAt = 1_000_000;
  it('is fresh while refreshes succeed and the socket is live, stale after 45 s without one', () => {
    const lastOkAt = startedAt + 10_000;
    expect(staleness({ now: lastOkAt + STALE_AFTER_MS, startedAt, lastOkAt, socket: 'live' })).toEqual({
      stale: false,
      since: lastOkAt,
    });
    expect(staleness({ now: lastOkAt + STALE_AFTER_MS + 1, startedAt, lastOkAt, socket: 'live' })).toEqual({
      stale: true,
      since: lastOkAt,
    });
  });

  it('is stale at once when the live connection drops, and not while it first connects', () => {
    const lastOkAt = startedAt + 1_000;
    expect(staleness({ now: lastOkAt + 1_000, startedAt, lastOkAt, socket: 'down' }).stale).toBe(true);
    expect(staleness({ now: startedAt + 1_000, startedAt, lastOkAt: null, socket: 'connecting' })).toEqual({
      stale: false,
      since: null,
    });
    expect(
      staleness({ now: startedAt + STALE_AFTER_MS + 1, startedAt, lastOkAt: null, socket: 'live' }).stale,
    ).toBe(true);
  });
});

describe('alert ticker', () => {
  const view = (id: string, lastSeenAt: number, status: AlertView['status'] = 'open') =>
    ({ id, lastSeenAt, status }) as AlertView;
  const event = (alert: AlertView): AlertEvent => ({ alert, seq: 1, v: 1, type: 'opened' }) as AlertEvent;

  it('puts a new alert first and replaces an alert it already shows with its latest state', () => {
    const ticker = tickerWith([view('a', 20), view('b', 10)], event(view('c', 30)));
    expect(ticker.map((a) => a.id)).toEqual(['c', 'a', 'b']);
    const updated = tickerWith(ticker, event(view('b', 40, 'acknowledged')));
    expect(updated.map((a) => [a.id, a.status])).toEqual([
      ['b', 'acknowledged'],
      ['c', 'open'],
      ['a', 'open'],
    ]);
  });

  it(`keeps at most ${TICKER_LENGTH}`, () => {
    const many = Array.from({ length: TICKER_LENGTH }, (_, i) => view(`a${i}`, i));
    const ticker = tickerWith(many, event(view('new', 1_000)));
    expect(ticker).toHaveLength(TICKER_LENGTH);
    expect(ticker[0].id).toBe('new');
    expect(ticker.some((a) => a.id === 'a0')).toBe(false);
  });
});

describe('display session renewal and gauges', () => {
  it('renews two minutes before a 15-minute session ends, halfway through a short one', () => {
    expect(renewDelayMs(15 * 60_000, 0)).toBe(13 * 60_000);
    expect(renewDelayMs(60_000, 0)).toBe(30_000);
    expect(renewDelayMs(0, 0)).toBe(5_000);
  });

  it('sweeps a gauge by the share of the target reached, capped at a full circle', () => {
    expect(gaugeFraction(62.5)).toBe(0.625);
    expect(gaugeFraction(130)).toBe(1);
    expect(gaugeFraction(null)).toBe(0);
  });
});

describe('live device status on the wall', () => {
  const summary = (markers: WallDeviceMarker[], online: number, total: number): WallSummary => ({
    generatedAt: 0,
    dayStart: 0,
    load: { kw: 0, reporting: 0, meters: 0 },
    energyToday: { kwh: 0, meters: 0 },
    devices: { online, total },
    emission: { compliant: 0, judged: 0, notJudged: 0, total: 0, ratePercent: null },
    openAlerts: { info: 0, warning: 0, critical: 0, total: 0 },
    map: { parcels: { type: 'FeatureCollection', features: [] }, devices: markers },
  });
  const onMap = [marker('gas-1', 'p', [0, 0]), marker('meter-1', 'p', [0, 0])];

  it('greys a device out the moment it goes offline and counts it out of the online devices', () => {
    const shown = withLiveStatus(summary(onMap, 5, 6), new Map([['gas-1', 'offline']]));
    expect(shown.map.devices.map((d) => [d.id, d.online])).toEqual([
      ['gas-1', false],
      ['meter-1', true],
    ]);
    expect(shown.devices).toEqual({ online: 4, total: 6 });
  });

  it('brings a device back online, and keeps a status the summary already shows as it is', () => {
    const offline = { ...onMap[0], online: false };
    const base = summary([offline, onMap[1]], 4, 6);
    const shown = withLiveStatus(
      base,
      new Map([
        ['gas-1', 'online'],
        ['meter-1', 'online'],
      ]),
    );
    expect(shown.map.devices.every((d) => d.online)).toBe(true);
    expect(shown.devices.online).toBe(5);
    expect(withLiveStatus(base, new Map([['meter-1', 'online']]))).toBe(base);
  });

  it('leaves the count alone for a device that is not on the map', () => {
    const base = summary(onMap, 5, 6);
    expect(withLiveStatus(base, new Map([['no-parcel-device', 'offline']]))).toBe(base);
  });
});
