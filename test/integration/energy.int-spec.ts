/**
 * GET /api/energy/summary and /summary.csv on the real PostgreSQL (meters, indicators, users) and InfluxDB (kWh
 * counters and kW load): exact daily kWh with a counter reset, the 峰/平/谷 split, peak 15-minute demand, per-line
 * and per-meter breakdown, carbon, kWh per 万元, year-on-year from the hourly means, the CSV, 400s naming the
 * field, and energy managers kept to their own enterprise; GET /api/energy/ranking ranks the enterprises with
 * exactly their summaries' figures, for park roles only.
 */
import type { INestApplication } from '@nestjs/common';
import type { TelemetryRecord } from '@park/contracts';
import { EnterpriseEntity, seedDemoPark } from '@park/records';
import { HOURLY_RP } from '@park/telemetry-store';
import { oneYearEarlier, shanghaiYear } from '../../apps/api/src/energy/energy-plan';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'energy-test-password';
const QUARTER = 15 * 60_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PEAK_HOURS = [8, 9, 10, 17, 18, 19, 20, 21];
const VALLEY_HOURS = [0, 1, 2, 3, 4, 5, 6, 7];
const OUTPUT_WAN = 36_500;

interface Summary {
  enterpriseId: string;
  enterpriseName: string;
  totalKwh: number;
  peakDemand: { kw: number; at: number } | null;
  tou: { peak: number; flat: number; valley: number; peakHours: string; valleyHours: string };
  daily: { date: string; kwh: number; peak: number; flat: number; valley: number }[];
  monthly: { month: string; kwh: number }[];
  meters: { deviceId: string; line: string | null; role: string; kwh: number; peakKw: number | null }[];
  lines: { line: string | null; kwh: number; meters: number }[];
  load: { ts: number; kw: number }[];
  loadIntervalMs: number;
  yoy: { kwh: number | null; changePct: number | null };
  carbon: { factorKgPerKwh: number; tCo2e: number };
  intensity: { outputWan: number | null; kwhPer10kYuan: number | null };
}

interface Ranking {
  from: number;
  to: number;
  timeZone: string;
  totalKwh: number;
  enterprises: {
    enterpriseId: string;
    enterpriseName: string;
    meters: number;
    kwh: number;
    sharePct: number | null;
    peakDemand: { kw: number; at: number } | null;
    kwhPer10kYuan: number | null;
  }[];
}

/** Shanghai hour of day → the production meter's load on day 0 (day 1 doubles it): 峰 100, 平 40, 谷 20 kW. */
function productionKw(hour: number, day: number): number {
  const base = PEAK_HOURS.includes(hour) ? 100 : VALLEY_HOURS.includes(hour) ? 20 : 40;
  return base * (day + 1);
}

describe('energy summary API on the real InfluxDB', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let manager: Caller;
  let otherManager: Caller;
  let chem: EnterpriseEntity;
  let mech: EnterpriseEntity;
  /** Asia/Shanghai midnight starting the two days of readings. */
  let day0: number;
  let window: { from: string; to: string };

  const get = (call: Caller, path: string, query: Record<string, string | number>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) params.set(key, String(value));
    return call('GET', `${path}?${params.toString()}`);
  };

  beforeAll(async () => {
    env = await createTestEnvironment('energy');
    await seedDemoPark(env.records, PASSWORD);
    await env.influx.ensureSchema();
    ({ app, url } = await startRecordsApi(env));
    admin = caller(url, await login(url, 'admin', PASSWORD));
    manager = caller(url, await login(url, 'manager', PASSWORD));

    const enterprises = env.records.getRepository(EnterpriseEntity);
    chem = await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' });
    mech = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });
    const created = await admin('POST', '/api/users', {
      username: 'mech.energy',
      displayName: '机械能源管理员',
      role: 'energy-manager',
      enterpriseId: mech.id,
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    otherManager = caller(url, await login(url, 'mech.energy', PASSWORD));

    const todayShanghai = Math.floor((Date.now() + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
    day0 = todayShanghai - 3 * DAY;
    window = { from: new Date(day0).toISOString(), to: new Date(day0 + 2 * DAY).toISOString() };
    for (const year of new Set([shanghaiYear(day0), shanghaiYear(day0 + 2 * DAY - 1)])) {
      const put = await admin('PUT', `/api/enterprises/${chem.id}/indicators/${year}`, {
        output: OUTPUT_WAN,
      });
      expect(put.status).toBe(200);
    }

    // Readings every 15 minutes from one quarter before day 0: demo-meter-001 (production, line synthesis-1) and
    // demo-meter-003 (general, no line). The counter rises at each reading by the load of that reading's hour / 4,
    // so each hour holds exactly its load in kWh. demo-meter-001 is replaced at 12:30 on day 1 (counter → 0).
    const reading = (deviceId: string, role: 'production' | 'general', ts: number, kw: number, kwh: number) =>
      ({
        v: 1,
        deviceId,
        enterpriseId: chem.id,
        kind: 'power-meter',
        role,
        line: null,
        ts,
        values: { kw, kwh },
        receivedAt: ts,
      }) satisfies TelemetryRecord;
    const records: TelemetryRecord[] = [];
    let production = 5_000;
    let general = 700;
    for (let ts = day0 - QUARTER; ts < day0 + 2 * DAY; ts += QUARTER) {
      const hour = new Date(ts + 8 * HOUR).getUTCHours();
      const day = Math.floor((ts - day0) / DAY);
      const kw = productionKw(hour, Math.max(day, 0));
      production = ts === day0 + DAY + 12 * HOUR + 2 * QUARTER ? 0 : production + kw / 4;
      general += 10 / 4;
      records.push(reading('demo-meter-001', 'production', ts, kw, production));
      records.push(reading('demo-meter-003', 'general', ts, 10, general));
    }
    const outcome = await env.influx.write(records);
    expect(outcome.rejected).toEqual([]);

    // A year earlier only the hourly maxima remain: demo-meter-003's counter rose 5 kWh an hour for the 48 hours.
    const yoyFrom = oneYearEarlier(day0);
    const lines: string[] = [];
    for (let h = -1; h < 48; h++)
      lines.push(
        `power_meter,device=demo-meter-003,enterprise=${chem.id},kind=power-meter,role=general ` +
          `max_kwh=${100 + (h + 1) * 5},mean_kw=5 ${yoyFrom + h * HOUR}`,
      );
    const res = await fetch(
      `${env.influxUrl}/write?${new URLSearchParams({ db: env.influxDatabase, rp: HOURLY_RP, precision: 'ms' }).toString()}`,
      { method: 'POST', body: lines.join('\n') },
    );
    expect(res.status).toBe(204);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('sums each Shanghai day from the counters, losing only the one step across a meter replacement', async () => {
    const res = await get(admin, '/api/energy/summary', { enterpriseId: chem.id, ...window });
    expect(res.status).toBe(200);
    const s = res.body as Summary;
    expect(s.enterpriseName).toBe('启东示范化工有限公司');
    // production: day 0 = 8×100 + 8×40 + 8×20 = 1280; day 1 doubled = 2560 less the 12:30 step (80 / 4 = 20).
    // general: 10 kW × 24 h = 240 a day.
    expect(s.daily.map((d) => d.kwh)).toEqual([1280 + 240, 2540 + 240]);
    expect(s.totalKwh).toBe(4300);
    expect(s.tou).toEqual({
      peak: 800 + 1600 + 160,
      flat: 320 + 620 + 160,
      valley: 160 + 320 + 160,
      peakHours: '8-11,17-22',
      valleyHours: '0-8',
    });
    expect(s.daily[1]).toMatchObject({ peak: 1600 + 80, flat: 620 + 80, valley: 320 + 80 });
    expect(s.monthly.reduce((sum, m) => sum + m.kwh, 0)).toBe(4300);
  });

  it('gives the peak 15-minute demand of the summed load, per meter and per line', async () => {
    const s = (await get(admin, '/api/energy/summary', { enterpriseId: chem.id, ...window })).body as Summary;
    expect(s.peakDemand).toEqual({ kw: 210, at: day0 + DAY + 8 * HOUR });
    expect(s.loadIntervalMs).toBe(QUARTER);
    expect(s.load).toHaveLength(2 * 96);
    expect(s.load[0]).toEqual({ ts: day0, kw: 30 });
    expect(s.meters.map((m) => [m.deviceId, m.kwh, m.peakKw])).toEqual([
      ['demo-meter-001', 3820, 200],
      ['demo-meter-002', 0, null],
      ['demo-meter-003', 480, 10],
    ]);
    expect(s.lines).toEqual([
      { line: 'synthesis-1', kwh: 3820, meters: 2 },
      { line: null, kwh: 480, meters: 1 },
    ]);
  });

  it('takes the peak over complete demand intervals only, not the one the window ends inside', async () => {
    // The window ends at 08:05 on day 1: the 08:00 interval (200 + 10 kW from its one reading) has not ended.
    const to = day0 + DAY + 8 * HOUR + 5 * 60_000;
    const s = (
      await get(admin, '/api/energy/summary', {
        enterpriseId: chem.id,
        from: window.from,
        to: new Date(to).toISOString(),
      })
    ).body as Summary;
    expect(s.load[s.load.length - 1]).toEqual({ ts: day0 + DAY + 8 * HOUR, kw: 210 }); // the curve shows it
    expect(s.peakDemand).toEqual({ kw: 110, at: day0 + 8 * HOUR }); // day 0's 峰 hours: 100 + 10 kW
    expect(s.meters.find((m) => m.deviceId === 'demo-meter-001')?.peakKw).toBe(100);
  });

  it('estimates carbon, energy per 万元 of output and the change on the same days a year earlier', async () => {
    const s = (await get(admin, '/api/energy/summary', { enterpriseId: chem.id, ...window })).body as Summary;
    expect(s.carbon).toEqual({ factorKgPerKwh: 0.5703, tCo2e: 2.452 }); // 4300 kWh × 0.5703 kg/kWh
    const daysInYear = (ts: number) => (shanghaiYear(ts) % 4 === 0 ? 366 : 365);
    const output = OUTPUT_WAN / daysInYear(day0) + OUTPUT_WAN / daysInYear(day0 + DAY);
    expect(s.intensity.outputWan).toBeCloseTo(output, 3);
    expect(s.intensity.kwhPer10kYuan).toBeCloseTo(4300 / output, 3);
    expect(s.yoy).toMatchObject({ kwh: 240, changePct: Math.round(((4300 - 240) / 240) * 1000) / 10 });
  });

  it('exports the daily per-meter table as CSV with a BOM and Chinese headers', async () => {
    const res = await fetch(
      `${url}/api/energy/summary.csv?${new URLSearchParams({ enterpriseId: chem.id, ...window }).toString()}`,
      { headers: { authorization: `Bearer ${await login(url, 'admin', PASSWORD)}` } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="energy-\d{8}-\d{8}\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('日期,电表编号,电表名称,产线,用途,用电量(kWh),峰段(kWh),平段(kWh),谷段(kWh)');
    const date = (ts: number) => new Date(ts + 8 * HOUR).toISOString().slice(0, 10);
    expect(rows.slice(1)).toEqual([
      `${date(day0)},demo-meter-001,合成车间一线生产总表,synthesis-1,生产,1280,800,320,160`,
      `${date(day0)},demo-meter-003,综合楼总表,,综合,240,80,80,80`,
      `${date(day0 + DAY)},demo-meter-001,合成车间一线生产总表,synthesis-1,生产,2540,1600,620,320`,
      `${date(day0 + DAY)},demo-meter-003,综合楼总表,,综合,240,80,80,80`,
    ]);
  });

  it("keeps an energy manager to their own enterprise: another's answers 404, as the records APIs do", async () => {
    const own = await get(manager, '/api/energy/summary', window);
    expect(own.status).toBe(200);
    expect((own.body as Summary).enterpriseId).toBe(chem.id);
    expect((own.body as Summary).totalKwh).toBe(4300);

    const refused = await get(otherManager, '/api/energy/summary', { enterpriseId: chem.id, ...window });
    expect(refused.status).toBe(404);
    expect(refused.text).not.toContain('4300');
    const refusedCsv = await get(otherManager, '/api/energy/summary.csv', {
      enterpriseId: chem.id,
      ...window,
    });
    expect(refusedCsv.status).toBe(404);
    const ownEmpty = await get(otherManager, '/api/energy/summary', window);
    expect(ownEmpty.status).toBe(200);
    expect((ownEmpty.body as Summary).enterpriseId).toBe(mech.id);
    expect((ownEmpty.body as Summary).totalKwh).toBe(0);
  });

  it("ranks the park's metered enterprises by kWh with exactly their summaries' figures, for park roles only", async () => {
    const officer = caller(url, await login(url, 'officer', PASSWORD));
    const res = await get(officer, '/api/energy/ranking', window);
    expect(res.status).toBe(200);
    const ranking = res.body as Ranking;
    expect(ranking).toMatchObject({
      from: day0,
      to: day0 + 2 * DAY,
      timeZone: 'Asia/Shanghai',
      totalKwh: 4300,
    });
    // The chemical plant used every kWh of the window; the machinery plant's meters reported nothing.
    const [first, ...rest] = ranking.enterprises;
    expect(first).toEqual({
      enterpriseId: chem.id,
      enterpriseName: '启东示范化工有限公司',
      meters: 3,
      kwh: 4300,
      sharePct: 100,
      peakDemand: { kw: 210, at: day0 + DAY + 8 * HOUR },
      kwhPer10kYuan: expect.any(Number) as number,
    });
    const daysInYear = (ts: number) => (shanghaiYear(ts) % 4 === 0 ? 366 : 365);
    const output = OUTPUT_WAN / daysInYear(day0) + OUTPUT_WAN / daysInYear(day0 + DAY);
    expect(first.kwhPer10kYuan).toBeCloseTo(4300 / output, 3);
    expect(rest.find((e) => e.enterpriseId === mech.id)).toMatchObject({
      kwh: 0,
      sharePct: 0,
      peakDemand: null,
    });
    expect(rest.every((e) => e.kwh === 0)).toBe(true);
    // Every row is what that enterprise's summary says.
    for (const row of ranking.enterprises) {
      const summary = (await get(admin, '/api/energy/summary', { enterpriseId: row.enterpriseId, ...window }))
        .body as Summary;
      expect([row.enterpriseId, row.kwh, row.peakDemand, row.kwhPer10kYuan]).toEqual([
        summary.enterpriseId,
        summary.totalKwh,
        summary.peakDemand,
        summary.intensity.kwhPer10kYuan,
      ]);
    }

    expect((await get(admin, '/api/energy/ranking', window)).status).toBe(200);
    const operator = caller(url, await login(url, 'operator', PASSWORD));
    expect((await get(operator, '/api/energy/ranking', window)).status).toBe(200);
    // An energy manager has no park-wide view: 403, and nothing of another enterprise in the answer.
    const refused = await get(manager, '/api/energy/ranking', window);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('4300');
    const reversed = await get(officer, '/api/energy/ranking', { from: window.to, to: window.from });
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain('to');
  });

  it('answers a bad query with a 400 naming the field', async () => {
    const bad = async (query: Record<string, string>, field: string) => {
      const res = await get(admin, '/api/energy/summary', query);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(field);
    };
    await bad({ enterpriseId: chem.id, from: window.to, to: window.from }, 'to');
    await bad({ enterpriseId: 'not-a-uuid', ...window }, 'enterpriseId');
    await bad({ enterpriseId: chem.id, from: 'yesterday', to: window.to }, 'from');
    await bad({ ...window }, 'enterpriseId');
    await bad(
      { enterpriseId: chem.id, from: '2024-01-01T00:00:00+08:00', to: '2025-03-01T00:00:00+08:00' },
      'to',
    );
    const missing = await get(admin, '/api/energy/summary', {
      enterpriseId: '00000000-0000-4000-8000-000000000000',
      ...window,
    });
    expect(missing.status).toBe(404);
  });
});
