import type { EntityManager } from 'typeorm';
import type { EnterpriseEntity } from './entities/enterprise.entity';
import { QualificationEntity } from './entities/qualification.entity';

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The demo park's certificates (资质认定), marked demo: a 高新技术企业 certificate of the demo chemical plant that
 * expires 45 days after the park is first seeded (so the reminder list has one), a provincial 专精特新 certificate,
 * a national 小巨人 certificate that has expired, a 科技型中小企业 entry and a 新三板 listing. Seeded once, while the
 * table is empty: a certificate an admin edited or deleted stays as they left it.
 *
 * @param enterprises the demo enterprises in seed order (the demo chemical plant first, the machinery plant second)
 */
export async function seedDemoQualifications(
  em: EntityManager,
  enterprises: readonly EnterpriseEntity[],
  seededAtMs: number,
): Promise<void> {
  const repo = em.getRepository(QualificationEntity);
  if ((await repo.count({ withDeleted: true })) > 0) return;
  const soon = seededAtMs + 45 * DAY_MS;
  const threeYearsBefore = (ms: number) => day(ms - 3 * 365 * DAY_MS);
  const rows: Partial<QualificationEntity>[] = [
    {
      enterpriseId: enterprises[0].id,
      type: 'high-tech-enterprise',
      level: 'national',
      certificateNo: 'GR202332000871',
      issuedOn: threeYearsBefore(soon),
      expiresOn: day(soon),
      note: '江苏省科学技术厅、江苏省财政厅、国家税务总局江苏省税务局联合认定（演示数据）',
    },
    {
      enterpriseId: enterprises[1].id,
      type: 'specialized-sme',
      level: 'provincial',
      certificateNo: 'JSZJTX2024-0518',
      issuedOn: '2024-12-20',
      expiresOn: '2027-12-19',
      note: '江苏省工业和信息化厅公布（演示数据）',
    },
    {
      enterpriseId: enterprises[5].id,
      type: 'little-giant',
      level: 'national',
      certificateNo: 'GJXJR2023-3206',
      issuedOn: '2023-07-28',
      expiresOn: '2026-07-27',
      note: '第五批专精特新“小巨人”企业；复核未申报（演示数据）',
    },
    {
      enterpriseId: enterprises[7].id,
      type: 'tech-sme',
      level: 'national',
      certificateNo: '20263206810A0123',
      issuedOn: '2026-04-15',
      expiresOn: '2027-04-14',
      note: '全国科技型中小企业信息服务平台入库登记编号（演示数据）',
    },
    {
      enterpriseId: enterprises[3].id,
      type: 'quoted',
      level: null,
      certificateNo: '873456',
      issuedOn: '2022-11-08',
      expiresOn: null,
      note: '全国中小企业股份转让系统（新三板）基础层挂牌（演示数据）',
    },
  ];
  await repo.save(rows.map((r) => repo.create({ ...r, isDemo: true })));
}
