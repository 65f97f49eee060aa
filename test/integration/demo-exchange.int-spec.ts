/**
 * The demo seed's data exchange on both dialects: the four demo sources with hashed keys, a year and more of figures
 * marked demo, one upload per source and period, and a second run that adds nothing.
 */
import type { DataSource } from 'typeorm';
import {
  DEMO_EXCHANGE_SOURCES,
  ExchangeBatchEntity,
  ExchangeSourceEntity,
  SourceFigureEntity,
  openRecords,
  seedDemoPark,
} from '@park/records';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

async function counts(records: DataSource) {
  return {
    sources: await records.getRepository(ExchangeSourceEntity).count(),
    figures: await records.getRepository(SourceFigureEntity).count(),
    batches: await records.getRepository(ExchangeBatchEntity).count(),
  };
}

/** Each dialect's figures, summed per metric: the same park on every machine. */
const totals: Record<string, number>[] = [];

async function checkSeed(records: DataSource): Promise<void> {
  await seedDemoPark(records, 'demo-exchange-password');
  const sources = await records.getRepository(ExchangeSourceEntity).find({ order: { name: 'ASC' } });
  expect(sources.map((s) => [s.kind, s.dropFolder, s.demo]).sort()).toEqual(
    DEMO_EXCHANGE_SOURCES.map((s) => [s.kind, s.dropFolder, true]).sort(),
  );
  for (const s of sources) {
    expect(s.keyPrefix).toMatch(/^pk_/);
    expect(s.keyHash).toMatch(/^[0-9a-f]{64}$/);
  }
  const figures = await records.getRepository(SourceFigureEntity).find();
  expect(figures.length).toBeGreaterThan(2_000);
  expect(figures.every((f) => f.demo && f.batchId !== null)).toBe(true);
  const batches = await records.getRepository(ExchangeBatchEntity).find();
  expect(new Set(figures.map((f) => f.batchId)).size).toBe(batches.length);
  expect(batches.filter((b) => b.rejected > 0)).toHaveLength(1);
  const power = sources.find((s) => s.kind === 'power-company')!;
  expect(power.lastUsedAt).not.toBeNull();
  expect(batches.some((b) => b.sourceId === power.id && b.reference === 'SGCC-QD-202501')).toBe(true);
  // The upload's time is the delivery's, not the seed's.
  const january = batches.find((b) => b.reference === 'SGCC-QD-202501')!;
  expect(new Date(january.receivedAt).toISOString()).toBe('2025-02-05T02:00:00.000Z');

  const sums: Record<string, number> = {};
  for (const f of figures) sums[f.metric] = (sums[f.metric] ?? 0) + f.value;
  for (const metric of Object.keys(sums)) sums[metric] = Math.round(sums[metric]);
  totals.push(sums);

  const before = await counts(records);
  await seedDemoPark(records, 'demo-exchange-password');
  expect(await counts(records)).toEqual(before);
}

describe('the demo data exchange, seeded', () => {
  it('on SQLite (standalone)', async () => {
    const records = await openRecords('sqlite::memory:', { migrate: true });
    try {
      await checkSeed(records);
    } finally {
      await records.destroy();
    }
  });

  describe('on PostgreSQL', () => {
    let env: TestEnvironment;
    beforeAll(async () => {
      env = await createTestEnvironment('demoexchange');
    });
    afterAll(async () => {
      await env?.teardown();
    });

    it('seeds the same, to the figure', async () => {
      await checkSeed(env.records);
      expect(totals).toHaveLength(2);
      expect(totals[1]).toEqual(totals[0]);
    });
  });
});
