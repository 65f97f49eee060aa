import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { enterpriseScope } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  checkCriteria,
  countsOn,
  CULTIVATION_LIBRARIES,
  DEFAULT_NEAR_MARGIN_PERCENT,
  matchEnterprise,
  parkDate,
  type EnterpriseFacts,
  type EnterpriseMatch,
  type EnterprisePoliciesView,
  type Grade,
  type PolicyCondition,
  type PolicyFigures,
  type PolicyListItem,
  type PolicyMatchesView,
  type PolicyMatchView,
  type PolicyView,
} from '@park/contracts';
import {
  EnterpriseRecords,
  PolicyNoticeRepository,
  PolicyRecords,
  QualificationRecords,
  RecordsError,
  type PolicyEntity,
  type PolicyNoticeEntity,
} from '@park/records';
import { AnalyticsService } from '../analytics/analytics.service';
import { libraryMembership } from '../analytics/cultivation';
import { assertInScope } from '../records-common/actor';
import type { CreatePolicyDto, UpdatePolicyDto } from './policy.dto';

/** What matching reads, gathered once per request: every live enterprise's facts and the latest year. */
export interface MatchingBasis {
  readonly today: string;
  readonly latestYear: number | null;
  readonly facts: readonly EnterpriseFacts[];
}

/**
 * 惠企政策 on behalf of a principal: the library (writes by admin and the staff whose department edits `policies`),
 * each policy's matching list computed from the records on each request — the enterprises, their indicators (as
 * EnterpriseRecords gives them), their certificates valid today, cultivation libraries and 亩均 grades
 * (AnalyticsService) — and an enterprise's own policies, which its energy manager may read.
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly policies: PolicyRecords,
    private readonly notices: PolicyNoticeRepository,
    private readonly enterprises: EnterpriseRecords,
    private readonly qualifications: QualificationRecords,
    private readonly analytics: AnalyticsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(principal: Principal, q?: string): Promise<PolicyListItem[]> {
    const needle = q?.trim().toLowerCase() ?? '';
    const policies = (await this.policies.list()).filter(
      (p) =>
        !needle ||
        [p.name, p.issuer, p.documentNo ?? '', p.summary ?? ''].some((t) => t.toLowerCase().includes(needle)),
    );
    const today = this.today();
    // Park-wide counts are the committee's; an energy manager reads the policies, not who else qualifies.
    if (enterpriseScope(principal) !== null)
      return policies.map((p) => ({ ...policyView(p, today), qualifiedCount: null, nearlyCount: null }));
    const basis = await this.basis(policies.map((p) => p.criteria));
    return policies.map((p) => {
      const matches = this.matchAll(p, basis);
      return {
        ...policyView(p, today),
        qualifiedCount: matches.filter((m) => m.verdict === 'qualified').length,
        nearlyCount: matches.filter((m) => m.verdict === 'nearly').length,
      };
    });
  }

  async get(id: string): Promise<PolicyView> {
    return policyView(await this.policies.get(id), this.today());
  }

  async create(principal: Principal, dto: CreatePolicyDto): Promise<PolicyView> {
    const values = checked({
      name: dto.name,
      issuer: dto.issuer,
      documentNo: dto.documentNo ?? null,
      summary: dto.summary ?? null,
      benefit: dto.benefit ?? null,
      validFrom: dto.validFrom ?? null,
      validTo: dto.validTo ?? null,
      url: dto.url ?? null,
      criteria: dto.criteria,
      nearMarginPercent: dto.nearMarginPercent ?? DEFAULT_NEAR_MARGIN_PERCENT,
    });
    const saved = await this.policies.store.create(principal, {
      ...values,
      demo: false,
      createdBy: principal.username,
      updatedBy: principal.username,
    });
    return policyView(saved, this.today());
  }

  async update(principal: Principal, id: string, dto: UpdatePolicyDto): Promise<PolicyView> {
    const current = await this.policies.get(id);
    const patch = Object.fromEntries(
      Object.entries(dto).filter(([, v]) => v !== undefined),
    ) as Partial<PolicyEntity>;
    const merged = checked({ ...editable(current), ...patch });
    const saved = await this.policies.store.update(principal, id, {
      ...merged,
      updatedBy: principal.username,
    });
    return policyView(saved, this.today());
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.policies.store.softDelete(principal, id);
  }

  /** Who qualifies (with why) and who nearly does (with what they lack), and whom the notice reached. */
  async matches(id: string): Promise<PolicyMatchesView> {
    const policy = await this.policies.get(id);
    const [basis, notices, channels] = await Promise.all([
      this.basis([policy.criteria]),
      this.notices.notices([id]),
      this.notices.channels(),
    ]);
    const matches = this.matchAll(policy, basis);
    const view = (m: EnterpriseMatch): PolicyMatchView => {
      const notice = notices.find((n) => n.enterpriseId === m.enterpriseId);
      return {
        ...m,
        notifiedAt: notice ? notice.notifiedAt.getTime() : null,
        notifiedBy: notice?.notifiedBy ?? null,
      };
    };
    const qualified = matches.filter((m) => m.verdict === 'qualified').map(view);
    const nearly = matches.filter((m) => m.verdict === 'nearly').map(view);
    return {
      policyId: id,
      latestYear: basis.latestYear,
      asOf: basis.today,
      qualified,
      nearly,
      counts: { assessed: matches.length, qualified: qualified.length, nearly: nearly.length },
      noticeChannels: channels.length,
    };
  }

  /** The policies (not closed) one enterprise qualifies or nearly qualifies for; its energy manager's own only. */
  async ofEnterprise(principal: Principal, enterpriseId: string): Promise<EnterprisePoliciesView> {
    assertInScope(principal, 'enterprise', enterpriseId, enterpriseId);
    await this.enterprises.requireLive(enterpriseId);
    const today = this.today();
    const policies = (await this.policies.list()).filter((p) => policyView(p, today).state !== 'closed');
    const basis = await this.basis(policies.map((p) => p.criteria));
    const own = basis.facts.find((f) => f.id === enterpriseId);
    const rows: EnterprisePoliciesView['policies'][number][] = [];
    for (const policy of policies) {
      if (!own) break;
      const m = matchEnterprise(policy.criteria, own, {
        latestYear: basis.latestYear,
        nearMarginPercent: policy.nearMarginPercent,
      });
      if (m.verdict !== 'not')
        rows.push({ policy: policyView(policy, today), verdict: m.verdict, outcomes: m.outcomes });
    }
    rows.sort((a, b) => Number(a.verdict === 'nearly') - Number(b.verdict === 'nearly'));
    return { enterpriseId, latestYear: basis.latestYear, policies: rows };
  }

  /** The policy matched against every live enterprise, by name. */
  matchAll(policy: PolicyEntity, basis: MatchingBasis): EnterpriseMatch[] {
    const options = { latestYear: basis.latestYear, nearMarginPercent: policy.nearMarginPercent };
    return basis.facts.map((f) => matchEnterprise(policy.criteria, f, options));
  }

  /** The notices already sent for a policy. */
  noticesOf(policyId: string): Promise<PolicyNoticeEntity[]> {
    return this.notices.notices([policyId]);
  }

  /**
   * Every live enterprise's facts today. Grades are evaluated only for the years the criteria read (their own
   * year, or the latest with indicators): an evaluation reads the whole park.
   */
  async basis(criteria: readonly (readonly PolicyCondition[])[]): Promise<MatchingBasis> {
    const today = this.today();
    const [enterprises, indicators, certificates] = await Promise.all([
      this.enterprises.all(),
      this.enterprises.allIndicators(),
      this.qualifications.all(),
    ]);
    const latestYear = indicators.reduce<number | null>(
      (y, i) => (y === null || i.year > y ? i.year : y),
      null,
    );
    const gradeYears = new Set<number>();
    for (const c of criteria.flat())
      if (c.field === 'grade') {
        const year = c.year ?? latestYear;
        if (year !== null) gradeYears.add(year);
      }
    const grades = new Map<string, Record<number, Grade | null>>();
    for (const year of gradeYears)
      for (const row of await this.analytics.evaluateEnterprises(year)) {
        const own = grades.get(row.id) ?? {};
        own[year] = row.grade;
        grades.set(row.id, own);
      }
    const facts = enterprises.map((e): EnterpriseFacts => {
      const own = certificates.filter((c) => c.enterpriseId === e.id);
      const figures: Record<number, PolicyFigures> = {};
      for (const i of indicators)
        if (i.enterpriseId === e.id)
          figures[i.year] = {
            revenue: i.revenue,
            rdExpense: i.rdExpense,
            employees: i.employees,
            tax: i.tax,
            output: i.output,
            inventionPatents: i.inventionPatents,
          };
      return {
        id: e.id,
        name: e.name,
        industryCode: e.industryCode,
        coreIndustry: e.coreIndustry,
        manufacturer: e.manufacturer,
        qualifications: [...new Set(own.filter((c) => countsOn(c, today)).map((c) => c.type))],
        libraries: CULTIVATION_LIBRARIES.filter((l) => libraryMembership(l, e, own, today) !== null),
        grades: grades.get(e.id) ?? {},
        figures,
      };
    });
    return { today, latestYear, facts };
  }

  today(): string {
    return parkDate(this.clock.now());
  }
}

type Editable = Pick<
  PolicyEntity,
  | 'name'
  | 'issuer'
  | 'documentNo'
  | 'summary'
  | 'benefit'
  | 'validFrom'
  | 'validTo'
  | 'url'
  | 'criteria'
  | 'nearMarginPercent'
>;

function editable(p: PolicyEntity): Editable {
  const { name, issuer, documentNo, summary, benefit, validFrom, validTo, url, criteria, nearMarginPercent } =
    p;
  return { name, issuer, documentNo, summary, benefit, validFrom, validTo, url, criteria, nearMarginPercent };
}

/** The policy as it will be stored: criteria checked and normalised, an open period that ends after it starts. */
function checked(values: Editable): Editable {
  const criteria = checkCriteria(values.criteria);
  if (!criteria.ok) throw new RecordsError('INVALID_RECORD', criteria.problem, { field: 'criteria' });
  if (values.validFrom && values.validTo && values.validTo < values.validFrom)
    throw new RecordsError('INVALID_RECORD', 'validTo must not be before validFrom', { field: 'validTo' });
  const blank = (s: string | null) => (s === null || s.trim() === '' ? null : s.trim());
  return {
    ...values,
    name: values.name.trim(),
    issuer: values.issuer.trim(),
    documentNo: blank(values.documentNo),
    summary: blank(values.summary),
    benefit: blank(values.benefit),
    url: blank(values.url),
    criteria: criteria.value,
  };
}

export function policyView(p: PolicyEntity, today: string): PolicyView {
  return {
    id: p.id,
    name: p.name,
    issuer: p.issuer,
    documentNo: p.documentNo,
    summary: p.summary,
    benefit: p.benefit,
    validFrom: p.validFrom,
    validTo: p.validTo,
    url: p.url,
    criteria: p.criteria,
    nearMarginPercent: p.nearMarginPercent,
    state:
      p.validFrom !== null && today < p.validFrom
        ? 'upcoming'
        : p.validTo !== null && today > p.validTo
          ? 'closed'
          : 'open',
    demo: p.demo,
    createdBy: p.createdBy,
    createdAt: p.createdAt.getTime(),
    updatedBy: p.updatedBy,
    updatedAt: p.updatedAt.getTime(),
  };
}
