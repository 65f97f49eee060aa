import type { CultivationEntry, EvaluationRow, IndicatorProgress, YearProgress } from './plan-api';
import {
  barWidth,
  defaultYear,
  gradeCounts,
  gradeShare,
  librarySummaries,
  rankedEvaluation,
  targetRows,
  unitLabel,
} from './plan-dashboard';

const indicator = (
  over: Partial<IndicatorProgress> & Pick<IndicatorProgress, 'indicator'>,
): IndicatorProgress => ({
  unit: '家',
  value: 0,
  target: null,
  comparator: null,
  progress: null,
  met: null,
  ...over,
});

/** What GET /api/analytics/progress answers when 2025 has no reported figures yet (the demo park). */
const PROGRESS: YearProgress[] = [
  {
    year: 2023,
    indicators: [
      indicator({
        indicator: 'above-scale-enterprises',
        value: 18,
        target: 300,
        comparator: 'gt',
        progress: 6,
        met: false,
      }),
    ],
  },
  {
    year: 2024,
    indicators: [
      indicator({
        indicator: 'invention-patents',
        unit: '件',
        value: 520,
        target: 500,
        comparator: 'gte',
        progress: 104,
        met: true,
      }),
      indicator({
        indicator: 'high-tech-investment',
        unit: '万元',
        value: 123456.78,
        target: 500000,
        comparator: 'gt',
        progress: 24.7,
        met: false,
      }),
      indicator({ indicator: 'incubating-projects', unit: '个', value: 4 }),
    ],
  },
  {
    year: 2025,
    indicators: [
      // Cumulative and current-flag indicators carry on; the year's own figures are not reported (null).
      indicator({ indicator: 'high-tech-investment', unit: '万元', value: 123456.78 }),
      indicator({ indicator: 'incubating-projects', unit: '个', value: 4 }),
      indicator({
        indicator: 'above-scale-enterprises',
        value: null,
        target: 300,
        comparator: 'gt',
        progress: null,
        met: null,
      }),
    ],
  },
];

describe('plan dashboard', () => {
  it('opens on the latest plan year that has its own reported figures, not one carried by cumulative ones', () => {
    expect(defaultYear(PROGRESS)).toBe(2024);
    expect(defaultYear([])).toBe(2023);
  });

  it('lists the chosen year in the plan order, with status, bar and the year the target is set for', () => {
    const rows = targetRows(PROGRESS, 2024, [
      { indicator: 'high-tech-investment', year: 2025, target: 500000, comparator: 'gt' },
      { indicator: 'invention-patents', year: 2024, target: 500, comparator: 'gte' },
      { indicator: 'invention-patents', year: 2025, target: 600, comparator: 'gte' },
      { indicator: 'invention-patents', year: 2023, target: 300, comparator: 'gte' },
    ]);
    expect(rows.map((r) => [r.indicator, r.status, r.bar, r.targetYear])).toEqual([
      ['high-tech-investment', 'behind', 24.7, 2025],
      ['invention-patents', 'met', 100, 2024],
      ['incubating-projects', 'no-target', 0, null],
    ]);
    expect(rows[0]).toMatchObject({
      label: 'plan.indicator.high-tech-investment',
      unit: '万元',
      value: 123456.78,
      target: 500000,
      comparator: 'gt',
      progress: 24.7,
    });
    expect(targetRows(PROGRESS, 2022, [])).toEqual([]);
  });

  it('keeps a year nobody reported as not reported — no value, no bar, neither met nor behind', () => {
    const rows = targetRows(PROGRESS, 2025, [
      { indicator: 'above-scale-enterprises', year: 2025, target: 300, comparator: 'gt' },
    ]);
    expect(rows.find((r) => r.indicator === 'above-scale-enterprises')).toMatchObject({
      value: null,
      status: 'not-reported',
      progress: null,
      bar: 0,
      targetYear: 2025,
    });
    // a year whose only reported figure is a real 0 is still a reported year
    const zero = [
      {
        year: 2025,
        indicators: [indicator({ indicator: 'invention-patents', unit: '件', value: 0 })],
      },
    ];
    expect(defaultYear(zero)).toBe(2025);
  });

  it('keeps a progress bar between empty and full whatever the progress', () => {
    expect(barWidth(null)).toBe(0);
    expect(barWidth(-3)).toBe(0);
    expect(barWidth(Number.NaN)).toBe(0);
    expect(barWidth(42.5)).toBe(42.5);
    expect(barWidth(250)).toBe(100);
  });

  it('names the units the API uses and leaves the others as they are', () => {
    expect(unitLabel('万元')).toBe('unit.wanYuan');
    expect(unitLabel('亩')).toBe('unit.mu');
    expect(unitLabel('家')).toBe('unit.enterprises');
    expect(unitLabel('件')).toBe('unit.jian');
    expect(unitLabel('%')).toBeNull();
  });

  it('summarises the four libraries in the plan order, the closest candidates first', () => {
    const entry = (name: string, achieved: boolean, progress: number | null): CultivationEntry => ({
      enterpriseId: name,
      name,
      achieved,
      measure: 'revenue 万元',
      value: progress === null ? null : progress * 20,
      threshold: 2000,
      progress,
      basis: [],
    });
    const summaries = librarySummaries({
      'above-scale': [
        entry('甲', false, 40),
        entry('乙', true, 150),
        entry('丙', false, 90),
        entry('丁', false, null),
      ],
      'high-tech': [
        { ...entry('戊', false, 50), measure: 'R&D / revenue %', threshold: 3, value: 1.5 },
        { ...entry('庚', false, 80), measure: 'R&D / revenue %', threshold: 5, value: 4 },
      ],
      listed: [],
      'revenue-100m': [entry('己', true, 120)],
    });
    expect(summaries.map((s) => s.library)).toEqual(['above-scale', 'high-tech', 'listed', 'revenue-100m']);
    expect(summaries[0]).toMatchObject({
      label: 'plan.library.above-scale',
      measure: 'plan.measure.revenue',
      unit: '万元',
      threshold: 2000,
      achieved: 1,
    });
    expect(summaries[0].cultivating.map((e) => e.name)).toEqual(['丙', '甲', '丁']);
    // 高新技术: each firm is held to its own revenue band, so the library states the bands, not one threshold
    expect(summaries[1]).toMatchObject({
      measure: 'plan.measure.rdIntensity',
      unit: '%',
      threshold: null,
      band: 'plan.library.highTechBand',
    });
    expect(summaries[1].cultivating.map((e) => [e.name, e.threshold, e.progress])).toEqual([
      ['庚', 5, 80],
      ['戊', 3, 50],
    ]);
    expect(summaries[0].band).toBeNull();
    expect(summaries[2]).toMatchObject({ threshold: null, achieved: 0, cultivating: [] });
    expect(summaries[3]).toMatchObject({ achieved: 1, cultivating: [] });
  });

  it('counts enterprises per 亩均 grade, the ungraded apart, and each grade’s share of the graded', () => {
    const row = (id: string, rank: number | null, grade: EvaluationRow['grade']): EvaluationRow => ({
      id,
      name: id,
      landMu: 10,
      values: {
        taxPerMu: null,
        salesPerMu: null,
        outputPerMu: null,
        outputPerEnergy: null,
        rdIntensity: null,
      },
      points: {
        taxPerMu: null,
        salesPerMu: null,
        outputPerMu: null,
        outputPerEnergy: null,
        rdIntensity: null,
      },
      score: rank === null ? null : 100 - rank,
      rank,
      grade,
    });
    const rows = [
      row('e', 5, 'D'),
      row('a', 1, 'A'),
      row('z', null, null),
      row('b', 2, 'B'),
      row('c', 3, 'B'),
      row('d', 4, 'C'),
      row('y', null, null),
    ];
    const counts = gradeCounts(rows);
    expect(counts).toEqual({ byGrade: { A: 1, B: 2, C: 1, D: 1 }, ungraded: 2, graded: 5 });
    expect(gradeShare(counts, 'B')).toBe(40);
    expect(gradeShare(gradeCounts([]), 'A')).toBe(0);
    expect(rankedEvaluation(rows).map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'y', 'z']);
  });
});
