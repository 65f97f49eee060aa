/**
 * 惠企政策: a policy's criteria — conditions over the records, all of which must hold — how they are checked, how
 * one enterprise is matched against them, and the words a person reads (docs/policies.md). Pure module: the API
 * matches with it, the web shows its words, and a notice quotes them, so the three cannot disagree.
 *
 * Unknown is never zero: a figure not reported (未上报) leaves its condition `unknown`, and an enterprise with an
 * unknown condition is never qualified.
 */
import type { Grade } from './analytics-views';
import { GRADES } from './analytics-views';
import { QUALIFICATION_TYPE_NAMES } from './qualification-rules';
import { QUALIFICATION_TYPES, type QualificationType } from './qualification-views';
import { CULTIVATION_LIBRARIES, type CultivationLibrary } from './records-views';

/** What a condition is about. */
export const POLICY_FIELDS = [
  'industry',
  'core-industry',
  'manufacturer',
  'qualification',
  'library',
  'grade',
  'revenue',
  'rd-intensity',
  'employees',
  'tax',
  'output',
  'invention-patents',
] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

/** The fields compared with a number (≥ or ≤) in a year's indicators. */
export const NUMERIC_POLICY_FIELDS = [
  'revenue',
  'rd-intensity',
  'employees',
  'tax',
  'output',
  'invention-patents',
] as const;
export type NumericPolicyField = (typeof NUMERIC_POLICY_FIELDS)[number];

/** The unit of each numeric field, as the records keep it. */
export const POLICY_FIELD_UNITS: Readonly<Record<NumericPolicyField, string>> = {
  revenue: '万元',
  'rd-intensity': '%',
  employees: '人',
  tax: '万元',
  output: '万元',
  'invention-patents': '件',
};

export const POLICY_COMPARATORS = ['gte', 'lte'] as const;
export type PolicyComparator = (typeof POLICY_COMPARATORS)[number];

/** The margin (% of a threshold) within which a numeric shortfall counts as "nearly", unless the policy says. */
export const DEFAULT_NEAR_MARGIN_PERCENT = 20;

/**
 * One condition. By field:
 * - `industry`: `codes` are GB/T 4754-2017 code prefixes (`26`, `3981`); the enterprise's industry code starts with one;
 * - `core-industry`, `manufacturer`: the enterprise's flag is set;
 * - `qualification`: `codes` are qualification types; it holds one of them, valid today;
 * - `library`: `codes` are cultivation libraries; it is in one of them today;
 * - `grade`: its 亩均 grade of `year` is `grade` or better;
 * - numeric fields: the year's figure `comparator` `value` (in the field's unit; R&D intensity = 研发投入 / 营业收入, %).
 * `year` absent or null: the latest year with indicators.
 */
export interface PolicyCondition {
  readonly field: PolicyField;
  readonly comparator?: PolicyComparator;
  readonly value?: number;
  readonly grade?: Grade;
  readonly codes?: readonly string[];
  readonly year?: number | null;
}

export function isNumericField(field: PolicyField): field is NumericPolicyField {
  return (NUMERIC_POLICY_FIELDS as readonly string[]).includes(field);
}

const MAX_CONDITIONS = 20;

/**
 * The conditions as they will be stored — only the keys their field uses, a year only where it means something —
 * or the first problem, worded for the user (`criteria[2].value: …`). At least one condition.
 */
export function checkCriteria(
  input: unknown,
): { ok: true; value: PolicyCondition[] } | { ok: false; problem: string } {
  if (!Array.isArray(input)) return { ok: false, problem: 'criteria: a list of conditions' };
  if (input.length === 0) return { ok: false, problem: 'criteria: at least one condition' };
  if (input.length > MAX_CONDITIONS)
    return { ok: false, problem: `criteria: at most ${MAX_CONDITIONS} conditions` };
  const out: PolicyCondition[] = [];
  for (const [i, raw] of input.entries()) {
    const checked = checkCondition(raw);
    if (typeof checked === 'string') return { ok: false, problem: `criteria[${i}]${checked}` };
    out.push(checked);
  }
  return { ok: true, value: out };
}

function checkCondition(raw: unknown): PolicyCondition | string {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return ': a condition object';
  const c = raw as Record<string, unknown>;
  if (!(POLICY_FIELDS as readonly unknown[]).includes(c.field))
    return `.field: one of ${POLICY_FIELDS.join(', ')}`;
  const field = c.field as PolicyField;
  const year = checkYear(c.year);
  if (typeof year === 'string') return year;
  if (isNumericField(field)) {
    if (!(POLICY_COMPARATORS as readonly unknown[]).includes(c.comparator)) return '.comparator: gte or lte';
    if (typeof c.value !== 'number' || !Number.isFinite(c.value) || c.value < 0)
      return '.value: a number ≥ 0';
    if (field === 'rd-intensity' && c.value > 100) return '.value: a percentage (0–100)';
    return { field, comparator: c.comparator as PolicyComparator, value: c.value, year };
  }
  if (field === 'grade') {
    if (!(GRADES as readonly unknown[]).includes(c.grade)) return `.grade: one of ${GRADES.join(', ')}`;
    return { field, grade: c.grade as Grade, year };
  }
  if (field === 'core-industry' || field === 'manufacturer') return { field };
  const allowed: readonly string[] | null =
    field === 'qualification' ? QUALIFICATION_TYPES : field === 'library' ? CULTIVATION_LIBRARIES : null;
  if (!Array.isArray(c.codes) || c.codes.length === 0) return '.codes: at least one';
  const codes: string[] = [];
  for (const code of c.codes as unknown[]) {
    if (typeof code !== 'string') return '.codes: strings';
    if (allowed ? !allowed.includes(code) : !/^(?:[A-T]|\d{2,4})$/.test(code))
      return allowed
        ? `.codes: "${code}" is not one of ${allowed.join(', ')}`
        : `.codes: "${code}" is not a GB/T 4754 code prefix (2–4 digits)`;
    if (!codes.includes(code)) codes.push(code);
  }
  return { field, codes };
}

function checkYear(year: unknown): number | null | string {
  if (year === undefined || year === null) return null;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100)
    return '.year: a year (2000–2100), or none for the latest year with indicators';
  return year;
}

/** A year's figures of one enterprise, as reported (null: 未上报). Money 万元. */
export interface PolicyFigures {
  readonly revenue: number | null;
  readonly rdExpense: number | null;
  readonly employees: number | null;
  readonly tax: number | null;
  readonly output: number | null;
  readonly inventionPatents: number | null;
}

/** What the matching knows of one enterprise. */
export interface EnterpriseFacts {
  readonly id: string;
  readonly name: string;
  readonly industryCode: string | null;
  readonly coreIndustry: boolean;
  readonly manufacturer: boolean;
  /** The types of its certificates valid today. */
  readonly qualifications: readonly QualificationType[];
  /** The cultivation libraries it is in today. */
  readonly libraries: readonly CultivationLibrary[];
  /** Its 亩均 grade by year; a year it is absent from or null in: not graded. */
  readonly grades: Readonly<Record<number, Grade | null>>;
  /** Its figures by year; a year absent: no row that year. */
  readonly figures: Readonly<Record<number, PolicyFigures>>;
}

export type ConditionStatus = 'met' | 'unmet' | 'unknown';

/** How one condition went for one enterprise. */
export interface ConditionOutcome {
  readonly condition: PolicyCondition;
  readonly status: ConditionStatus;
  /** The year the figure or grade was read from (numeric and grade conditions); null: no year has indicators. */
  readonly year: number | null;
  /** A number (numeric fields), a grade, the industry code, the matching codes held — or null (未上报 / none). */
  readonly actual: number | string | readonly string[] | boolean | null;
  /** Numeric and unmet: how far from the threshold, in the field's unit (always positive). */
  readonly gap: number | null;
  /** Numeric and unmet: within the policy's margin of the threshold. */
  readonly near: boolean;
}

export type PolicyVerdict = 'qualified' | 'nearly' | 'not';

export interface EnterpriseMatch {
  readonly enterpriseId: string;
  readonly name: string;
  readonly verdict: PolicyVerdict;
  readonly outcomes: readonly ConditionOutcome[];
}

export interface MatchOptions {
  /** The latest year with indicators: the year of a condition that names none. */
  readonly latestYear: number | null;
  readonly nearMarginPercent: number;
}

function numericValue(field: NumericPolicyField, f: PolicyFigures | undefined): number | null {
  if (!f) return null;
  switch (field) {
    case 'revenue':
      return f.revenue;
    case 'rd-intensity':
      return f.rdExpense === null || f.revenue === null || f.revenue <= 0
        ? null
        : (f.rdExpense / f.revenue) * 100;
    case 'employees':
      return f.employees;
    case 'tax':
      return f.tax;
    case 'output':
      return f.output;
    case 'invention-patents':
      return f.inventionPatents;
  }
}

/** Rounds away float residue (1.9999999 → 2), so a figure at its threshold meets it. */
function clean(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function evaluateCondition(
  c: PolicyCondition,
  e: EnterpriseFacts,
  options: MatchOptions,
): ConditionOutcome {
  const plain = { condition: c, year: null, gap: null, near: false } as const;
  switch (c.field) {
    case 'industry': {
      if (e.industryCode === null) return { ...plain, status: 'unknown', actual: null };
      const met = (c.codes ?? []).some((p) => e.industryCode!.startsWith(p));
      return { ...plain, status: met ? 'met' : 'unmet', actual: e.industryCode };
    }
    case 'core-industry':
      return { ...plain, status: e.coreIndustry ? 'met' : 'unmet', actual: e.coreIndustry };
    case 'manufacturer':
      return { ...plain, status: e.manufacturer ? 'met' : 'unmet', actual: e.manufacturer };
    case 'qualification':
    case 'library': {
      const held: readonly string[] = c.field === 'qualification' ? e.qualifications : e.libraries;
      const matching = (c.codes ?? []).filter((code) => held.includes(code));
      return { ...plain, status: matching.length > 0 ? 'met' : 'unmet', actual: matching };
    }
    case 'grade': {
      const year = c.year ?? options.latestYear;
      const grade = year === null ? null : (e.grades[year] ?? null);
      if (grade === null) return { ...plain, year, status: 'unknown', actual: null };
      const met = GRADES.indexOf(grade) <= GRADES.indexOf(c.grade ?? 'A');
      return { ...plain, year, status: met ? 'met' : 'unmet', actual: grade };
    }
    default: {
      const year = c.year ?? options.latestYear;
      const raw = year === null ? null : numericValue(c.field, e.figures[year]);
      if (raw === null) return { ...plain, year, status: 'unknown', actual: null };
      const actual = clean(raw);
      const threshold = c.value ?? 0;
      const atLeast = (c.comparator ?? 'gte') === 'gte';
      const met = atLeast ? actual >= threshold : actual <= threshold;
      if (met) return { ...plain, year, status: 'met', actual };
      const margin = options.nearMarginPercent / 100;
      const near = atLeast ? actual >= threshold * (1 - margin) : actual <= threshold * (1 + margin);
      return { condition: c, year, status: 'unmet', actual, gap: clean(Math.abs(threshold - actual)), near };
    }
  }
}

/**
 * One enterprise against a policy's conditions. Qualified: every condition met. Nearly: nothing unknown, and what is
 * unmet is either numeric shortfalls all within the margin, or one single condition (a non-numeric one, or a numeric
 * one within the margin) — a figure far below its threshold is not "nearly". Otherwise not.
 */
export function matchEnterprise(
  conditions: readonly PolicyCondition[],
  e: EnterpriseFacts,
  options: MatchOptions,
): EnterpriseMatch {
  const outcomes = conditions.map((c) => evaluateCondition(c, e, options));
  const unmet = outcomes.filter((o) => o.status === 'unmet');
  const unknown = outcomes.some((o) => o.status === 'unknown');
  const allNear = unmet.every((o) => isNumericField(o.condition.field) && o.near);
  const verdict: PolicyVerdict =
    !unknown && unmet.length === 0
      ? 'qualified'
      : !unknown && (allNear || (unmet.length === 1 && !isNumericField(unmet[0].condition.field)))
        ? 'nearly'
        : 'not';
  return { enterpriseId: e.id, name: e.name, verdict, outcomes };
}

// ——— Words ———

export type PolicyLanguage = 'zh' | 'en';

const FIELD_NAMES: Readonly<Record<PolicyLanguage, Readonly<Record<PolicyField, string>>>> = {
  zh: {
    industry: '所属行业',
    'core-industry': '一主两优主导产业',
    manufacturer: '制造业企业',
    qualification: '资质',
    library: '培育库',
    grade: '亩均效益评价',
    revenue: '营业收入',
    'rd-intensity': '研发投入强度',
    employees: '从业人员',
    tax: '税收',
    output: '工业总产值',
    'invention-patents': '有效发明专利',
  },
  en: {
    industry: 'Industry',
    'core-industry': 'Core (一主两优) industry',
    manufacturer: 'Manufacturer',
    qualification: 'Qualification',
    library: 'Cultivation library',
    grade: 'Per-mu evaluation',
    revenue: 'Revenue',
    'rd-intensity': 'R&D intensity',
    employees: 'Employees',
    tax: 'Tax',
    output: 'Industrial output',
    'invention-patents': 'Invention patents',
  },
};

const LIBRARY_NAMES: Readonly<Record<PolicyLanguage, Readonly<Record<CultivationLibrary, string>>>> = {
  zh: {
    'above-scale': '规上企业培育库',
    'high-tech': '高新技术企业培育库',
    listed: '上市企业培育库',
    'revenue-100m': '营收亿元企业培育库',
  },
  en: {
    'above-scale': 'above-scale library',
    'high-tech': 'high-tech library',
    listed: 'listing library',
    'revenue-100m': 'revenue-over-100M library',
  },
};

const QUALIFICATION_NAMES_EN: Readonly<Record<QualificationType, string>> = {
  'high-tech-enterprise': 'High-tech enterprise',
  'specialized-sme': 'Specialized SME',
  'little-giant': '“Little giant”',
  'tech-sme': 'Tech SME',
  listed: 'Listed',
  quoted: 'Quoted',
};

export function policyFieldName(field: PolicyField, lang: PolicyLanguage): string {
  return FIELD_NAMES[lang][field];
}

export function policyCodeName(field: PolicyField, code: string, lang: PolicyLanguage): string {
  if (field === 'qualification')
    return lang === 'zh'
      ? (QUALIFICATION_TYPE_NAMES[code as QualificationType] ?? code)
      : (QUALIFICATION_NAMES_EN[code as QualificationType] ?? code);
  if (field === 'library') return LIBRARY_NAMES[lang][code as CultivationLibrary] ?? code;
  return code;
}

const group = (n: number, digits: number) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/**
 * A figure with its unit: money of 10,000 万元 and more in 亿元 (“1.2 亿元”), else “5,000 万元”, “2.1 %”, “120 人”.
 * `digits` more decimals where the usual ones would hide a difference (3.996 % against 4 %).
 */
export function policyAmount(
  field: NumericPolicyField,
  value: number,
  lang: PolicyLanguage,
  extraDigits = 0,
): string {
  const unit = POLICY_FIELD_UNITS[field];
  if (unit === '万元') {
    if (Math.abs(value) >= 10_000)
      return lang === 'zh'
        ? `${group(value / 10_000, 2 + extraDigits)} 亿元`
        : `${group(value / 10_000, 2 + extraDigits)} 亿元 (100M yuan)`;
    return lang === 'zh'
      ? `${group(value, 1 + extraDigits)} 万元`
      : `${group(value, 1 + extraDigits)} 万元 (10k yuan)`;
  }
  if (unit === '%') return `${group(value, 1 + extraDigits)} %`;
  if (lang === 'en') return `${group(value, extraDigits)} ${field === 'employees' ? 'people' : 'patents'}`;
  return `${group(value, extraDigits)} ${unit}`;
}

/** The fewest extra decimals (up to 3) that tell `a` from `b`, or a gap from 0. */
function digitsToTell(field: NumericPolicyField, a: number, b: number): number {
  for (let extra = 0; extra < 3; extra++)
    if (policyAmount(field, a, 'zh', extra) !== policyAmount(field, b, 'zh', extra)) return extra;
  return 3;
}

const yearText = (year: number | null | undefined, lang: PolicyLanguage) =>
  year === null || year === undefined
    ? lang === 'zh'
      ? '最近年度'
      : 'latest year'
    : lang === 'zh'
      ? `${year} 年`
      : String(year);

const codesText = (c: PolicyCondition, lang: PolicyLanguage) =>
  (c.codes ?? []).map((code) => policyCodeName(c.field, code, lang)).join(lang === 'zh' ? '或' : ' or ');

/** The condition in words: “营业收入（最近年度）≥ 2,000 万元”, “持有 高新技术企业 资质（有效）”. */
export function describeCondition(c: PolicyCondition, lang: PolicyLanguage): string {
  const name = policyFieldName(c.field, lang);
  const zh = lang === 'zh';
  switch (c.field) {
    case 'industry':
      return zh
        ? `所属行业代码以 ${(c.codes ?? []).join('、')} 开头（GB/T 4754）`
        : `Industry code starts with ${(c.codes ?? []).join(', ')} (GB/T 4754)`;
    case 'core-industry':
      return zh ? '属于一主两优主导产业' : 'In a core (一主两优) industry';
    case 'manufacturer':
      return zh ? '制造业企业' : 'A manufacturer';
    case 'qualification':
      return zh ? `持有${codesText(c, lang)}资质（有效期内）` : `Holds ${codesText(c, lang)} (valid)`;
    case 'library':
      return zh ? `入选${codesText(c, lang)}` : `In the ${codesText(c, lang)}`;
    case 'grade':
      return zh
        ? `亩均效益评价（${yearText(c.year, lang)}）${c.grade} 类${c.grade === 'A' ? '' : '及以上'}`
        : `Per-mu grade (${yearText(c.year, lang)}) ${c.grade}${c.grade === 'A' ? '' : ' or better'}`;
    default: {
      const when = zh ? `（${yearText(c.year, lang)}）` : ` (${yearText(c.year, lang)})`;
      return `${name}${when}${zh ? '' : ' '}${c.comparator === 'lte' ? '≤' : '≥'} ${policyAmount(c.field, c.value ?? 0, lang)}`;
    }
  }
}

/**
 * How the condition went, in words: “营业收入（2024 年）1.2 亿元 ≥ 5,000 万元 ✓”, “研发投入强度（2024 年）2.1 %，还差
 * 0.9 个百分点”, “营业收入（2024 年）未上报”.
 */
export function describeOutcome(o: ConditionOutcome, lang: PolicyLanguage): string {
  const c = o.condition;
  const zh = lang === 'zh';
  const name = policyFieldName(c.field, lang);
  const ok = o.status === 'met' ? ' ✓' : o.status === 'unmet' ? ' ✗' : '';
  const inYear = o.year === null ? '' : zh ? `（${o.year} 年）` : ` (${o.year})`;
  // No space after a full-width bracket.
  const sp = zh && inYear ? '' : ' ';
  switch (c.field) {
    case 'industry':
      return o.actual === null
        ? zh
          ? '所属行业代码未填写'
          : 'Industry code not recorded'
        : zh
          ? `行业代码 ${String(o.actual)}${o.status === 'met' ? ` 属于 ${(c.codes ?? []).join('、')}` : ` 不属于 ${(c.codes ?? []).join('、')}`}${ok}`
          : `Industry code ${String(o.actual)} ${o.status === 'met' ? 'is in' : 'is not in'} ${(c.codes ?? []).join(', ')}${ok}`;
    case 'core-industry':
    case 'manufacturer':
      return o.status === 'met'
        ? `${zh ? '是' : ''}${name}${ok}`
        : zh
          ? `不是${name}${ok}`
          : `Not: ${name}${ok}`;
    case 'qualification':
    case 'library': {
      const held = (o.actual as readonly string[] | null) ?? [];
      if (o.status === 'met')
        return `${zh ? (c.field === 'qualification' ? '持有' : '已入选') : 'Has '}${held.map((h) => policyCodeName(c.field, h, lang)).join(zh ? '、' : ', ')}${ok}`;
      return zh
        ? `${c.field === 'qualification' ? '未持有有效的' : '未入选'}${codesText(c, lang)}${ok}`
        : `Lacks ${codesText(c, lang)}${ok}`;
    }
    case 'grade':
      if (o.status === 'unknown')
        return o.year === null
          ? zh
            ? '亩均效益：尚无年度指标'
            : 'Per-mu grade: no year has indicators'
          : zh
            ? `亩均效益评价${inYear}未参评`
            : `Per-mu grade${inYear}: not graded`;
      return zh
        ? `亩均效益评价${inYear}${sp}${String(o.actual)} 类，要求 ${c.grade} 类${c.grade === 'A' ? '' : '及以上'}${ok}`
        : `Per-mu grade${inYear} ${String(o.actual)}, needs ${c.grade}${c.grade === 'A' ? '' : ' or better'}${ok}`;
    default: {
      const field = c.field;
      if (o.status === 'unknown')
        return o.year === null
          ? `${name}${zh ? '：尚无年度指标' : ': no year has indicators'}`
          : `${name}${inYear}${zh ? '未上报' : ' not reported'}`;
      const sign = c.comparator === 'lte' ? '≤' : '≥';
      const threshold = policyAmount(field, c.value ?? 0, lang);
      if (o.status === 'met')
        return `${name}${inYear}${sp}${policyAmount(field, o.actual as number, lang)} ${sign} ${threshold}${ok}`;
      const extra = digitsToTell(field, o.actual as number, c.value ?? 0);
      const actual = policyAmount(field, o.actual as number, lang, extra);
      return `${name}${inYear}${sp}${actual}${zh ? '，' : ', '}${lackText(field, c.comparator ?? 'gte', o.gap ?? 0, lang)}`;
    }
  }
}

/** What an unmet numeric condition lacks: “还差 0.9 个百分点”, “还差 300 万元”, “超出 20 人”. */
function lackText(
  field: NumericPolicyField,
  comparator: PolicyComparator,
  gap: number,
  lang: PolicyLanguage,
): string {
  const zh = lang === 'zh';
  const extra = digitsToTell(field, gap, 0);
  const amount =
    field === 'rd-intensity'
      ? zh
        ? `${group(gap, 1 + extra)} 个百分点`
        : `${group(gap, 1 + extra)} percentage points`
      : policyAmount(field, gap, lang, extra);
  if (comparator === 'lte') return zh ? `超出 ${amount}` : `${amount} over`;
  return zh ? `还差 ${amount}` : `${amount} short`;
}
