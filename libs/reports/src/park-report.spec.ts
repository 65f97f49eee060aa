import type { CultivationEntry, EvaluationRow, Grade, ProjectView } from '@park/contracts';
import { gradeDistribution, parkDocument, type ParkReportInput } from './park-report';
import { parsePeriod, type ReportPeriod } from './report-period';

const november = parsePeriod('2026-11') as ReportPeriod;

function row(id: string, grade: Grade | null): EvaluationRow {
  const none = {
    taxPerMu: null,
    salesPerMu: null,
    outputPerMu: null,
    outputPerEnergy: null,
    rdIntensity: null,
  };
  return { id, name: id, landMu: 10, values: none, points: none, score: null, rank: null, grade };
}
function member(name: string, achieved: boolean, value: number | null): CultivationEntry {
  // Cast: the entry's other fields (e.g. why it is in the library) play no part in the report.
  return {
    enterpriseId: name,
    name,
    achieved,
    measure: 'revenue 万元',
    value,
    threshold: 2000,
    progress: value === null ? null : (value / 2000) * 100,
  } as CultivationEntry;
}

const input: ParkReportInput = {
  period: november,
  dataYear: 2025,
  progress: {
    year: 2025,
    indicators: [
      {
        indicator: 'carrier-occupancy',
        unit: '%',
        value: 92,
        target: 90,
        comparator: 'gte',
        progress: 102.2,
        met: true,
      },
      {
        indicator: 'above-scale-taxable-sales',
        unit: '万元',
        value: 2_345_678,
        target: 3_000_000,
        comparator: 'gt',
        progress: 78.2,
        met: false,
      },
      {
        indicator: 'invention-patents',
        unit: '件',
        value: null,
        target: 300,
        comparator: 'gte',
        progress: null,
        met: null,
      },
    ],
  },
  evaluation: [row('a', 'A'), row('b', 'B'), row('c', 'B'), row('d', 'D'), row('e', null)],
  movers: [
    {
      kind: 'down',
      id: 'd',
      name: '丁公司',
      from: 'B',
      to: 'D',
      scoreFrom: 80,
      scoreTo: 40.25,
      rankFrom: 2,
      rankTo: 4,
      reasons: [
        {
          indicator: 'taxPerMu',
          unit: '万元/亩',
          valueFrom: 30,
          valueTo: 12.5,
          pointsFrom: 45,
          pointsTo: 18.75,
          pointsChange: -26.25,
        },
        {
          indicator: 'outputPerEnergy',
          unit: '万元/tce',
          valueFrom: 2,
          valueTo: null,
          pointsFrom: 5,
          pointsTo: null,
          pointsChange: -5,
        },
      ],
    },
    { kind: 'entered', id: 'a', name: '甲公司', to: 'A', scoreTo: 120, cause: 'no-land' },
  ],
  cultivation: {
    'above-scale': [member('甲', true, 2500), member('乙', false, 1500)],
    'high-tech': [],
    listed: [],
    'revenue-100m': [member('丙', false, null)],
  },
  alarms: {
    total: 8,
    bySeverity: [
      { severity: 'critical', count: 3 },
      { severity: 'warning', count: 5 },
      { severity: 'info', count: 0 },
    ],
    acknowledge: { count: 3, mean: 4.7, median: 2.5, p90: 8.5 },
    resolve: { count: 0, mean: null, median: null, p90: null },
    unresolvedAtEnd: 5,
    unacknowledgedAtEnd: 2,
    overdue: 1,
    topEnterprise: { name: '乙公司', count: 5 },
  },
  severityLabels: { critical: '严重', warning: '警告', info: '提示' },
  energy: { kwh: 3000, peak: 1400, flat: 1300, valley: 300, tCo2e: 1.711, kwhPer10kYuan: 10, enterprises: 2 },
  projects: null,
};

/** A project at `stage` with `overdue` open milestones past due (the other fields play no part in the report). */
function project(id: string, stage: ProjectView['stage'], overdue: number): ProjectView {
  return { id, name: id, stage, overdueMilestones: overdue } as ProjectView;
}

describe('the park’s monthly report (园区月度运行报告)', () => {
  it('grade distribution: shares of the graded, the ungraded counted apart', () => {
    expect(gradeDistribution(input.evaluation)).toEqual({
      graded: 4,
      ungraded: 1,
      byGrade: [
        { grade: 'A', count: 1, share: 25 },
        { grade: 'B', count: 2, share: 50 },
        { grade: 'C', count: 0, share: 0 },
        { grade: 'D', count: 1, share: 25 },
      ],
    });
  });

  it('lays out plan progress, grades, libraries, the alarm headline and the month’s electricity', () => {
    const doc = parkDocument(input, november.to);
    expect(doc.title).toBe('园区月度运行报告');
    expect(doc.fileStem).toBe('park-2026-11');
    const byTitle = new Map(doc.tables.map((t) => [t.title, t.rows]));
    expect(byTitle.get('一、规划指标进展（2025 年）')).toEqual([
      ['载体入驻率', '%', 92, 90, 102.2, '达标'],
      ['规上工业应税销售', '亿元', 234.57, 300, 78.2, '未达标'],
      ['有效发明专利', '件', '未上报', 300, null, '未上报'],
    ]);
    expect(byTitle.get('二、亩均效益等级分布（2025 年）')).toEqual([
      ['A 类 · 优先发展', 1, 25],
      ['B 类 · 鼓励提升', 2, 50],
      ['C 类 · 监管调控', 0, 0],
      ['D 类 · 落后整治', 1, 25],
      ['不定等级', 1, null],
    ]);
    expect(byTitle.get('三、亩均等级变动企业（2024 → 2025 年）')).toEqual([
      [
        '丁公司',
        '下降',
        'B',
        'D',
        80,
        40.25,
        '亩均税收 30 → 12.5 万元/亩（-26.3 分）；单位能耗产值 2 → 未报送 万元/tce（-5.0 分）',
      ],
      ['甲公司', '新定等级', '不定等级', 'A', null, 120, '上年不定等级：无用地'],
    ]);
    expect(byTitle.get('四、四大培育库（2025 年数据）')).toEqual([
      ['规上企业培育库', 2, 1, 1],
      ['高新技术企业培育库', 0, 0, 0],
      ['上市企业培育库', 0, 0, 0],
      ['销售过亿企业培育库', 1, 0, 1],
    ]);
    expect(byTitle.get('五、培育库企业')?.[0]).toEqual([
      '规上企业培育库',
      '甲',
      '已达标',
      '营业收入（万元）',
      2500,
      2000,
      125,
    ]);
    expect(byTitle.get('六、本月报警概况')).toEqual([
      ['报警总数', 8],
      ['其中严重', 3],
      ['其中警告', 5],
      ['其中提示', 0],
      ['月末仍未解除', 5],
      ['月末未确认', 2],
      ['超时未确认（升级）', 1],
      ['报警最多的企业：乙公司', 5],
    ]);
    expect(byTitle.get('七、本月报警响应用时')).toEqual([
      ['发生 → 确认', 3, 4.7, 2.5, 8.5],
      ['发生 → 解除', 0, null, null, null],
    ]);
    expect(byTitle.get('八、本月用电')?.[0]).toEqual(['园区用电量', 3000, 'kWh']);
    const fact = (label: string) => doc.facts.find((f) => f.label === label)?.value;
    expect(fact('规划指标')).toBe('3 项有目标，已达标 1 项');
    expect(fact('亩均评价')).toBe('已评 4 家：A 类 1、B 类 2、C 类 0、D 类 1');
    expect(fact('本月报警')).toBe('8 条（严重 3 / 警告 5 / 提示 0）');
    expect(fact('本月园区用电')).toBe('3000.0 kWh（2 家企业）');
    expect(doc.tables.some((t) => t.title.includes('重点项目'))).toBe(false);
  });

  it('with the projects: counts by stage and the supervision list of overdue milestones', () => {
    const doc = parkDocument(
      {
        ...input,
        projects: {
          projects: [
            project('p1', 'signed', 0),
            project('p2', 'started', 2),
            project('p3', 'started', 0),
            project('p4', 'producing', 0),
          ],
          supervision: {
            asOf: '2026-12-07',
            items: [
              {
                milestone: {
                  id: 'm1',
                  projectId: 'p2',
                  title: '主体结构封顶',
                  dueOn: '2026-11-20',
                  doneOn: null,
                  ownerName: '王工',
                  department: '项目推进办',
                  overdueDays: 17,
                },
                projectId: 'p2',
                projectName: '新材料产线',
                stage: 'started',
                enterpriseId: 'e',
                enterpriseName: '甲公司',
              },
            ],
          },
        },
      },
      november.to,
    );
    const byTitle = new Map(doc.tables.map((t) => [t.title, t.rows]));
    expect(byTitle.get('六、重点项目（按阶段）')).toEqual([
      ['签约', 1, 0],
      ['开工', 2, 1],
      ['竣工', 0, 0],
      ['达产', 1, 0],
    ]);
    expect(byTitle.get('七、重点项目逾期节点（督办，截至 2026-12-07）')).toEqual([
      ['新材料产线', '甲公司', '开工', '主体结构封顶', '2026-11-20', 17, '王工', '项目推进办'],
    ]);
    expect(doc.tables.at(-1)?.title).toBe('十、本月用电');
  });
});
