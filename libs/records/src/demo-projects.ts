import type { EntityManager } from 'typeorm';
import type { EnterpriseEntity } from './entities/enterprise.entity';
import { LandParcelEntity } from './entities/land-parcel.entity';
import { ProjectActualEntity } from './entities/project-actual.entity';
import { ProjectMilestoneEntity } from './entities/project-milestone.entity';
import { ProjectEntity, type ProjectStage } from './entities/project.entity';

interface DemoMilestone {
  readonly title: string;
  readonly dueOn: string;
  readonly doneOn: string | null;
  readonly ownerName: string;
  readonly department: string;
}

interface DemoProject {
  /** Index into the demo enterprises, in the seed's order. */
  readonly enterprise: number;
  readonly name: string;
  readonly stage: ProjectStage;
  readonly dates: readonly [string, string | null, string | null, string | null];
  readonly promised: readonly [number, number, number];
  readonly ownerName: string;
  readonly department: string;
  /** Year → [investment, sales, tax] 万元; null = 未上报. */
  readonly actuals: Readonly<Record<number, readonly [number | null, number | null, number | null]>>;
  readonly milestones: readonly DemoMilestone[];
}

/**
 * 重点项目 of the demo park, one in each stage: the chemical plant's expansion has reached 达产, the precision
 * machining line is 竣工, a new materials base is 开工 with its roof milestone overdue (the supervision list's demo
 * line), and a biomedical project is freshly 签约. Figures are invented, 万元.
 */
const DEMO_PROJECTS: readonly DemoProject[] = [
  {
    enterprise: 0,
    name: '年产 5 万吨电子化学品扩建项目',
    stage: 'producing',
    dates: ['2021-05-18', '2021-10-08', '2023-06-30', '2024-03-01'],
    promised: [52_000, 120_000, 6_000],
    ownerName: '陆建华',
    department: '经济发展局',
    actuals: {
      2021: [8_000, null, null],
      2022: [26_000, null, null],
      2023: [16_500, 42_000, 1_900],
      2024: [2_000, 98_000, 4_800],
      2025: [null, 126_500, 6_350],
    },
    milestones: [
      {
        title: '取得施工许可证',
        dueOn: '2021-09-30',
        doneOn: '2021-09-26',
        ownerName: '陆建华',
        department: '规划建设局',
      },
      {
        title: '主体工程竣工验收',
        dueOn: '2023-06-30',
        doneOn: '2023-06-28',
        ownerName: '张敏',
        department: '规划建设局',
      },
      {
        title: '环保竣工验收',
        dueOn: '2023-12-31',
        doneOn: '2023-12-15',
        ownerName: '顾晓峰',
        department: '生态环境分局',
      },
    ],
  },
  {
    enterprise: 1,
    name: '高精密数控部件智能产线项目',
    stage: 'completed',
    dates: ['2023-04-12', '2023-09-01', '2025-11-20', null],
    promised: [18_000, 36_000, 1_500],
    ownerName: '施卫东',
    department: '招商局',
    actuals: {
      2023: [3_200, null, null],
      2024: [9_800, null, null],
      2025: [4_600, 2_400, 90],
      2026: [800, 15_600, 620],
    },
    milestones: [
      {
        title: '设备安装调试完成',
        dueOn: '2025-10-31',
        doneOn: '2025-10-29',
        ownerName: '施卫东',
        department: '招商局',
      },
      {
        title: '试生产',
        dueOn: '2026-03-31',
        doneOn: '2026-03-25',
        ownerName: '施卫东',
        department: '经济发展局',
      },
      { title: '达产验收', dueOn: '2027-06-30', doneOn: null, ownerName: '陆建华', department: '经济发展局' },
    ],
  },
  {
    enterprise: 2,
    name: '新型复合材料生产基地项目',
    stage: 'started',
    dates: ['2024-08-08', '2025-03-15', null, null],
    promised: [30_000, 60_000, 2_800],
    ownerName: '黄志刚',
    department: '规划建设局',
    actuals: {
      2024: [1_200, null, null],
      2025: [11_500, null, null],
    },
    milestones: [
      {
        title: '桩基工程完成',
        dueOn: '2025-07-31',
        doneOn: '2025-07-20',
        ownerName: '黄志刚',
        department: '规划建设局',
      },
      {
        title: '主体结构封顶',
        dueOn: '2026-09-30',
        doneOn: null,
        ownerName: '黄志刚',
        department: '规划建设局',
      },
      { title: '设备进场', dueOn: '2027-03-31', doneOn: null, ownerName: '施卫东', department: '招商局' },
    ],
  },
  {
    enterprise: 3,
    name: '智能制造产业化二期项目',
    stage: 'signed',
    dates: ['2026-06-18', null, null, null],
    promised: [45_000, 80_000, 4_000],
    ownerName: '顾晓峰',
    department: '招商局',
    actuals: {},
    milestones: [
      {
        title: '完成项目备案',
        dueOn: '2026-08-31',
        doneOn: '2026-08-22',
        ownerName: '顾晓峰',
        department: '经济发展局',
      },
      {
        title: '取得施工许可证',
        dueOn: '2027-02-28',
        doneOn: null,
        ownerName: '黄志刚',
        department: '规划建设局',
      },
    ],
  },
];

/**
 * Inserts the demo projects once, while the park has none marked demo: a project an officer advanced or a
 * milestone they completed stays as they left it when the seed runs again. `enterprises` in the seed's order.
 */
export async function seedDemoProjects(
  em: EntityManager,
  enterprises: readonly EnterpriseEntity[],
): Promise<void> {
  const projects = em.getRepository(ProjectEntity);
  if ((await projects.countBy({ isDemo: true })) > 0) return;
  for (const demo of DEMO_PROJECTS) {
    const enterprise = enterprises[demo.enterprise];
    const parcel = await em.getRepository(LandParcelEntity).findOneBy({ enterpriseId: enterprise.id });
    const [signedOn, startedOn, completedOn, producingOn] = demo.dates;
    const [promisedInvestment, promisedSales, promisedTax] = demo.promised;
    const project = await projects.save(
      projects.create({
        name: demo.name,
        enterpriseId: enterprise.id,
        parcelId: parcel?.id ?? null,
        stage: demo.stage,
        signedOn,
        startedOn,
        completedOn,
        producingOn,
        promisedInvestment,
        promisedSales,
        promisedTax,
        ownerName: demo.ownerName,
        department: demo.department,
        note: '演示数据',
        isDemo: true,
      }),
    );
    await em
      .getRepository(ProjectMilestoneEntity)
      .save(demo.milestones.map((m) => ({ ...m, projectId: project.id, isDemo: true })));
    await em.getRepository(ProjectActualEntity).save(
      Object.entries(demo.actuals).map(([year, [investment, sales, tax]]) => ({
        projectId: project.id,
        year: Number(year),
        investment,
        sales,
        tax,
      })),
    );
  }
}
