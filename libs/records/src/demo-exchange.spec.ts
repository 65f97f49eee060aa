import {
  DEMO_EXCHANGE_SOURCES,
  ELECTRICITY_KGCE_PER_KWH,
  demoExchangeUploads,
  type DemoExchangeBasis,
  type DemoFigure,
} from './demo-exchange';

const basis = (id: string, scale: number): DemoExchangeBasis => ({
  enterpriseId: id,
  creditCode: `91320681MA1QD${id}`,
  year: 2024,
  latest: {
    revenue: 10_000 * scale,
    taxableSales: 9_700 * scale,
    tax: 450 * scale,
    output: 10_600 * scale,
    energyTce: 1_200 * scale,
    employees: Math.round(90 * scale),
  },
  prior: {
    revenue: 9_100 * scale,
    taxableSales: 8_800 * scale,
    tax: 400 * scale,
    output: 9_700 * scale,
    energyTce: 1_100 * scale,
    employees: Math.round(85 * scale),
  },
});

const BASES = [basis('e-1', 1), basis('e-2', 0.2), basis('e-3', 4.5)];
/** 2026-12-07 09:00 CST: November's kWh and headcount are in (the 5th), Q4 is not. */
const NOW = Date.UTC(2026, 11, 7, 1);

const figures = (uploads: ReturnType<typeof demoExchangeUploads>) => uploads.flatMap((u) => u.figures);
const sum = (list: readonly DemoFigure[]) => list.reduce((a, f) => a + f.value, 0);

describe('the demo data exchange', () => {
  const uploads = demoExchangeUploads(BASES, NOW);
  const all = figures(uploads);
  const of = (id: string, metric: string, year: number) =>
    all.filter((f) => f.enterpriseId === id && f.metric === metric && f.year === year);

  it('is deterministic: the same figures for the same enterprises, whatever ids the database gave them', () => {
    expect(demoExchangeUploads(BASES, NOW)).toEqual(uploads);
    const renamed = demoExchangeUploads(
      BASES.map((b) => ({ ...b, enterpriseId: `other-${b.enterpriseId}` })),
      NOW,
    );
    expect(figures(renamed).map((f) => f.value)).toEqual(all.map((f) => f.value));
  });

  it('sends only metrics in each source’s scopes', () => {
    for (const f of all) {
      const source = DEMO_EXCHANGE_SOURCES.find((s) => s.kind === f.source)!;
      expect([f.source, source.scopes.includes(f.metric)]).toEqual([f.source, true]);
    }
  });

  it('covers 2025 whole and 2026 up to what has been delivered by now', () => {
    for (const { enterpriseId } of BASES) {
      expect(of(enterpriseId, 'electricity-kwh', 2025).map((f) => f.periodIndex)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
      ]);
      expect(of(enterpriseId, 'electricity-kwh', 2026).map((f) => f.periodIndex)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
      ]);
      expect(of(enterpriseId, 'insured-employees', 2026)).toHaveLength(11);
      for (const metric of ['tax', 'taxable-sales', 'output', 'energy-other-tce']) {
        expect(of(enterpriseId, metric, 2025).map((f) => f.periodIndex)).toEqual([1, 2, 3, 4]);
        expect(of(enterpriseId, metric, 2026).map((f) => f.periodIndex)).toEqual([1, 2, 3]);
      }
    }
    expect(all.some((f) => f.year < 2025 || f.year > 2026)).toBe(false);
    expect(uploads.every((u) => u.receivedAt.getTime() <= NOW)).toBe(true);
  });

  it('makes electricity 60–90 % of the energy, the 统计局’s other energy the rest, with a summer peak', () => {
    for (const b of BASES) {
      const kwh = of(b.enterpriseId, 'electricity-kwh', 2025);
      const electricityTce = (sum(kwh) * ELECTRICITY_KGCE_PER_KWH) / 1000;
      const otherTce = sum(of(b.enterpriseId, 'energy-other-tce', 2025));
      const total = electricityTce + otherTce;
      // The year the indicators would show: the latest grown by the enterprise's own growth (9.9 % here).
      expect(total / (b.latest.energyTce! * 1.099)).toBeGreaterThan(0.94);
      expect(total / (b.latest.energyTce! * 1.099)).toBeLessThan(1.06);
      expect(electricityTce / total).toBeGreaterThanOrEqual(0.6);
      expect(electricityTce / total).toBeLessThanOrEqual(0.9);
      const byMonth = kwh.map((f) => f.value);
      expect(Math.max(byMonth[6], byMonth[7])).toBeGreaterThan(byMonth[1] * 1.3);
    }
  });

  it('has quarters adding up to within a few per cent of the grown annual indicator', () => {
    for (const b of BASES) {
      for (const [metric, annual] of [
        ['tax', b.latest.tax!],
        ['taxable-sales', b.latest.taxableSales!],
        ['output', b.latest.output!],
      ] as const) {
        const ratio = sum(of(b.enterpriseId, metric, 2025)) / (annual * 1.099);
        expect([metric, ratio > 0.93 && ratio < 1.07]).toEqual([metric, true]);
      }
    }
  });

  it('keeps the insured headcount close to the employees indicator, growing in 2026', () => {
    for (const b of BASES) {
      const months = of(b.enterpriseId, 'insured-employees', 2025).map((f) => f.value);
      for (const n of months) {
        expect(Number.isInteger(n)).toBe(true);
        expect(Math.abs(n - b.latest.employees!)).toBeLessThanOrEqual(
          Math.max(3, b.latest.employees! * 0.12),
        );
      }
      const kwh25 = sum(of(b.enterpriseId, 'electricity-kwh', 2025).slice(0, 11));
      const kwh26 = sum(of(b.enterpriseId, 'electricity-kwh', 2026));
      expect(kwh26 / kwh25).toBeGreaterThan(1.0);
      expect(kwh26 / kwh25).toBeLessThan(1.3);
    }
  });

  it('groups one upload per source and period, delivered after the period', () => {
    const keys = uploads.map((u) => `${u.source}/${u.year}/${u.periodKind}/${u.periodIndex}`);
    expect(new Set(keys).size).toBe(keys.length);
    const power = uploads.filter((u) => u.source === 'power-company');
    expect(power).toHaveLength(23);
    for (const u of power) expect(u.figures).toHaveLength(BASES.length);
    const january = power.find((u) => u.year === 2025 && u.periodIndex === 1)!;
    expect(january.receivedAt.toISOString()).toBe('2025-02-05T02:00:00.000Z');
  });

  it('sends nothing for a period not delivered yet', () => {
    const early = figures(demoExchangeUploads(BASES, Date.UTC(2025, 0, 20)));
    expect(early).toEqual([]);
  });
});
