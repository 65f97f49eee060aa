import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { ExchangeMetric, PeriodKind, SourceKind } from '@park/contracts';
import { creditCodeCheckChar } from './credit-code';
import { newSourceKey } from './park/exchange-records';
import { prng } from './demo-random';
import { EnterpriseIndicatorEntity } from './entities/enterprise-indicator.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { ExchangeBatchEntity } from './entities/exchange-batch.entity';
import { ExchangeSourceEntity } from './entities/exchange-source.entity';
import { SourceFigureEntity } from './entities/source-figure.entity';

/**
 * The demo park's data exchange (docs/data-exchange.md), marked demo: the four systems that send the park figures —
 * 国网供电公司 (monthly kWh), 区税务局 (quarterly tax and taxable sales), 区人社局 (monthly insured headcount), 区统计局
 * (quarterly output and the energy other than electricity) — each with a random key of which only the hash is kept
 * (nobody knows a demo source's key: an admin issues a new one on the 数据交换 page to try the API), and their figures
 * for 2025 and for the months and quarters of later years that have been delivered by the seed's "now", one upload
 * (exchange_batches) per source and period. Every figure is invented, sized on each enterprise's hand-typed
 * indicators: the latest indicator year (2024 in the demo park, enterprises report a year late) grown by the
 * enterprise's own growth of its last year. Electricity is 62–88 % of the energy (kWh × 0.1229 kgce/kWh), the
 * 统计局's other energy the rest; quarters add up to the year within a few per cent.
 *
 * Idempotent: a demo source is created when there is no demo source of its kind; a source's period is uploaded when
 * it has none of its figures yet — a later run (next month) adds the periods delivered since, and never touches a
 * figure that is there.
 */

/** GB/T 2589-2020 折标准煤系数 of electricity (当量值), kgce per kWh. */
export const ELECTRICITY_KGCE_PER_KWH = 0.1229;

export interface DemoExchangeSource {
  readonly kind: SourceKind;
  readonly name: string;
  readonly scopes: readonly ExchangeMetric[];
  readonly dropFolder: string;
  readonly rateLimitPerMinute: number;
  /** How its uploads come: the power company and the tax bureau call the API, the bureaus drop spreadsheets. */
  readonly via: 'api' | 'drop-folder';
}

export const DEMO_EXCHANGE_SOURCES: readonly DemoExchangeSource[] = [
  {
    kind: 'power-company',
    name: '国网供电公司',
    scopes: ['electricity-kwh'],
    dropFolder: 'power',
    rateLimitPerMinute: 120,
    via: 'api',
  },
  {
    kind: 'tax-bureau',
    name: '区税务局',
    scopes: ['tax', 'taxable-sales', 'revenue'],
    dropFolder: 'tax',
    rateLimitPerMinute: 60,
    via: 'api',
  },
  {
    kind: 'hr-bureau',
    name: '区人社局',
    scopes: ['insured-employees'],
    dropFolder: 'hr',
    rateLimitPerMinute: 30,
    via: 'drop-folder',
  },
  {
    kind: 'statistics-bureau',
    name: '区统计局',
    scopes: ['output', 'revenue', 'energy-other-tce'],
    dropFolder: 'stats',
    rateLimitPerMinute: 30,
    via: 'drop-folder',
  },
];

/** The hand-typed indicators a demo enterprise's figures are sized on: its latest year and the one before. */
export interface DemoExchangeBasis {
  readonly enterpriseId: string;
  /** What the pseudo-random numbers are seeded by (the 统一社会信用代码: the same on every machine, unlike the id). */
  readonly creditCode: string;
  readonly year: number;
  readonly latest: DemoIndicatorFigures;
  readonly prior: DemoIndicatorFigures | null;
}

export interface DemoIndicatorFigures {
  readonly revenue: number | null;
  readonly taxableSales: number | null;
  readonly tax: number | null;
  readonly output: number | null;
  readonly energyTce: number | null;
  readonly employees: number | null;
}

export interface DemoFigure {
  readonly source: SourceKind;
  readonly enterpriseId: string;
  readonly metric: ExchangeMetric;
  readonly periodKind: PeriodKind;
  readonly year: number;
  readonly periodIndex: number;
  readonly value: number;
}

/** One upload: a source's figures of one period, and when it came. */
export interface DemoUpload {
  readonly source: SourceKind;
  readonly periodKind: PeriodKind;
  readonly year: number;
  readonly periodIndex: number;
  readonly receivedAt: Date;
  readonly figures: readonly DemoFigure[];
}

/** The first year the demo sources send. */
export const DEMO_EXCHANGE_FIRST_YEAR = 2025;

/** Electricity by month: a summer peak (air conditioning, cooling water), the Spring Festival dip in February. */
const MONTH_SHAPE = [0.97, 0.78, 1.0, 0.98, 1.01, 1.07, 1.17, 1.19, 1.05, 0.98, 0.9, 0.9];
/** Other energy (natural gas, steam) by quarter: heating in winter. */
const OTHER_ENERGY_SHAPE = [1.15, 0.9, 0.85, 1.1];
/** Tax, taxable sales and output by quarter: a slow first quarter, the year-end push. */
const QUARTER_SHAPE = [0.22, 0.25, 0.25, 0.28];

const CST_MS = 8 * 3_600_000;

/** Monthly figures arrive on the 5th of the next month, quarterly ones on the 15th after the quarter; 10:00 CST. */
function deliveredAt(kind: 'month' | 'quarter', year: number, index: number): Date {
  const nextMonth = kind === 'month' ? index : index * 3; // 0-based month after the period
  return new Date(Date.UTC(year, nextMonth, kind === 'month' ? 5 : 15, 10) - CST_MS);
}

function seedOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Splits `total` over `shape` with ±`jitter` noise per part, then scales the parts to add up to `total`. */
function split(total: number, shape: readonly number[], rand: () => number, jitter: number): number[] {
  const parts = shape.map((w) => w * (1 - jitter + 2 * jitter * rand()));
  const sum = parts.reduce((a, b) => a + b, 0);
  return parts.map((p) => (p / sum) * total);
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The demo sources' figures, upload by upload, for every period from 2025 delivered by `nowMs`. Pure: the seed and
 * its tests call it with the indicators of the demo enterprises.
 */
export function demoExchangeUploads(bases: readonly DemoExchangeBasis[], nowMs: number): DemoUpload[] {
  const lastYear = new Date(nowMs + CST_MS).getUTCFullYear();
  const uploads = new Map<string, { upload: Omit<DemoUpload, 'figures'>; figures: DemoFigure[] }>();
  const add = (figure: DemoFigure) => {
    if (figure.periodKind === 'year') return;
    const receivedAt = deliveredAt(figure.periodKind, figure.year, figure.periodIndex);
    if (receivedAt.getTime() > nowMs) return;
    const key = `${figure.source}/${figure.year}/${figure.periodKind}/${figure.periodIndex}`;
    let entry = uploads.get(key);
    if (!entry) {
      entry = {
        upload: {
          source: figure.source,
          periodKind: figure.periodKind,
          year: figure.year,
          periodIndex: figure.periodIndex,
          receivedAt,
        },
        figures: [],
      };
      uploads.set(key, entry);
    }
    entry.figures.push(figure);
  };

  for (const basis of bases) {
    const { latest, prior } = basis;
    const rand = prng(seedOf(basis.creditCode));
    const ratio = prior?.revenue && latest.revenue ? latest.revenue / prior.revenue : 1.08;
    const growth = Math.min(1.2, Math.max(1.0, ratio));
    const electricityShare = 0.62 + rand() * 0.26;
    let factor = 1; // of the latest indicator year
    let headcountFrom = latest.employees;
    for (let year = basis.year + 1; year <= lastYear; year++) {
      factor *= growth * (0.97 + rand() * 0.06);
      if (year < DEMO_EXCHANGE_FIRST_YEAR) continue;
      const yearRand = prng(seedOf(`${basis.creditCode}/${year}`));
      const figure = (
        source: SourceKind,
        metric: ExchangeMetric,
        periodKind: 'month' | 'quarter',
        periodIndex: number,
        value: number,
      ) => add({ source, enterpriseId: basis.enterpriseId, metric, periodKind, year, periodIndex, value });

      if (latest.energyTce) {
        const tce = latest.energyTce * factor;
        const kwh = (tce * electricityShare * 1000) / ELECTRICITY_KGCE_PER_KWH;
        split(kwh, MONTH_SHAPE, yearRand, 0.04).forEach((v, m) =>
          figure('power-company', 'electricity-kwh', 'month', m + 1, Math.round(v)),
        );
        split(tce * (1 - electricityShare), OTHER_ENERGY_SHAPE, yearRand, 0.05).forEach((v, q) =>
          figure('statistics-bureau', 'energy-other-tce', 'quarter', q + 1, round(v, 1)),
        );
      }
      // The bureaus' quarters add up to 98–102 % of the year the indicators would show.
      const quarterly = (
        value: number | null,
        source: SourceKind,
        metric: ExchangeMetric,
        digits: number,
      ) => {
        if (value === null) return;
        const total = value * factor * (0.98 + yearRand() * 0.04);
        split(total, QUARTER_SHAPE, yearRand, 0.06).forEach((v, q) =>
          figure(source, metric, 'quarter', q + 1, round(v, digits)),
        );
      };
      quarterly(latest.tax, 'tax-bureau', 'tax', 1);
      quarterly(latest.taxableSales, 'tax-bureau', 'taxable-sales', 0);
      quarterly(latest.output, 'statistics-bureau', 'output', 0);
      // 参保人数: from last year's end towards this year's, a person or two either way from month to month.
      if (headcountFrom !== null && latest.employees !== null) {
        const target = latest.employees * (1 + (factor - 1) * 0.5);
        for (let m = 1; m <= 12; m++) {
          const trend = headcountFrom + ((target - headcountFrom) * m) / 12;
          const noise = (yearRand() - 0.5) * Math.max(2, trend * 0.02);
          figure('hr-bureau', 'insured-employees', 'month', m, Math.max(1, Math.round(trend + noise)));
        }
        headcountFrom = target;
      }
    }
  }
  return [...uploads.values()]
    .map(({ upload, figures }) => ({ ...upload, figures }))
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.source.localeCompare(b.source));
}

/** A file name as the bureau's drop folder would hold it, or the API client's own batch reference. */
function reference(source: DemoExchangeSource, upload: DemoUpload): string {
  const period =
    upload.periodKind === 'month'
      ? `${upload.year}${String(upload.periodIndex).padStart(2, '0')}`
      : `${upload.year}Q${upload.periodIndex}`;
  switch (source.kind) {
    case 'power-company':
      return `SGCC-QD-${period}`;
    case 'tax-bureau':
      return `QDSW-${period}`;
    case 'hr-bureau':
      return `参保人数_${period}.xlsx`;
    default:
      return `规上企业季报_${period}.xlsx`;
  }
}

/** The demo's one refused row: the 人社局's file of 2025-09 still lists an enterprise that has left the park. */
const DEPARTED_USCC = `91320681MA1QD9999${creditCodeCheckChar('91320681MA1QD9999')}`;

export async function seedDemoExchange(em: EntityManager, nowMs: number): Promise<void> {
  const sources = em.getRepository(ExchangeSourceEntity);
  const existing = await sources.find({ where: { demo: true } });
  const missing = DEMO_EXCHANGE_SOURCES.filter((s) => !existing.some((e) => e.kind === s.kind));
  if (missing.length > 0)
    await em
      .createQueryBuilder()
      .insert()
      .into(ExchangeSourceEntity)
      .values(
        missing.map((s) => {
          const { prefix: keyPrefix, hash: keyHash } = newSourceKey();
          return {
            name: s.name,
            kind: s.kind,
            scopes: [...s.scopes],
            keyPrefix,
            keyHash,
            rateLimitPerMinute: s.rateLimitPerMinute,
            dropFolder: s.dropFolder,
            demo: true,
            createdBy: 'demo-seed',
          };
        }),
      )
      .orIgnore()
      .execute();
  const byKind = new Map((await sources.find({ where: { demo: true } })).map((s) => [s.kind, s]));

  const enterprises = await em
    .getRepository(EnterpriseEntity)
    .find({ where: { isDemo: true }, select: { id: true, creditCode: true }, withDeleted: true });
  const indicators = await em.getRepository(EnterpriseIndicatorEntity).find({
    where: { enterpriseId: In(enterprises.map((e) => e.id)) },
    order: { year: 'DESC' },
  });
  const bases: DemoExchangeBasis[] = [];
  for (const { id, creditCode } of enterprises) {
    const [latest, prior] = indicators.filter((i) => i.enterpriseId === id);
    if (latest) bases.push({ enterpriseId: id, creditCode, year: latest.year, latest, prior: prior ?? null });
  }

  const done = new Set(
    (
      await em.getRepository(SourceFigureEntity).find({
        where: { demo: true },
        select: { sourceId: true, periodKind: true, year: true, periodIndex: true },
      })
    ).map((f) => `${f.sourceId}/${f.year}/${f.periodKind}/${f.periodIndex}`),
  );
  const batches: QueryDeepPartialEntity<ExchangeBatchEntity>[] = [];
  const figures: QueryDeepPartialEntity<SourceFigureEntity>[] = [];
  const lastUsed = new Map<string, Date>();
  for (const upload of demoExchangeUploads(bases, nowMs)) {
    const spec = DEMO_EXCHANGE_SOURCES.find((s) => s.kind === upload.source)!;
    const source = byKind.get(upload.source);
    if (!source || done.has(`${source.id}/${upload.year}/${upload.periodKind}/${upload.periodIndex}`))
      continue;
    const batchId = randomUUID();
    const refused =
      upload.source === 'hr-bureau' && upload.year === DEMO_EXCHANGE_FIRST_YEAR && upload.periodIndex === 9;
    batches.push({
      id: batchId,
      sourceId: source.id,
      via: spec.via,
      reference: reference(spec, upload),
      dryRun: false,
      rows: upload.figures.length + (refused ? 1 : 0),
      stored: upload.figures.length,
      unchanged: 0,
      rejected: refused ? 1 : 0,
      problems: refused
        ? [
            {
              row: upload.figures.length + 1,
              status: 'rejected',
              field: 'uscc',
              code: 'UNKNOWN_ENTERPRISE',
              message: `uscc: no enterprise of the park has the code ${DEPARTED_USCC}`,
            },
          ]
        : [],
      receivedAt: upload.receivedAt,
    });
    for (const f of upload.figures)
      figures.push({
        sourceId: source.id,
        sourceKind: f.source,
        enterpriseId: f.enterpriseId,
        metric: f.metric,
        periodKind: f.periodKind,
        year: f.year,
        periodIndex: f.periodIndex,
        value: f.value,
        batchId,
        demo: true,
        receivedAt: upload.receivedAt,
      });
    const last = lastUsed.get(source.id);
    if (spec.via === 'api' && (!last || last < upload.receivedAt)) lastUsed.set(source.id, upload.receivedAt);
  }
  for (let i = 0; i < batches.length; i += 200)
    await em
      .createQueryBuilder()
      .insert()
      .into(ExchangeBatchEntity)
      .values(batches.slice(i, i + 200))
      .execute();
  for (let i = 0; i < figures.length; i += 200)
    await em
      .createQueryBuilder()
      .insert()
      .into(SourceFigureEntity)
      .values(figures.slice(i, i + 200))
      .orIgnore()
      .execute();
  for (const [id, at] of lastUsed) await sources.update({ id }, { lastUsedAt: at });
}
