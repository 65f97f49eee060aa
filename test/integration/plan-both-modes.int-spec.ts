/**
 * Same data in both modes: the API on SQLite (standalone) and on PostgreSQL (microservices), each
 * opened as its mode opens it and seeded with the demo park, answer the plan's targets, its progress, the wall
 * summary, the 亩均 grade movers and benchmarks, and the enterprise list (pinyin order, filters) identically. Generated ids (uuids) and the time of the answer differ by nature: ids are replaced by the
 * natural keys of what they name, and `generatedAt`/`dayStart`/`updatedAt` are left out.
 */
import type { DataSource } from 'typeorm';
import { CarrierEntity, EnterpriseEntity, LandParcelEntity, PLAN_TARGETS_2025 } from '@park/records';
import { caller, login } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from '../security/support/api-backends';

const PASSWORD = 'both-modes-demo-password';
const ROUTES = [
  '/api/analytics/targets',
  '/api/analytics/progress?from=2023&to=2025',
  '/api/wall/summary',
  '/api/wall/progress?from=2023&to=2025',
  '/api/analytics/evaluation/movers?year=2024',
  '/api/analytics/evaluation/benchmarks?year=2024',
  // The enterprise list in pinyin order, and filtered by 亩均 grade, library and industry.
  '/api/enterprises?pageSize=500',
  '/api/enterprises?grade=B&gradeYear=2024&pageSize=500',
  '/api/enterprises?library=high-tech&industry=39&pageSize=500',
] as const;
/** Fields that say when the answer or the row was made, not what the park holds. */
const TIME_FIELDS = new Set(['generatedAt', 'dayStart', 'createdAt', 'updatedAt']);

/** uuid → the natural key of the record it names (credit code, parcel or carrier code). */
async function naturalKeys(records: DataSource): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const e of await records.getRepository(EnterpriseEntity).find({ withDeleted: true }))
    keys.set(e.id, `enterprise:${e.creditCode}`);
  for (const p of await records.getRepository(LandParcelEntity).find({ withDeleted: true }))
    keys.set(p.id, `parcel:${p.code}`);
  for (const c of await records.getRepository(CarrierEntity).find({ withDeleted: true }))
    keys.set(c.id, `carrier:${c.code}`);
  return keys;
}

function comparable(value: unknown, keys: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return keys.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => comparable(v, keys));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !TIME_FIELDS.has(k) && k !== 'id')
        .map(([k, v]) => [k, comparable(v, keys)]),
    );
  return value;
}

async function answers(backend: ApiBackend): Promise<Record<string, unknown>> {
  const call = caller(backend.url, await login(backend.url, 'admin', PASSWORD));
  const keys = await naturalKeys(backend.records);
  const out: Record<string, unknown> = {};
  for (const route of ROUTES) {
    const res = await call('GET', route);
    expect([route, res.status]).toEqual([route, 200]);
    out[route] = comparable(res.body, keys);
  }
  return out;
}

describe('the plan and the wall answer the same in both modes', () => {
  const byMode = new Map<string, Record<string, unknown>>();

  beforeAll(async () => {
    for (const [mode, start] of API_BACKENDS) {
      const backend = await start(PASSWORD);
      try {
        byMode.set(mode, await answers(backend));
      } finally {
        await backend.stop();
      }
    }
  });

  it.each(API_BACKENDS.map(([mode]) => mode))('%s starts with the plan’s 2025 targets', (mode) => {
    const targets = byMode.get(mode)!['/api/analytics/targets'] as { indicator: string }[];
    const byIndicator = (a: { indicator: string }, b: { indicator: string }) =>
      a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0;
    expect([...targets].sort(byIndicator)).toEqual(
      PLAN_TARGETS_2025.map((t) => ({ ...t, updatedBy: null })).sort(byIndicator),
    );
    const progress = byMode.get(mode)!['/api/wall/progress?from=2023&to=2025'] as {
      year: number;
      indicators: { target: number | null }[];
    }[];
    const in2025 = progress.find((p) => p.year === 2025)!;
    expect(in2025.indicators.filter((i) => i.target === null)).toEqual([]);
  });

  it.each(ROUTES)('GET %s answers identically on SQLite and PostgreSQL', (route) => {
    expect(byMode.get('SQLite')![route]).toEqual(byMode.get('PostgreSQL')![route]);
  });
});
