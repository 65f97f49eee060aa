import type { WallAlertRecord, WallDeviceRecord, WallParcelRecord } from '@park/records';
import {
  alertsBySeverity,
  devicesOnline,
  emissionCompliance,
  energyToday,
  geometryCentre,
  isFresh,
  parkMap,
  startOfShanghaiDay,
  totalLoad,
} from './wall-kpis';

const NOW = Date.parse('2025-11-27T10:00:00+08:00');
const device = (id: string, kind: string, enterpriseId = 'e1', expectedIntervalS = 60): WallDeviceRecord => ({
  id,
  name: id,
  kind,
  enterpriseId,
  expectedIntervalS,
});
const alert = (
  deviceId: string | null,
  metric: string,
  severity: string,
  enterpriseId = 'e1',
): WallAlertRecord => ({
  deviceId,
  enterpriseId,
  metric,
  severity,
});

describe('wall KPIs', () => {
  it('starts the park day at 00:00 Shanghai time, whatever the UTC date', () => {
    expect(startOfShanghaiDay(NOW)).toBe(Date.parse('2025-11-27T00:00:00+08:00'));
    // 23:30 UTC on the 26th is already 07:30 on the 27th in Shanghai.
    expect(startOfShanghaiDay(Date.parse('2025-11-26T23:30:00Z'))).toBe(
      Date.parse('2025-11-27T00:00:00+08:00'),
    );
    expect(startOfShanghaiDay(Date.parse('2025-11-27T00:00:00+08:00'))).toBe(
      Date.parse('2025-11-27T00:00:00+08:00'),
    );
  });

  it('counts a reading as fresh for less than three expected intervals', () => {
    expect(isFresh(NOW - 179_999, 60, NOW)).toBe(true);
    expect(isFresh(NOW - 180_000, 60, NOW)).toBe(false);
    expect(isFresh(undefined, 60, NOW)).toBe(false);
  });

  it('sums the latest kW of the power meters that are reporting, and only power meters', () => {
    const devices = [
      device('m1', 'power-meter'),
      device('m2', 'power-meter'),
      device('m3', 'power-meter', 'e1', 10),
    ];
    const lastKw = new Map([
      ['m1', { ts: NOW - 30_000, value: 120.5 }],
      ['m2', { ts: NOW - 60_000, value: 80.25 }],
      ['m3', { ts: NOW - 31_000, value: 999 }], // 10 s meter silent for 31 s: stale
      ['gas1', { ts: NOW, value: 5 }], // not a power meter on the records
    ]);
    expect(totalLoad(devices, lastKw, NOW)).toEqual({ kw: 200.75, reporting: 2, meters: 3 });
  });

  it("sums each power meter's kWh spread since midnight", () => {
    const devices = [device('m1', 'power-meter'), device('m2', 'power-meter'), device('w1', 'wastewater')];
    expect(
      energyToday(
        devices,
        new Map([
          ['m1', 12.5],
          ['m2', 0.25],
          ['w1', 40],
        ]),
      ),
    ).toEqual({ kwh: 12.75, meters: 2 });
    expect(energyToday(devices, new Map())).toEqual({ kwh: 0, meters: 0 });
  });

  it('counts devices online against all enabled devices', () => {
    const devices = [
      device('a', 'power-meter'),
      device('b', 'stack-gas', 'e1', 300),
      device('c', 'wastewater'),
    ];
    const seen = new Map([
      ['a', NOW - 10_000],
      ['b', NOW - 600_000], // 300 s interval: 10 min is under 15 min
      ['c', NOW - 3_600_000],
    ]);
    expect(devicesOnline(devices, seen, NOW)).toEqual({ online: 2, total: 3 });
  });

  it('judges emission compliance over the outlets actually judged: permit limit and fresh data, or an exceedance', () => {
    const permitted = (id: string, kind: string, permitMetrics: string[]): WallDeviceRecord => ({
      ...device(id, kind),
      permitMetrics,
    });
    const devices = [
      permitted('s1', 'stack-gas', ['so2']), // exceeding: judged, not compliant
      permitted('s2', 'stack-gas', ['nox']), // fresh, limited: judged compliant
      permitted('w1', 'wastewater', ['cod']), // offline alert only, fresh: judged compliant
      device('w2', 'wastewater'), // no permit limit: not judged
      permitted('w3', 'wastewater', ['cod']), // limited but silent: not judged
      permitted('w4', 'wastewater', ['flow']), // a limit on no permit pollutant: not judged
      device('m1', 'power-meter'),
    ];
    const alerts = [
      alert('s1', 'so2', 'warning'),
      alert('w1', 'offline', 'warning'), // silence is not an exceedance
      alert('m1', 'kw', 'critical'), // not an emission device
    ];
    const seen = new Map(['s1', 's2', 'w1', 'w2', 'w4'].map((id) => [id, NOW - 1000]));
    expect(emissionCompliance(devices, alerts, seen, NOW)).toEqual({
      compliant: 2,
      judged: 3,
      notJudged: 3,
      total: 6,
      ratePercent: 66.7,
    });
    // Nothing judged: no rate, rather than 100 % of nothing.
    expect(emissionCompliance([device('w2', 'wastewater')], [], seen, NOW)).toEqual({
      compliant: 0,
      judged: 0,
      notJudged: 1,
      total: 1,
      ratePercent: null,
    });
  });

  it('counts open alerts by severity', () => {
    expect(
      alertsBySeverity([
        alert('a', 'lel', 'critical'),
        alert('b', 'lel', 'warning'),
        alert('c', 'so2', 'critical'),
      ]),
    ).toEqual({ info: 0, warning: 1, critical: 2, total: 3 });
  });

  it('centres markers on the mean of the outer ring and colours parcels by their enterprise’s worst alert', () => {
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [121.0, 31.0],
          [121.2, 31.0],
          [121.2, 31.1],
          [121.0, 31.1],
          [121.0, 31.0],
        ],
      ],
    };
    const [lon, lat] = geometryCentre(square);
    expect(lon).toBeCloseTo(121.1, 10);
    expect(lat).toBeCloseTo(31.05, 10);
    const parcels: WallParcelRecord[] = [
      { id: 'p1', code: 'A-01', name: 'A', enterpriseId: 'e1', geometry: square },
      { id: 'p2', code: 'A-02', name: 'B', enterpriseId: 'e2', geometry: square },
      { id: 'p3', code: 'A-03', name: 'C', enterpriseId: null, geometry: square },
    ];
    const devices = [device('d1', 'combustible-gas', 'e1'), device('d2', 'power-meter', 'e3')];
    const map = parkMap(
      parcels,
      devices,
      [alert('d1', 'lel', 'warning'), alert(null, 'kw', 'critical', 'e1')],
      new Map([['d1', NOW - 1000]]),
      NOW,
    );
    expect(map.parcels.features.map((f) => [f.id, f.properties.worstSeverity])).toEqual([
      ['p1', 'critical'],
      ['p2', null],
      ['p3', null],
    ]);
    // d2's enterprise has no parcel: no marker.
    expect(map.devices).toHaveLength(1);
    expect(map.devices[0]).toMatchObject({
      id: 'd1',
      online: true,
      worstSeverity: 'warning',
      parcelId: 'p1',
    });
  });
});
