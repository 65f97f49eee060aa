import { DEFAULT_PRECEDENCE, CALORIFIC_KGCE_PER_KWH, type ExchangePrecedence } from '@park/contracts';
import {
  annualValue,
  effectiveYear,
  energyTce,
  meteredAnnual,
  NO_VALUES,
  pickEffective,
  yearToDate,
  yearToDateOf,
  type FigureInput,
} from './effective-indicators';

const fig = (
  metric: FigureInput['metric'],
  origin: FigureInput['origin'],
  periodKind: FigureInput['periodKind'],
  index: number,
  value: number,
  receivedAt = 1,
): FigureInput => ({ metric, origin, periodKind, index, value, receivedAt, sourceName: `${origin} source` });

const months = (metric: FigureInput['metric'], origin: FigureInput['origin'], values: number[]) =>
  values.map((v, i) => fig(metric, origin, 'month', i + 1, v));

describe('annualValue', () => {
  it('takes the year figure before anything else', () => {
    expect(
      annualValue('tax', [
        fig('tax', 'tax-bureau', 'quarter', 1, 5),
        fig('tax', 'tax-bureau', 'year', 0, 30),
      ]),
    ).toBe(30);
  });

  it('sums four quarters, each a quarter figure or its three months', () => {
    const figures = [
      fig('tax', 'tax-bureau', 'quarter', 1, 10),
      fig('tax', 'tax-bureau', 'quarter', 2, 20),
      ...months('tax', 'tax-bureau', [0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6]).slice(6),
    ];
    expect(annualValue('tax', figures)).toBe(10 + 20 + 1 + 2 + 3 + 4 + 5 + 6);
  });

  it('is null for part of a year of a flow', () => {
    expect(annualValue('tax', months('tax', 'tax-bureau', [1, 2, 3]))).toBeNull();
    expect(annualValue('tax', [])).toBeNull();
  });

  it('takes the latest period of a stock (the insured headcount at the end)', () => {
    const figures = [
      fig('insured-employees', 'hr-bureau', 'month', 3, 100),
      fig('insured-employees', 'hr-bureau', 'quarter', 4, 130),
      fig('insured-employees', 'hr-bureau', 'month', 11, 125),
    ];
    expect(annualValue('insured-employees', figures)).toBe(130);
    expect(annualValue('insured-employees', figures.slice(0, 1))).toBe(100);
  });

  it('takes the latest received of two sources of one kind for the same period', () => {
    expect(
      annualValue('tax', [
        fig('tax', 'tax-bureau', 'year', 0, 30, 1),
        fig('tax', 'tax-bureau', 'year', 0, 31, 2),
      ]),
    ).toBe(31);
  });
});

describe('yearToDate', () => {
  it('sums the months from January without a gap, quarters covering three', () => {
    const figures = [
      fig('revenue', 'statistics-bureau', 'quarter', 1, 300),
      ...months('revenue', 'statistics-bureau', [0, 0, 0, 40, 50]).slice(3),
    ];
    expect(yearToDate('revenue', figures)).toEqual({ value: 390, throughMonth: 5 });
  });

  it('stops at the first gap and has nothing without January', () => {
    const figures = [
      fig('revenue', 'statistics-bureau', 'month', 1, 10),
      fig('revenue', 'statistics-bureau', 'month', 3, 30),
    ];
    expect(yearToDate('revenue', figures)).toEqual({ value: 10, throughMonth: 1 });
    expect(yearToDate('revenue', figures.slice(1))).toEqual({ value: null, throughMonth: 0 });
  });

  it('takes the first source kind of the order that has figures', () => {
    const figures = [
      ...months('revenue', 'tax-bureau', [5, 5]),
      ...months('revenue', 'statistics-bureau', [7]),
    ];
    expect(yearToDateOf('revenue', figures, ['statistics-bureau', 'tax-bureau', 'manual'])).toEqual({
      value: 7,
      throughMonth: 1,
      origin: 'statistics-bureau',
    });
    expect(yearToDateOf('revenue', figures, ['manual'])).toBeNull();
  });
});

describe('meteredAnnual and pickEffective', () => {
  it('needs all twelve metered months', () => {
    expect(meteredAnnual(Array.from({ length: 12 }, () => 100))).toBe(1200);
    expect(meteredAnnual([...Array.from({ length: 11 }, () => 100), null])).toBeNull();
    expect(meteredAnnual(null)).toBeNull();
  });

  it('takes the first origin of the order with a value', () => {
    const values = new Map([
      ['tax-bureau', null],
      ['manual', 12],
    ] as const);
    expect(pickEffective(['tax-bureau', 'manual'], values)).toEqual({ value: 12, origin: 'manual' });
    expect(pickEffective(['tax-bureau'], values)).toEqual({ value: null, origin: null });
  });
});

describe('energyTce (GB/T 2589-2020)', () => {
  it('turns kWh into tce by the factor and adds the other energy', () => {
    const e = energyTce({
      electricity: { value: 1_000_000, origin: 'power-company' },
      otherTce: 50,
      manual: 999,
      kgcePerKwh: CALORIFIC_KGCE_PER_KWH,
      basis: 'calorific',
    });
    expect(e).toMatchObject({
      value: 122.9 + 50,
      origin: 'computed',
      electricityTce: 122.9,
      otherTce: 50,
      manual: 999,
    });
  });

  it('keeps the typed-in energyTce where neither electricity nor other energy exists', () => {
    const e = energyTce({
      electricity: { value: null, origin: null },
      otherTce: null,
      manual: 80,
      kgcePerKwh: 0.3,
      basis: 'equivalent',
    });
    expect(e).toMatchObject({ value: 80, origin: 'manual' });
  });
});

describe('effectiveYear', () => {
  const base = {
    enterpriseId: 'e1',
    year: 2025,
    manual: {
      ...NO_VALUES,
      tax: 100,
      taxableSales: 5000,
      revenue: 6000,
      employees: 40,
      energyTce: 900,
      rdExpense: 7,
    },
    meteredMonths: null,
    precedence: DEFAULT_PRECEDENCE,
    kgcePerKwh: CALORIFIC_KGCE_PER_KWH,
    basis: 'calorific' as const,
  };

  it('lets a tax-bureau year override the manual tax and keeps both', () => {
    const out = effectiveYear({ ...base, figures: [fig('tax', 'tax-bureau', 'year', 0, 150)] });
    expect(out.row).toMatchObject({ tax: 150, taxableSales: 5000, rdExpense: 7, energyTce: 900 });
    expect(out.row.origins).toMatchObject({ tax: 'tax-bureau', taxableSales: 'manual' });
    const tax = out.metrics.find((m) => m.metric === 'tax')!;
    expect(tax.manual).toBe(100);
    expect(tax.annual).toEqual(
      expect.arrayContaining([
        { origin: 'tax-bureau', value: 150 },
        { origin: 'manual', value: 100 },
      ]),
    );
  });

  it('follows a changed precedence back to the manual value', () => {
    const precedence: ExchangePrecedence = { ...DEFAULT_PRECEDENCE, tax: ['manual', 'tax-bureau'] };
    const out = effectiveYear({ ...base, precedence, figures: [fig('tax', 'tax-bureau', 'year', 0, 150)] });
    expect(out.row.tax).toBe(100);
    expect(out.row.origins.tax).toBe('manual');
  });

  it('computes energyTce from the metered year when the power company sent none', () => {
    const out = effectiveYear({
      ...base,
      figures: [],
      meteredMonths: Array.from({ length: 12 }, () => 10_000),
    });
    expect(out.energy).toMatchObject({
      electricityKwh: 120_000,
      electricityOrigin: 'metered',
      electricityTce: 14.748,
    });
    expect(out.row.energyTce).toBe(14.748);
    expect(out.row.origins.energyTce).toBe('computed');
  });

  it("prefers the power company's twelve months to the meters", () => {
    const out = effectiveYear({
      ...base,
      figures: months(
        'electricity-kwh',
        'power-company',
        Array.from({ length: 12 }, () => 20_000),
      ),
      meteredMonths: Array.from({ length: 12 }, () => 10_000),
    });
    expect(out.energy).toMatchObject({ electricityKwh: 240_000, electricityOrigin: 'power-company' });
  });

  it('uses the insured headcount for employees and has a row without manual indicators', () => {
    const out = effectiveYear({
      ...base,
      manual: null,
      figures: [fig('insured-employees', 'hr-bureau', 'month', 12, 55)],
    });
    expect(out.row).toMatchObject({ employees: 55, tax: null, energyTce: null });
    expect(out.row.origins).toEqual({ employees: 'hr-bureau' });
  });
});
