import { IsNull, type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { hashDeviceSecret, hashSecret } from '@park/auth';
import { creditCodeCheckChar } from './credit-code';
import { prng } from './demo-random';
import { DEMO_FLEET } from './demo-fleet';
import { seedDemoQualifications } from './demo-qualifications';
import { seedDemoProjects } from './demo-projects';
import { seedDemoPlanTasks } from './demo-plan-tasks';
import { seedDemoPolicies } from './demo-policies';
import { seedDemoExchange } from './demo-exchange';
import { AdmissionEntryEntity, type AdmissionLevel } from './entities/admission-entry.entity';
import { CarrierTenancyEntity } from './entities/carrier-tenancy.entity';
import { CarrierEntity } from './entities/carrier.entity';
import { DeviceEntity } from './entities/device.entity';
import { EnterpriseIndicatorEntity } from './entities/enterprise-indicator.entity';
import { EnterpriseEntity, type CultivationLibrary } from './entities/enterprise.entity';
import { LandParcelEntity, type ParcelGeometry } from './entities/land-parcel.entity';
import { RecordEventEntity } from './entities/record-event.entity';
import { UserRepository } from './user-repository';

/**
 * The demo park, marked `is_demo`: the four carriers the plan names, about 40 enterprises in several industries
 * with five years of indicators, parcels whose polygons tile a plausible park map, the admission list, timelines,
 * devices for every enterprise — including every device of the simulator's demo fleet — and the data exchange's four
 * source systems with their figures since 2025 (demo-exchange.ts). Idempotent.
 */
export const DEMO_ENTERPRISE_CODE_BODY = '91320681MA1PARK01';
export const DEMO_MECH_CODE_BODY = '91320681MA1PARK02';
export const DEMO_GAS_DEVICE = 'demo-gas-001';
export const DEMO_YEARS = [2020, 2021, 2022, 2023, 2024] as const;

export interface DemoLogins {
  readonly password: string;
  readonly users: readonly { username: string; role: string }[];
}

/**
 * Inserts the rows whose unique key is not taken yet and leaves every existing row as it is (INSERT OR IGNORE on
 * SQLite, ON CONFLICT DO NOTHING on PostgreSQL): the seed creates what is missing and never undoes an edit, a
 * deletion or a disabled account.
 */
async function insertMissing<T extends ObjectLiteral>(
  em: EntityManager,
  entity: EntityTarget<T>,
  rows: QueryDeepPartialEntity<T>[],
): Promise<void> {
  if (rows.length === 0) return;
  await em.createQueryBuilder().insert().into(entity).values(rows).orIgnore().execute();
}

const code = (body: string) => body + creditCodeCheckChar(body);

/** Industries of the demo park (GB/T 4754-2017 classes); `core` marks the park's leading ("一主两优") industries. */
const INDUSTRIES = [
  { code: '3982', word: '电子元件', suffix: '电子科技', core: true, chem: false },
  { code: '3976', word: '集成电路', suffix: '微电子', core: true, chem: false },
  { code: '3499', word: '通用设备', suffix: '机械制造', core: true, chem: false },
  { code: '3599', word: '专用设备', suffix: '装备科技', core: true, chem: false },
  { code: '3737', word: '海工装备', suffix: '海洋工程', core: true, chem: false },
  { code: '2720', word: '化学药品制剂', suffix: '生物医药', core: true, chem: true },
  { code: '2761', word: '生物药品', suffix: '生物科技', core: true, chem: true },
  { code: '2614', word: '有机化学原料', suffix: '化工', core: false, chem: true },
  { code: '2929', word: '塑料制品', suffix: '新材料', core: false, chem: false },
  { code: '1762', word: '纺织', suffix: '纺织', core: false, chem: false },
] as const;

const NAMES = [
  '华鑫',
  '东海',
  '沪启',
  '江海',
  '瑞丰',
  '恒通',
  '新诚',
  '天成',
  '润邦',
  '海星',
  '中科',
  '蓝湾',
  '金港',
  '宏达',
  '汇通',
  '明阳',
  '长江',
  '国泰',
  '嘉禾',
  '德尔',
  '凯瑞',
  '博远',
  '安澜',
  '远洋',
  '晨光',
  '聚能',
  '鸿运',
  '盛源',
  '科瑞',
  '永晟',
  '华泰',
  '联创',
  '卓越',
  '万川',
  '优佳',
  '富达',
  '益丰',
  '锦程',
];

/** The four carriers the plan names (《三优化三提升》 §三 "载体运营再优化"). */
const CARRIERS = [
  {
    code: 'ZT-PDPT',
    name: '启东配套浦东产业园',
    floorAreaM2: 120_000,
    operator: '启东浦东产业园开发有限公司',
  },
  {
    code: 'ZT-WGQ',
    name: '外高桥（启东）产业园',
    floorAreaM2: 95_000,
    operator: '上海外高桥集团启东产业园公司',
  },
  {
    code: 'ZT-SWYY',
    name: '上海自贸区生物医药创新协作园',
    floorAreaM2: 60_000,
    operator: '自贸区生物医药协作园运营公司',
  },
  { code: 'ZT-WYZC', name: '万洋众创城', floorAreaM2: 150_000, operator: '启东万洋众创城建设发展有限公司' },
];

const ADMISSION: { industryCode: string; level: AdmissionLevel; reason: string }[] = [
  {
    industryCode: '39',
    level: 'encouraged',
    reason: '计算机、通信和其他电子设备制造业：园区主导产业（一主两优）',
  },
  { industryCode: '34', level: 'encouraged', reason: '通用设备制造业：高端装备方向' },
  { industryCode: '35', level: 'encouraged', reason: '专用设备制造业：高端装备方向' },
  { industryCode: '27', level: 'encouraged', reason: '医药制造业：生物医药协作园方向' },
  {
    industryCode: '26',
    level: 'restricted',
    reason: '化学原料和化学制品制造业：仅限化工集中区，入驻载体须安评环评专项论证',
  },
  { industryCode: '17', level: 'restricted', reason: '纺织业：高耗水，须节水评估' },
  {
    industryCode: '2511',
    level: 'prohibited',
    reason: '原油加工及石油制品制造：不符合园区产业定位，禁止入驻产业载体',
  },
  { industryCode: '3110', level: 'prohibited', reason: '炼铁：高耗能高排放，禁止入驻产业载体' },
  { industryCode: '2221', level: 'prohibited', reason: '机制纸及纸板制造：高耗水高排放，禁止入驻产业载体' },
];

/** Park map origin (启东高新区 is about 121.66° E, 31.80° N); blocks of 0.0026° × 0.0021° with 0.0005° roads. */
const ORIGIN = { lon: 121.635, lat: 31.79 };
const BLOCK = { lon: 0.0026, lat: 0.0021, road: 0.0005 };
const M_PER_DEG_LAT = 110_574;
const M2_PER_MU = 10_000 / 15;

function block(col: number, row: number, cols = 1, rows = 1): { geometry: ParcelGeometry; areaMu: number } {
  const west = ORIGIN.lon + col * (BLOCK.lon + BLOCK.road);
  const south = ORIGIN.lat + row * (BLOCK.lat + BLOCK.road);
  const east = west + cols * BLOCK.lon + (cols - 1) * BLOCK.road;
  const north = south + rows * BLOCK.lat + (rows - 1) * BLOCK.road;
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const m2 =
    (east - west) *
    M_PER_DEG_LAT *
    Math.cos((((south + north) / 2) * Math.PI) / 180) *
    (north - south) *
    M_PER_DEG_LAT;
  return {
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [r(west), r(south)],
          [r(east), r(south)],
          [r(east), r(north)],
          [r(west), r(north)],
          [r(west), r(south)],
        ],
      ],
    },
    areaMu: Math.round((m2 / M2_PER_MU) * 10) / 10,
  };
}

interface DemoEnterprise {
  readonly creditCode: string;
  readonly name: string;
  readonly industry: (typeof INDUSTRIES)[number];
  /** 万元, 2024 revenue; earlier years scale back with growth. */
  readonly revenue2024: number;
  /** null: on its own parcel at (col,row); else a tenant of that carrier. */
  readonly carrier: string | null;
  readonly slot: [number, number] | null;
}

function demoEnterprises(): DemoEnterprise[] {
  const rand = prng(2023);
  const out: DemoEnterprise[] = [
    {
      creditCode: code(DEMO_ENTERPRISE_CODE_BODY),
      name: '启东示范化工有限公司',
      industry: INDUSTRIES[7],
      revenue2024: 48_000,
      carrier: null,
      slot: [0, 0],
    },
    {
      creditCode: code(DEMO_MECH_CODE_BODY),
      name: '启东示范精密机械有限公司',
      industry: INDUSTRIES[2],
      revenue2024: 16_500,
      carrier: null,
      slot: [1, 0],
    },
  ];
  // Own parcels on a 7 × 4 grid (carriers take the east end), then tenants of the carriers.
  const slots: [number, number][] = [];
  for (let row = 0; row < 4; row++)
    for (let col = 0; col < 7; col++) if (!(row === 0 && col < 2)) slots.push([col, row]);
  for (let i = 0; i < 38; i++) {
    const industry = INDUSTRIES[Math.floor(rand() * INDUSTRIES.length)];
    const own = i < 26;
    const scale = own ? 800 + rand() ** 2 * 60_000 : 300 + rand() * 6_000;
    out.push({
      creditCode: code(`91320681MA1QD${String(i + 1).padStart(4, '0')}`),
      name: `启东${NAMES[i % NAMES.length]}${industry.suffix}${own ? '' : '（启东）'}有限公司`,
      industry: own ? industry : industry.chem && industry.code.startsWith('26') ? INDUSTRIES[0] : industry,
      revenue2024: Math.round(scale),
      carrier: own ? null : CARRIERS[i % CARRIERS.length].code,
      slot: own ? slots[i] : null,
    });
  }
  return out;
}

export async function seedDemoPark(
  dataSource: DataSource,
  password: string,
  deviceSecret?: string,
): Promise<DemoLogins> {
  const enterprisesSeed = demoEnterprises();
  const byCode = await dataSource.transaction(async (em) => {
    // Copies: TypeORM writes the generated ids back into what it inserted, and the list is module state.
    // The admission list is seeded once, while empty: an entry an admin removed stays removed.
    if ((await em.getRepository(AdmissionEntryEntity).count()) === 0)
      await insertMissing(
        em,
        AdmissionEntryEntity,
        ADMISSION.map((entry) => ({ ...entry })),
      );
    await insertMissing(
      em,
      CarrierEntity,
      CARRIERS.map((c) => ({ ...c, address: `启东高新区 ${c.name}`, isDemo: true })),
    );
    // Deleted ones too (here and for the enterprises): their rows are kept, and the lookups below need their ids.
    const carriers = new Map(
      (await em.getRepository(CarrierEntity).find({ withDeleted: true })).map((c) => [c.code, c]),
    );
    await seedEnterprises(em, enterprisesSeed, carriers);
    const enterprises = new Map(
      (await em.getRepository(EnterpriseEntity).find({ withDeleted: true })).map((e) => [e.creditCode, e]),
    );
    await seedIndicators(em, enterprisesSeed, enterprises);
    await seedParcels(em, enterprisesSeed, enterprises, carriers);
    await seedTenancies(em, enterprisesSeed, enterprises, carriers);
    await seedEvents(em, enterprisesSeed, enterprises);
    await seedDevices(em, enterprisesSeed, enterprises);
    await seedDemoQualifications(
      em,
      enterprisesSeed.map((e) => enterprises.get(e.creditCode)!),
      Date.now(),
    );
    await seedDemoProjects(
      em,
      enterprisesSeed.map((e) => enterprises.get(e.creditCode)!),
    );
    await seedDemoPlanTasks(em, Date.now());
    await seedDemoPolicies(em, Date.now());
    // After the indicators: the exchange's figures are sized on them.
    await seedDemoExchange(em, Date.now());
    return enterprises;
  });
  if (deviceSecret) await setDemoCredentials(dataSource, deviceSecret);
  const demoChem = byCode.get(code(DEMO_ENTERPRISE_CODE_BODY))!;
  const users = new UserRepository(dataSource);
  const passwordHash = await hashSecret(password);
  const logins = [
    { username: 'admin', displayName: '园区管理员', role: 'admin', enterpriseId: null },
    { username: 'officer', displayName: '安环值班员', role: 'officer', enterpriseId: null },
    { username: 'operator', displayName: '大屏运营', role: 'operator', enterpriseId: null },
    { username: 'manager', displayName: '企业能源管理员', role: 'energy-manager', enterpriseId: demoChem.id },
    // Committee staff (园区工作人员), one per department: each edits what its department may (docs/security-auth.md).
    {
      username: 'jingfa',
      displayName: '经发局工作人员',
      role: 'staff',
      enterpriseId: null,
      department: 'economy',
    },
    {
      username: 'zhaoshang',
      displayName: '招商局工作人员',
      role: 'staff',
      enterpriseId: null,
      department: 'investment',
    },
    {
      username: 'guihua',
      displayName: '规划建设局工作人员',
      role: 'staff',
      enterpriseId: null,
      department: 'planning',
    },
    {
      username: 'anjian',
      displayName: '安监局工作人员',
      role: 'staff',
      enterpriseId: null,
      department: 'safety',
    },
    {
      username: 'huanbao',
      displayName: '环保局工作人员',
      role: 'staff',
      enterpriseId: null,
      department: 'environment',
    },
    { username: 'shuiwu', displayName: '税务联络员', role: 'staff', enterpriseId: null, department: 'tax' },
  ];
  for (const u of logins) await users.createIfMissing({ ...u, passwordHash });
  return { password, users: logins.map(({ username, role }) => ({ username, role })) };
}

async function seedEnterprises(
  em: EntityManager,
  seed: readonly DemoEnterprise[],
  carriers: Map<string, CarrierEntity>,
): Promise<void> {
  await insertMissing(
    em,
    EnterpriseEntity,
    seed.map((e, i) => {
      const revenue = e.revenue2024;
      const cultivation: CultivationLibrary[] = [];
      if (revenue < 2000) cultivation.push('above-scale');
      if (revenue >= 6000 && revenue < 10_000) cultivation.push('revenue-100m');
      if (revenue >= 20_000 && i % 3 === 0) cultivation.push('listed');
      if (e.industry.core && i % 2 === 1) cultivation.push('high-tech');
      return {
        name: e.name,
        creditCode: e.creditCode,
        industryCode: e.industry.code,
        carrierId: e.carrier ? carriers.get(e.carrier)!.id : null,
        contactName: i === 0 ? '张工' : `${'王李张刘陈杨黄赵周吴'[i % 10]}经理`,
        contactPhone:
          i === 0
            ? '0513-8000 0001'
            : `0513-8${String(3000000 + i * 7919).slice(0, 3)} ${String(1000 + i * 37).slice(-4)}`,
        address:
          i === 0
            ? '启东高新区示范路1号'
            : `启东高新区${['富民', '汇龙', '江海', '滨海'][i % 4]}路${10 + i * 3}号`,
        aboveScale: revenue >= 2000,
        highTech: e.industry.core && i % 2 === 0,
        listed: revenue >= 40_000 && i % 3 === 1,
        revenueOver100m: revenue >= 10_000,
        manufacturer: true,
        coreIndustry: e.industry.core,
        incubating: e.carrier !== null && revenue < 1500,
        cultivation,
        isDemo: true,
      };
    }),
  );
}

async function seedIndicators(
  em: EntityManager,
  seed: readonly DemoEnterprise[],
  enterprises: Map<string, EnterpriseEntity>,
): Promise<void> {
  const rows: Partial<EnterpriseIndicatorEntity>[] = [];
  for (const [i, e] of seed.entries()) {
    const rand = prng(1000 + i);
    const growth = 1.04 + rand() * 0.14;
    const taxRate = 0.025 + rand() * 0.05;
    const rdRate = e.industry.core ? 0.03 + rand() * 0.04 : 0.01 + rand() * 0.02;
    const energyPerWan = e.industry.chem ? 0.12 + rand() * 0.1 : 0.02 + rand() * 0.04;
    for (const year of DEMO_YEARS) {
      const revenue = Math.round((e.revenue2024 / growth ** (2024 - year)) * (0.95 + rand() * 0.1));
      const output = Math.round(revenue * (1.02 + rand() * 0.08));
      rows.push({
        enterpriseId: enterprises.get(e.creditCode)!.id,
        year,
        revenue,
        taxableSales: Math.round(revenue * 0.97),
        tax: Math.round(revenue * taxRate * 10) / 10,
        rdExpense: Math.round(revenue * rdRate * 10) / 10,
        inventionPatents: Math.round(
          (e.industry.core ? 2 : 0.5) * (1 + revenue / 8000) + (year - 2020) * (e.industry.core ? 1 : 0.3),
        ),
        output,
        highTechOutput: e.industry.core
          ? Math.round(output * (0.6 + rand() * 0.3))
          : Math.round(output * rand() * 0.15),
        highTechInvestment: e.industry.core ? Math.round(revenue * (0.05 + rand() * 0.1)) : 0,
        energyTce: Math.round(output * energyPerWan),
        employees: Math.max(8, Math.round(revenue / (80 + rand() * 60))),
      });
    }
  }
  await insertMissing(em, EnterpriseIndicatorEntity, rows);
}

/**
 * A demo parcel's 一地一档 fields: a 不动产权证, a 50-year 出让 (工业用地's statutory maximum; 40 for 仓储) from a
 * date between 2008 and 2019, the 容积率 and 投资强度 a 工业用地 contract of Jiangsu typically requires, and the
 * contract's terms. Deterministic by the parcel's index `n`; `investment` false for land taken back (合同已解除).
 */
function demoDossier(
  n: number,
  areaMu: number,
  landUse: string,
  investment = true,
): Pick<
  LandParcelEntity,
  | 'certificateNo'
  | 'transferDate'
  | 'transferTermYears'
  | 'plotRatio'
  | 'investmentIntensity'
  | 'contractNo'
  | 'contractTerms'
> {
  const year = 2008 + (n % 12);
  const month = String(1 + ((n * 5) % 12)).padStart(2, '0');
  const day = String(1 + ((n * 7) % 28)).padStart(2, '0');
  const intensity = investment ? 300 + ((n * 37) % 250) : null;
  const taxPerMu = 20 + ((n * 3) % 15);
  return {
    certificateNo: `苏(${year})启东市不动产权第${String(8_000 + n * 131).padStart(7, '0')}号`,
    transferDate: `${year}-${month}-${day}`,
    transferTermYears: landUse === '仓储用地' ? 40 : 50,
    plotRatio: Math.round((1 + ((n * 13) % 9) / 10) * 10) / 10,
    investmentIntensity: intensity,
    contractNo: `320681${year}CR${String(n + 1).padStart(4, '0')}`,
    contractTerms: investment
      ? `约定固定资产投资 ${Math.round((intensity! * areaMu) / 100) * 100} 万元；签约后 24 个月内竣工、36 个月内达产；` +
        `达产后亩均税收不低于 ${taxPerMu} 万元/亩；未达约定的，按合同追究违约责任。`
      : '原出让合同已解除（低效用地收回），待重新供地，暂无投资强度与亩均税收约定。',
  };
}

async function seedParcels(
  em: EntityManager,
  seed: readonly DemoEnterprise[],
  enterprises: Map<string, EnterpriseEntity>,
  carriers: Map<string, CarrierEntity>,
): Promise<void> {
  const parcels: Partial<LandParcelEntity>[] = [];
  for (const [i, e] of seed.entries()) {
    if (!e.slot) continue;
    const [col, row] = e.slot;
    const { geometry, areaMu } = block(col, row);
    const inefficient = i % 9 === 4;
    parcels.push({
      code: `QD-GX-${String(row + 1).padStart(2, '0')}${String(col + 1).padStart(2, '0')}`,
      name: `${e.name.replace(/有限公司$/, '')}厂区`,
      areaMu,
      landUse: '工业用地',
      owner: e.name,
      enterpriseId: enterprises.get(e.creditCode)!.id,
      carrierId: null,
      inefficient,
      revitalizedYear: inefficient && i % 2 === 0 ? 2023 + (i % 2) : null,
      ...demoDossier(i, areaMu, '工业用地'),
      geometry,
      isDemo: true,
    });
  }
  // The carriers: two blocks each, east of the enterprises' grid.
  CARRIERS.forEach((c, k) => {
    const { geometry, areaMu } = block(7 + (k % 2) * 2, Math.floor(k / 2) * 2, 2, 2);
    parcels.push({
      code: `QD-ZT-${String(k + 1).padStart(2, '0')}`,
      name: `${c.name}地块`,
      areaMu,
      landUse: '工业用地',
      owner: c.operator,
      enterpriseId: null,
      carrierId: carriers.get(c.code)!.id,
      inefficient: false,
      revitalizedYear: null,
      ...demoDossier(100 + k, areaMu, '工业用地'),
      geometry,
      isDemo: true,
    });
  });
  // Inefficient land already taken back and revitalized (盘活): the plan's 2,000 亩 target counts these.
  for (let k = 0; k < 6; k++) {
    const { geometry, areaMu } = block(k, 4);
    parcels.push({
      code: `QD-DX-${String(k + 1).padStart(2, '0')}`,
      name: `原低效用地 ${k + 1}# 片区`,
      areaMu,
      landUse: k % 3 === 0 ? '仓储用地' : '工业用地',
      owner: '启东高新区管委会',
      enterpriseId: null,
      carrierId: null,
      inefficient: true,
      revitalizedYear: k < 4 ? 2023 + (k % 2) : null,
      ...demoDossier(200 + k, areaMu, k % 3 === 0 ? '仓储用地' : '工业用地', false),
      geometry,
      isDemo: true,
    });
  }
  await insertMissing(em, LandParcelEntity, parcels);
}

async function seedTenancies(
  em: EntityManager,
  seed: readonly DemoEnterprise[],
  enterprises: Map<string, EnterpriseEntity>,
  carriers: Map<string, CarrierEntity>,
): Promise<void> {
  const repo = em.getRepository(CarrierTenancyEntity);
  if ((await repo.count()) > 0) return;
  const rand = prng(77);
  for (const [i, e] of seed.entries()) {
    if (!e.carrier) continue;
    const carrier = carriers.get(e.carrier)!;
    const restricted = e.industry.code.startsWith('17') || e.industry.code.startsWith('26');
    await repo.insert({
      carrierId: carrier.id,
      enterpriseId: enterprises.get(e.creditCode)!.id,
      areaM2: Math.round(carrier.floorAreaM2 * (0.06 + rand() * 0.12)),
      startDate: `${2020 + (i % 5)}-0${1 + (i % 9)}-01`,
      endDate: null,
      admission: restricted ? 'restricted' : e.industry.core ? 'encouraged' : 'unlisted',
      overrideNote: restricted
        ? '经园区准入评审会同意：配套园区主导产业链，工艺无高耗水环节（演示数据）'
        : null,
      createdBy: 'demo-seed',
    });
  }
}

async function seedEvents(
  em: EntityManager,
  seed: readonly DemoEnterprise[],
  enterprises: Map<string, EnterpriseEntity>,
): Promise<void> {
  const repo = em.getRepository(RecordEventEntity);
  if ((await repo.count()) > 0) return;
  const rows: Partial<RecordEventEntity>[] = [];
  for (const [i, e] of seed.entries()) {
    const id = enterprises.get(e.creditCode)!.id;
    const event = (type: RecordEventEntity['type'], occurredOn: string, summary: string) =>
      rows.push({
        subjectType: 'enterprise',
        subjectId: id,
        enterpriseId: id,
        type,
        occurredOn,
        summary,
        details: {},
        createdBy: 'demo-seed',
      });
    event(
      'industry-agreement',
      `${2019 + (i % 4)}-05-18`,
      `与高新区签订产业投资协议，约定达产后年销售 ${Math.round(e.revenue2024 / 1000) * 1000} 万元`,
    );
    if (i % 4 === 1)
      event('equity-change', `${2022 + (i % 3)}-09-12`, '股权变更：引入上海产业投资基金，持股 20%');
    if (e.carrier) event('lease', `${2020 + (i % 5)}-0${1 + (i % 9)}-01`, `租赁 ${e.carrier} 标准厂房`);
  }
  await repo.save(rows.map((r) => repo.create(r)));
}

async function seedDevices(
  em: EntityManager,
  seed: readonly DemoEnterprise[],
  enterprises: Map<string, EnterpriseEntity>,
): Promise<void> {
  const demoIds = { 'demo-chem': code(DEMO_ENTERPRISE_CODE_BODY), 'demo-mech': code(DEMO_MECH_CODE_BODY) };
  const devices: Partial<DeviceEntity>[] = DEMO_FLEET.map((d) => ({
    id: d.id,
    enterpriseId: enterprises.get(demoIds[d.enterprise])!.id,
    name: d.name,
    kind: d.kind,
    role: d.role ?? null,
    line: d.line ?? null,
    location: d.location,
    expectedIntervalS: d.expectedIntervalS,
    permitLimits: d.permit ?? null,
    permitO2Reference: d.permitO2Reference ?? null,
    normalKw: d.normalKw ?? null,
    processLimits: d.processLimits ?? null,
    isDemo: true,
  }));
  // Every other enterprise: a production meter and a general meter; chemical and pharmaceutical plants also a
  // combustible-gas detector and a wastewater outlet monitor.
  for (const [i, e] of seed.entries()) {
    if (i < 2) continue;
    const n = String(i).padStart(3, '0');
    const enterpriseId = enterprises.get(e.creditCode)!.id;
    const base = { enterpriseId, location: null, isDemo: true, permitLimits: null };
    devices.push(
      {
        ...base,
        id: `qd-${n}-meter-p1`,
        name: '生产线总表',
        kind: 'power-meter',
        role: 'production',
        line: 'line-1',
        expectedIntervalS: 60,
        normalKw: 200 + ((i * 37) % 8) * 50,
      },
      {
        ...base,
        id: `qd-${n}-meter-g1`,
        name: '办公及公用总表',
        kind: 'power-meter',
        role: 'general',
        line: null,
        expectedIntervalS: 60,
      },
    );
    if (e.industry.chem)
      devices.push(
        {
          ...base,
          id: `qd-${n}-gas-01`,
          name: '车间可燃气体探测器',
          kind: 'combustible-gas',
          role: null,
          line: 'line-1',
          expectedIntervalS: 10,
        },
        {
          ...base,
          id: `qd-${n}-ww-01`,
          name: '废水总排口在线监测',
          kind: 'wastewater',
          role: null,
          line: 'line-1',
          expectedIntervalS: 60,
          permitLimits: { cod: 500, nh3n: 45, tp: 8 },
        },
      );
  }
  await insertMissing(em, DeviceEntity, devices);
}

/**
 * Gives every demo device that has no credential yet `secret` as its MQTT password. A credential an admin issued
 * (rotated in the console, say) is never put back to the demo secret.
 */
async function setDemoCredentials(dataSource: DataSource, secret: string): Promise<void> {
  const repo = dataSource.getRepository(DeviceEntity);
  for (const device of await repo.find({ where: { isDemo: true, credentialHash: IsNull() } })) {
    await repo.update(
      { id: device.id },
      { credentialHash: await hashDeviceSecret(secret), credentialIssuedAt: new Date() },
    );
  }
}
