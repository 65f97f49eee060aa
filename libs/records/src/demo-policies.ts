import type { PolicyCondition } from '@park/contracts';
import type { EntityManager } from 'typeorm';
import { PolicyEntity } from './entities/policy.entity';

interface DemoPolicy {
  readonly name: string;
  readonly issuer: string;
  /** Always says 示例: these are no real documents. */
  readonly documentNo: string;
  readonly summary: string;
  readonly benefit: string;
  readonly criteria: readonly PolicyCondition[];
  readonly nearMarginPercent?: number;
}

/** Who wrote the demo policies, as their created-by/updated-by say. */
export const DEMO_POLICY_AUTHOR = 'demo-seed';

/**
 * The demo park's policy library (惠企政策), marked demo: the kinds of support a high-tech zone offers — 高企培育,
 * 专精特新, 研发投入, 亩均 A 类, 小升规, 智能化改造, 人才, 上市后备 — with criteria over the demo records such that
 * most have enterprises that qualify and enterprises that nearly do. The issuers are the committee's bureaus in
 * general terms and every 文号 says 示例: none of these is a real document. Figures in 万元.
 */
export const DEMO_POLICIES: readonly DemoPolicy[] = [
  {
    name: '高新技术企业培育入库奖励',
    issuer: '高新区管委会科技创新局',
    documentNo: '示例〔2026〕1号',
    summary:
      '对纳入高新技术企业培育库、研发投入强度和知识产权达到申报要求的企业，给予培育奖励，并辅导其申报高新技术企业认定。',
    benefit: '一次性奖励 10 万元；认定通过后再奖励 30 万元',
    criteria: [
      { field: 'library', codes: ['high-tech'] },
      { field: 'rd-intensity', comparator: 'gte', value: 5 },
      { field: 'invention-patents', comparator: 'gte', value: 7 },
    ],
  },
  {
    name: '专精特新企业梯度培育奖励',
    issuer: '高新区管委会经济发展局',
    documentNo: '示例〔2026〕2号',
    summary:
      '对有效期内的省级专精特新中小企业、国家级专精特新“小巨人”企业，按营业收入和研发投入给予梯度奖励。',
    benefit: '省级专精特新奖励 20 万元，“小巨人”奖励 50 万元',
    criteria: [
      { field: 'qualification', codes: ['specialized-sme', 'little-giant'] },
      { field: 'revenue', comparator: 'gte', value: 10_000 },
      { field: 'rd-intensity', comparator: 'gte', value: 3 },
    ],
  },
  {
    name: '研发费用加计扣除政策辅导',
    issuer: '高新区管委会经济发展局',
    documentNo: '示例〔2026〕3号',
    summary: '对研发投入强度较高的规上企业，组织税务专员上门辅导研发费用归集与加计扣除申报。',
    benefit: '上门辅导研发费用加计扣除申报；当年新增研发投入按 10% 给予补助，最高 50 万元',
    criteria: [
      { field: 'revenue', comparator: 'gte', value: 5_000 },
      { field: 'rd-intensity', comparator: 'gte', value: 4 },
    ],
  },
  {
    name: '亩均效益 A 类企业要素保障',
    issuer: '高新区管委会经济发展局',
    documentNo: '示例〔2026〕4号',
    summary: '亩均效益综合评价为 A 类且税收贡献突出的企业，优先保障用电、用地和用能指标。',
    benefit: '优先保障用能、用地指标；电价按政策上限给予优惠',
    criteria: [
      { field: 'grade', grade: 'A' },
      { field: 'tax', comparator: 'gte', value: 2_000 },
    ],
  },
  {
    name: '小微工业企业“小升规”奖励',
    issuer: '高新区管委会经济发展局',
    documentNo: '示例〔2026〕5号',
    summary:
      '营业收入首次达到 2,000 万元规上标准的小微制造业企业，给予升规奖励；营业收入达到标准一半以上的列入重点辅导。',
    benefit: '首次升规奖励 10 万元，次年继续在库再奖励 5 万元',
    criteria: [
      { field: 'manufacturer' },
      { field: 'revenue', comparator: 'gte', value: 2_000 },
      { field: 'employees', comparator: 'lte', value: 40 },
    ],
    nearMarginPercent: 50,
  },
  {
    name: '智能化改造和数字化转型补贴',
    issuer: '高新区管委会经济发展局',
    documentNo: '示例〔2026〕6号',
    summary: '对装备制造、电子信息领域产值较大的制造业企业实施智能化改造、数字化车间建设给予设备投资补贴。',
    benefit: '按设备投资额的 10% 给予补贴，单个项目最高 200 万元',
    criteria: [
      { field: 'manufacturer' },
      { field: 'industry', codes: ['34', '35', '39'] },
      { field: 'output', comparator: 'gte', value: 30_000 },
    ],
  },
  {
    name: '高层次人才引进补贴',
    issuer: '高新区管委会人才工作办公室',
    documentNo: '示例〔2026〕7号',
    summary: '一主两优主导产业中用工规模较大、研发投入达标的企业，引进高层次人才给予安家和薪酬补贴。',
    benefit: '每引进一名博士给予安家补贴 30 万元，硕士 10 万元',
    criteria: [
      { field: 'core-industry' },
      { field: 'employees', comparator: 'gte', value: 300 },
      { field: 'rd-intensity', comparator: 'gte', value: 3 },
    ],
  },
  {
    name: '上市后备企业培育奖励',
    issuer: '高新区管委会经济发展局',
    documentNo: '示例〔2026〕8号',
    summary: '列入上市企业培育库、营业收入和税收达到一定规模的企业，给予上市辅导费用补贴。',
    benefit: '完成股改奖励 50 万元，辅导备案再奖励 100 万元',
    criteria: [
      { field: 'library', codes: ['listed'] },
      { field: 'revenue', comparator: 'gte', value: 30_000 },
      { field: 'tax', comparator: 'gte', value: 1_500 },
    ],
  },
];

/**
 * Seeds the demo policy library once, while the table is empty (deleted ones count): a policy an admin edited or
 * deleted stays as they left it. Open from the first day of the seeding year to the end of the next.
 */
export async function seedDemoPolicies(em: EntityManager, seededAtMs: number): Promise<void> {
  const repo = em.getRepository(PolicyEntity);
  if ((await repo.count({ withDeleted: true })) > 0) return;
  const year = new Date(seededAtMs + 8 * 3_600_000).getUTCFullYear();
  await repo.save(
    DEMO_POLICIES.map((p) =>
      repo.create({
        name: p.name,
        issuer: p.issuer,
        documentNo: p.documentNo,
        summary: p.summary,
        benefit: p.benefit,
        validFrom: `${year}-01-01`,
        validTo: `${year + 1}-12-31`,
        url: null,
        criteria: p.criteria.map((c) => ({ ...c })),
        nearMarginPercent: p.nearMarginPercent ?? 20,
        demo: true,
        createdBy: DEMO_POLICY_AUTHOR,
        updatedBy: DEMO_POLICY_AUTHOR,
      }),
    ),
  );
}
