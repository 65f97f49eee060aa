import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@park/clock';
import type { Principal } from '@park/auth';
import {
  CarrierRecords,
  EnterpriseRecords,
  LandRecords,
  PlanRecords,
  PLAN_INDICATORS,
  QualificationRecords,
  RecordsError,
  type CarrierTenancyEntity,
  type CultivationLibrary,
  type PlanIndicator,
  type PlanTargetEntity,
} from '@park/records';
import { parkDate } from '@park/contracts';
import type {
  CarrierPerformance,
  CultivationEntry,
  EvaluationBenchmarks,
  EvaluationHistory,
  EvaluationRow,
  EvaluationScheme,
  GradeMovers,
  PlanProgressYear,
  PlanTargetView,
  PlanYearToDate,
} from '@park/contracts';
import { withOccupancy } from '../carriers/carriers.service';
import { assertInScope } from '../records-common/actor';
import { planTargetView } from '../records-common/record-views';
import {
  benchmarksOf,
  DEFAULT_SCHEME,
  evaluate,
  evaluateAgainst,
  gradeFloors,
  schemeProblem,
  type EvaluationSubject,
} from './mu-evaluation';
import { gradeMovers } from './mu-movers';
import { cultivationEntry, LIBRARY_MEASURES, libraryMembership } from './cultivation';
import { planValues, progressAgainst, sumReported, yearToDateValues } from './plan-progress';
import { IndicatorsService } from '../indicators/indicators.service';
import type { EffectiveIndicatorRow } from '../indicators/effective-indicators';

const SCHEME_KEY = 'mu-evaluation-scheme';
/** The plan runs 2023–2025; land revitalized from its first year counts towards the 2,000 亩. */
const PLAN_START_YEAR = 2023;

/** The plan's analytics, computed from the records on each request (the park is small: tens to hundreds). */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly enterprises: EnterpriseRecords,
    private readonly land: LandRecords,
    private readonly carriers: CarrierRecords,
    private readonly plan: PlanRecords,
    private readonly qualifications: QualificationRecords,
    private readonly indicators: IndicatorsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async scheme(): Promise<EvaluationScheme> {
    const stored = await this.plan.setting(SCHEME_KEY);
    return stored !== undefined && schemeProblem(stored) === null
      ? (stored as EvaluationScheme)
      : DEFAULT_SCHEME;
  }

  async putScheme(principal: Principal, scheme: unknown): Promise<EvaluationScheme> {
    const problem = schemeProblem(scheme);
    if (problem) throw new RecordsError('INVALID_RECORD', `scheme: ${problem}`, { field: 'scheme' });
    await this.plan.putSetting(principal, SCHEME_KEY, scheme);
    return scheme as EvaluationScheme;
  }

  /** 亩均效益 of every enterprise in a year, graded; benchmarks from the year before when it has data. */
  async evaluateEnterprises(year: number): Promise<EvaluationRow[]> {
    const [scheme, reference] = await Promise.all([this.scheme(), this.enterpriseReference(year)]);
    return evaluate(reference.reported, scheme, reference.benchmarkFrom);
  }

  /** What the year's enterprises and carriers are scored against: benchmarks, weights, each grade's lowest score. */
  async benchmarks(year: number): Promise<EvaluationBenchmarks> {
    const [scheme, reference] = await Promise.all([this.scheme(), this.enterpriseReference(year)]);
    return {
      year,
      basisYear: reference.basisYear,
      benchmarkFactor: scheme.benchmarkFactor,
      benchmarks: benchmarksOf(reference.benchmarkFrom, scheme.benchmarkFactor),
      weights: scheme.weights,
      gradeFloors: gradeFloors(evaluate(reference.reported, scheme, reference.benchmarkFrom)),
    };
  }

  /** Who changed grade from the year before to `year`, and which indicator moved them (mu-movers.ts). */
  async movers(year: number): Promise<GradeMovers> {
    const [previous, current] = await Promise.all([
      this.evaluateEnterprises(year - 1),
      this.evaluateEnterprises(year),
    ]);
    return {
      year,
      previousYear: year - 1,
      graded: countGraded(current),
      previousGraded: countGraded(previous),
      moves: gradeMovers(previous, current),
    };
  }

  /**
   * One enterprise's evaluation in every year that has indicator rows (anyone's), oldest first; an energy manager
   * reads only their own enterprise's.
   */
  async history(principal: Principal, enterpriseId: string): Promise<EvaluationHistory> {
    assertInScope(principal, 'enterprise', enterpriseId, enterpriseId);
    const [enterprise, indicators] = await Promise.all([
      this.enterprises.requireLive(enterpriseId),
      this.indicators.effective(undefined, { energy: false }),
    ]);
    const years = [...new Set(indicators.map((i) => i.year))].sort((a, b) => a - b);
    const evaluations = await Promise.all(years.map((year) => this.evaluateEnterprises(year)));
    return {
      enterpriseId,
      name: enterprise.name,
      years: years.map((year, i) => {
        const own = (rows: EvaluationRow[] | undefined) => rows?.filter((r) => r.id === enterpriseId) ?? [];
        const [move] =
          years[i - 1] === year - 1 ? gradeMovers(own(evaluations[i - 1]), own(evaluations[i])) : [];
        return {
          year,
          graded: countGraded(evaluations[i]),
          evaluation: own(evaluations[i])[0] ?? null,
          move: move ?? null,
        };
      }),
    };
  }

  /**
   * The year's reporting enterprises and the subjects their benchmarks come from: the previous year's evaluated
   * enterprises when there are at least three, else the year's own.
   */
  private async enterpriseReference(
    year: number,
  ): Promise<{ reported: EvaluationSubject[]; benchmarkFrom: EvaluationSubject[]; basisYear: number }> {
    const [subjects, previous] = await Promise.all([
      this.enterpriseSubjects(year),
      this.enterpriseSubjects(year - 1),
    ]);
    const reported = subjects.filter((s) => s.tax !== null || s.sales !== null);
    const prior = previous.filter((s) => s.tax !== null && s.sales !== null && s.landMu > 0);
    return prior.length >= 3
      ? { reported, benchmarkFrom: prior, basisYear: year - 1 }
      : { reported, benchmarkFrom: reported, basisYear: year };
  }

  /**
   * Carriers: occupancy, tenants, and 亩均 of the carrier as a whole (its tenants' sums over its land), scored
   * against the enterprises' benchmarks and graded by the enterprises' grade boundaries (docs/analytics.md): a
   * handful of carriers ranked among themselves could never reach A and the last would always be D.
   */
  async carrierPerformance(year: number): Promise<CarrierPerformance[]> {
    const [scheme, reference, carriers, tenancies, parcels, enterprises, indicators] = await Promise.all([
      this.scheme(),
      this.enterpriseReference(year),
      this.carriers.all(),
      this.carriers.tenancies(undefined, true),
      this.land.all(),
      this.enterprises.all(),
      this.indicators.effective([year]),
    ]);
    const yearEnd = `${year}-12-31`;
    const live = tenancies.filter((t) => activeAt(t, yearEnd));
    const byEnterprise = new Map(indicators.map((i) => [i.enterpriseId, i]));
    const names = new Map(enterprises.map((e) => [e.id, e.name]));
    const subjects: EvaluationSubject[] = carriers.map((c) => {
      const own = live.filter((t) => t.carrierId === c.id);
      const rows = own.map((t) => byEnterprise.get(t.enterpriseId)).filter((i) => i !== undefined);
      // A figure none of its tenants reported stays null (not reported), never 0.
      const total = (f: (i: EffectiveIndicatorRow) => number | null) => sumReported(rows.map(f));
      return {
        id: c.id,
        name: c.name,
        landMu: parcels.filter((p) => p.carrierId === c.id).reduce((a, p) => a + p.areaMu, 0),
        tax: total((i) => i.tax),
        sales: total((i) => i.taxableSales),
        output: total((i) => i.output),
        rdExpense: total((i) => i.rdExpense),
        revenue: total((i) => i.revenue),
        energyTce: total((i) => i.energyTce),
      };
    });
    const graded = evaluateAgainst(
      subjects,
      scheme,
      reference.benchmarkFrom,
      evaluate(reference.reported, scheme, reference.benchmarkFrom),
    );
    return carriers.map((c) => {
      const own = live.filter((t) => t.carrierId === c.id);
      return {
        ...withOccupancy(
          c,
          own.map((t) => ({ ...t, endDate: null })),
        ),
        landMu: subjects.find((s) => s.id === c.id)!.landMu,
        tenants: own.map((t) => ({
          enterpriseId: t.enterpriseId,
          name: names.get(t.enterpriseId) ?? '',
          areaM2: t.areaM2,
          admission: t.admission,
        })),
        evaluation: graded.find((g) => g.id === c.id) ?? null,
      };
    });
  }

  async targets(): Promise<PlanTargetView[]> {
    return (await this.plan.targets()).map(planTargetView);
  }

  async putTarget(
    principal: Principal,
    indicator: PlanIndicator,
    year: number,
    target: number,
    comparator: 'gt' | 'gte',
  ): Promise<PlanTargetView> {
    if (!(PLAN_INDICATORS as readonly string[]).includes(indicator))
      throw new RecordsError('INVALID_RECORD', `indicator must be one of: ${PLAN_INDICATORS.join(', ')}`, {
        field: 'indicator',
      });
    if (year < 2000 || year > 2100)
      throw new RecordsError('INVALID_RECORD', 'year must be between 2000 and 2100', { field: 'year' });
    return planTargetView(await this.plan.putTarget(principal, { indicator, year, target, comparator }));
  }

  /** Each plan indicator per year from..to, with that year's target (or the latest earlier one). */
  async progress(from: number, to: number): Promise<PlanProgressYear[]> {
    if (to < from || to - from > 20)
      throw new RecordsError('INVALID_RECORD', 'to must be ≥ from and at most 20 years after it', {
        field: 'to',
      });
    const [enterprises, indicators, carriers, tenancies, parcels, targets] = await Promise.all([
      this.enterprises.all(),
      this.indicators.effective(undefined, { energy: false }),
      this.carriers.all(),
      this.carriers.tenancies(undefined, true),
      this.land.all(),
      this.plan.targets(),
    ]);
    const floor = carriers.reduce((a, c) => a + c.floorAreaM2, 0);
    const carrierIds = new Set(carriers.map((c) => c.id));
    const out: PlanProgressYear[] = [];
    for (let year = from; year <= to; year++) {
      const ofYear = new Map(indicators.filter((i) => i.year === year).map((i) => [i.enterpriseId, i]));
      const yearEnd = `${year}-12-31`;
      const values = planValues({
        year,
        enterprises: enterprises.map((e) => {
          const i = ofYear.get(e.id);
          return {
            manufacturer: e.manufacturer,
            coreIndustry: e.coreIndustry,
            incubating: e.incubating,
            revenue: i?.revenue ?? null,
            taxableSales: i?.taxableSales ?? null,
            output: i?.output ?? null,
            highTechOutput: i?.highTechOutput ?? null,
            inventionPatents: i?.inventionPatents ?? null,
          };
        }),
        cumulativeHighTechInvestment: sumReported(
          indicators
            .filter((i) => i.year <= year && i.year >= PLAN_START_YEAR)
            .map((i) => i.highTechInvestment),
        ),
        carrierFloorM2: floor,
        carrierLeasedM2: tenancies
          .filter((t) => carrierIds.has(t.carrierId) && activeAt(t, yearEnd))
          .reduce((a, t) => a + t.areaM2, 0),
        revitalizedMu: parcels
          .filter(
            (p) =>
              p.revitalizedYear !== null && p.revitalizedYear >= PLAN_START_YEAR && p.revitalizedYear <= year,
          )
          .reduce((a, p) => a + p.areaMu, 0),
      });
      const applicable = latestTargets(targets, year);
      out.push({ year, indicators: progressAgainst(values, applicable) });
    }
    return out;
  }

  /**
   * The current year so far against the annual targets, for the plan indicators monthly or quarterly source
   * figures can give (plan-progress.ts yearToDateValues): "截至X月", with the share of the year the figures cover.
   */
  async yearToDate(year: number): Promise<PlanYearToDate> {
    const [enterprises, figures, targets] = await Promise.all([
      this.enterprises.all(),
      this.indicators.yearToDate(year),
      this.plan.targets(),
    ]);
    const { throughMonth, behind, values } = yearToDateValues(
      enterprises.map((e) => ({
        manufacturer: e.manufacturer,
        revenue: figures.get(e.id)?.revenue ?? null,
        taxableSales: figures.get(e.id)?.taxableSales ?? null,
      })),
    );
    const applicable = latestTargets(targets, year);
    return {
      year,
      throughMonth,
      elapsedPct: throughMonth === null ? null : Math.round((throughMonth / 12) * 1000) / 10,
      behind,
      indicators: (Object.keys(values) as PlanIndicator[]).map((indicator) => {
        const { value, unit } = values[indicator]!;
        const target = applicable.find((t) => t.indicator === indicator)?.target ?? null;
        return {
          indicator,
          unit,
          value,
          target,
          progress:
            value !== null && target !== null && target > 0 ? Math.round((value / target) * 1000) / 10 : null,
        };
      }),
    };
  }

  /**
   * The four cultivation libraries: members (reached or being cultivated, by their record's flags and cultivation
   * list or by a certificate valid today — libraryMembership) and each one's progress on the year's figures.
   */
  async cultivation(year: number): Promise<Record<CultivationLibrary, CultivationEntry[]>> {
    const [enterprises, indicators, certificates] = await Promise.all([
      this.enterprises.all(),
      this.indicators.effective([year], { energy: false }),
      this.qualifications.all(),
    ]);
    const today = parkDate(this.clock.now());
    const ofYear = new Map(indicators.map((i) => [i.enterpriseId, i]));
    const out = {} as Record<CultivationLibrary, CultivationEntry[]>;
    for (const library of Object.keys(LIBRARY_MEASURES) as CultivationLibrary[]) {
      out[library] = enterprises
        .flatMap((e) => {
          const own = certificates.filter((c) => c.enterpriseId === e.id);
          const membership = libraryMembership(library, e, own, today);
          return membership ? [cultivationEntry(library, e, ofYear.get(e.id), membership)] : [];
        })
        .sort((a, b) => Number(a.achieved) - Number(b.achieved) || (b.progress ?? -1) - (a.progress ?? -1));
    }
    return out;
  }

  /** Land per enterprise: its own parcels, plus its share (by leased area) of its carriers' land. */
  private async enterpriseSubjects(year: number): Promise<EvaluationSubject[]> {
    const [enterprises, indicators, parcels, carriers, tenancies] = await Promise.all([
      this.enterprises.all(),
      this.indicators.effective([year]),
      this.land.all(),
      this.carriers.all(),
      this.carriers.tenancies(undefined, true),
    ]);
    const yearEnd = `${year}-12-31`;
    const carrierLand = new Map(
      carriers.map((c) => [
        c.id,
        {
          floor: c.floorAreaM2,
          mu: parcels.filter((p) => p.carrierId === c.id).reduce((a, p) => a + p.areaMu, 0),
        },
      ]),
    );
    const byEnterprise = new Map(indicators.map((i) => [i.enterpriseId, i]));
    return enterprises.map((e) => {
      const own = parcels
        .filter((p) => p.enterpriseId === e.id && p.carrierId === null)
        .reduce((a, p) => a + p.areaMu, 0);
      const leased = tenancies
        .filter((t) => t.enterpriseId === e.id && activeAt(t, yearEnd))
        .reduce((a, t) => {
          const c = carrierLand.get(t.carrierId);
          return c && c.floor > 0 ? a + (c.mu * t.areaM2) / c.floor : a;
        }, 0);
      const i = byEnterprise.get(e.id);
      return {
        id: e.id,
        name: e.name,
        landMu: Math.round((own + leased) * 100) / 100,
        tax: i?.tax ?? null,
        sales: i?.taxableSales ?? null,
        output: i?.output ?? null,
        rdExpense: i?.rdExpense ?? null,
        revenue: i?.revenue ?? null,
        energyTce: i?.energyTce ?? null,
      };
    });
  }
}

function countGraded(rows: readonly EvaluationRow[]): number {
  return rows.filter((r) => r.grade !== null).length;
}

function activeAt(t: CarrierTenancyEntity, day: string): boolean {
  return t.startDate <= day && (t.endDate === null || t.endDate > day);
}

/** For each indicator, the target of `year`, else the nearest later one (the plan sets 2025 targets only). */
function latestTargets(targets: readonly PlanTargetEntity[], year: number): PlanTargetEntity[] {
  const byIndicator = new Map<string, PlanTargetEntity>();
  for (const t of [...targets].sort((a, b) => a.year - b.year)) {
    const current = byIndicator.get(t.indicator);
    if (t.year === year) byIndicator.set(t.indicator, t);
    else if (t.year > year && (!current || (current.year !== year && t.year < current.year)))
      byIndicator.set(t.indicator, t);
  }
  return [...byIndicator.values()];
}
