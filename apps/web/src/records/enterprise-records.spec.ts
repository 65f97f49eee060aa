import {
  evaluationYears,
  gradesById,
  indicatorTable,
  pageCount,
  statusTags,
  timeline,
} from './enterprise-records';
import type { Enterprise, EnterpriseIndicators, RecordEvent } from './records-api';

const blank = {
  revenue: null,
  taxableSales: null,
  tax: null,
  rdExpense: null,
  inventionPatents: null,
  output: null,
  highTechOutput: null,
  highTechInvestment: null,
  energyTce: null,
  employees: null,
};
const year = (y: number, values: Partial<EnterpriseIndicators>): EnterpriseIndicators => ({
  ...blank,
  id: `indicators-${y}`,
  enterpriseId: 'e1',
  updatedAt: '2025-01-01T00:00:00.000Z',
  year: y,
  ...values,
});

describe('indicatorTable', () => {
  it('puts the years in columns, oldest first, and each indicator in a row with its unit', () => {
    const table = indicatorTable([
      year(2024, { revenue: 1200, employees: 85, energyTce: 310.5 }),
      year(2022, { revenue: 900, employees: 80 }),
      year(2023, { revenue: 1000, inventionPatents: 3 }),
    ]);
    expect(table.years).toEqual([2022, 2023, 2024]);
    expect(table.rows.map((r) => [r.field, r.unit, r.values])).toEqual([
      ['revenue', 'unit.wanYuan', [900, 1000, 1200]],
      ['inventionPatents', 'unit.jian', [null, 3, null]],
      ['energyTce', 'records.unit.tce', [null, null, 310.5]],
      ['employees', 'records.unit.people', [80, null, 85]],
    ]);
  });

  it('keeps a reported zero and leaves out only indicators never reported', () => {
    const table = indicatorTable([year(2024, { tax: 0 })]);
    expect(table.rows.map((r) => [r.field, r.values])).toEqual([['tax', [0]]]);
  });

  it('is empty without indicators', () => {
    expect(indicatorTable([])).toEqual({ years: [], rows: [] });
  });
});

describe('timeline', () => {
  const event = (id: string, occurredOn: string, createdAt = '2025-01-01T00:00:00.000Z'): RecordEvent => ({
    id,
    subjectType: 'enterprise',
    subjectId: 'e1',
    enterpriseId: 'e1',
    type: 'lease',
    occurredOn,
    summary: id,
    details: {},
    createdBy: 'officer',
    createdAt,
    documents: [],
  });

  it('lists the newest first, then the latest recorded, and does not touch its input', () => {
    const events = [
      event('a', '2020-05-18'),
      event('b', '2023-09-12'),
      event('c', '2023-09-12', '2025-02-01T00:00:00.000Z'),
      event('d', '2021-01-01'),
    ];
    expect(timeline(events).map((e) => e.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(events.map((e) => e.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('list helpers', () => {
  it('counts pages, at least one', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(40, 20)).toBe(2);
    expect(pageCount(41, 20)).toBe(3);
  });

  it('tags an enterprise by the libraries it has reached, deregistered first', () => {
    const e = {
      aboveScale: true,
      highTech: false,
      listed: true,
      revenueOver100m: false,
      deletedAt: '2025-01-01T00:00:00.000Z',
    } as Enterprise;
    expect(statusTags(e)).toEqual([
      'records.status.deleted',
      'records.status.aboveScale',
      'records.status.listed',
    ]);
  });

  it('indexes graded enterprises only', () => {
    const grades = gradesById([
      { id: 'x', grade: 'A' },
      { id: 'y', grade: null },
    ]);
    expect([...grades]).toEqual([['x', 'A']]);
  });

  it('looks for grades in last year, then the two before', () => {
    expect(evaluationYears(Date.UTC(2026, 10, 27))).toEqual([2025, 2024, 2023]);
  });
});
