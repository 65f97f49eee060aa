import { DEVICE_KINDS, type DeviceKind } from '@park/contracts';
import { BUILT_IN_RULES, type BuiltInRule } from './default-rules';

/**
 * The coverage matrix (docs/rules.md, "Coverage matrix"): every metric of every device kind, and the built-in rules
 * that judge it. A metric no rule judges must be marked informational here, with the reason no alarm belongs on it;
 * coverage.spec.ts fails on a metric that is neither, so a metric added to libs/contracts cannot go unwatched by
 * accident. `npm run docs:rules-coverage` writes the table into docs/rules.md; the spec fails when it is stale.
 */

/** Why a metric is recorded and charted but judged by no rule of its own. */
export interface InformationalReason {
  readonly zh: string;
  readonly en: string;
}

type Informational = { readonly [K in DeviceKind]?: { readonly [metric: string]: InformationalReason } };

const ENERGY = {
  zh: '能耗统计量：用于能耗分析与分表计电核算，不是安全或排放限值',
  en: 'energy accounting: read by the energy analytics, not a safety or emission limit',
};
const STATE_OF_FLOW = {
  zh: '工况参数：用于折算排放量与核对工况，标准未对其设限',
  en: 'operating condition: used to compute loads and check conditions; no standard sets a limit on it',
};

export const INFORMATIONAL_METRICS: Informational = {
  'power-meter': {
    kwh: ENERGY,
    voltage: {
      zh: '电能质量由供电部门与企业配电系统监视，园区平台不设报警',
      en: "power quality is the utility's and the plant's switchgear's to watch; the park sets no alarm on it",
    },
    current: {
      zh: '负荷电流：分表计电判断以有功功率 kW 为准',
      en: 'load current: 分表计电 judges on active power (kW), not current',
    },
    pf: {
      zh: '功率因数属电费考核（力调电费），不是安全或环保限值',
      en: 'power factor is a tariff matter (power-factor adjustment), not a safety or environmental limit',
    },
  },
  'stack-gas': {
    o2: {
      zh: '基准氧含量折算用（GB 13271-2014 §5.2）：由 SO₂/NOx/颗粒物小时均值规则读取，本身无限值',
      en: 'reference for the O₂ correction (GB 13271-2014 §5.2): read by the SO₂/NOx/PM hourly-mean rules, no limit of its own',
    },
    flow: STATE_OF_FLOW,
    temp: STATE_OF_FLOW,
    velocity: {
      zh: '烟气流速（a01011）用于计算烟气流量与排放量，标准未设限值',
      en: 'flue-gas velocity (a01011) computes the flow and the load; no standard sets a limit on it',
    },
    pressure: {
      zh: '烟气静压（a01013）用于将浓度折算至标准状态，标准未设限值',
      en: 'flue-gas static pressure (a01013) brings concentrations to standard conditions; no limit is set on it',
    },
    humidity: {
      zh: '烟气湿度（a01014）用于干基折算，标准未设限值',
      en: 'flue-gas humidity (a01014) converts to a dry basis; no limit is set on it',
    },
    nmhc: {
      zh: '非甲烷总烃限值按行业标准与排污许可证而定（如 GB 31571-2015、GB 37822-2019），园区无统一默认值；待按许可证配置',
      en: 'the NMHC limit is the sector standard’s and the permit’s (e.g. GB 31571-2015, GB 37822-2019): no park-wide default; to be set per permit',
    },
    thc: {
      zh: '总烃是非甲烷总烃的计算基础（NMHC = THC − CH₄），本身无排放限值',
      en: 'total hydrocarbons are the basis of NMHC (NMHC = THC − CH₄); no emission limit of their own',
    },
    ch4: {
      zh: '甲烷用于计算非甲烷总烃，本身无排放限值',
      en: 'methane is subtracted to compute NMHC; no emission limit of its own',
    },
  },
  wastewater: {
    flow: {
      zh: '废水流量用于计算排放量（总量控制），浓度限值不适用',
      en: 'wastewater flow computes the discharged load (total-quantity control); concentration limits do not apply',
    },
    do: {
      zh: '溶解氧是处理工艺参数，GB 8978-1996 与排污许可证不设排放限值',
      en: 'dissolved oxygen is a treatment-process parameter; GB 8978-1996 and the permit set no discharge limit on it',
    },
    temp: {
      zh: '水温用于分析仪补偿与工况核对，排放标准未设限值',
      en: 'water temperature compensates the analysers and checks the process; the discharge standard sets no limit',
    },
    conductivity: {
      zh: '电导率是辅助监测参数，GB 8978-1996 未设限值',
      en: 'conductivity is an auxiliary parameter; GB 8978-1996 sets no limit on it',
    },
    turbidity: {
      zh: '浊度是辅助监测参数，排放标准以悬浮物（SS）而非浊度设限',
      en: 'turbidity is auxiliary: the discharge standard limits suspended solids (SS), not turbidity',
    },
  },
};

/** One row of the matrix: a metric, the rules that judge its value, or why none does. */
export interface CoverageRow {
  readonly deviceKind: DeviceKind;
  readonly metric: string;
  /** Codes of the built-in rules that judge this metric's value. */
  readonly judgedBy: readonly string[];
  readonly informational: InformationalReason | null;
}

/** Whether `rule` judges the values of `metric` of devices of `kind` (a rule of metric '*' judges flags, not values). */
export function judges(rule: BuiltInRule, kind: DeviceKind, metric: string): boolean {
  return rule.deviceKind === kind && rule.metric === metric;
}

/** The matrix over every device kind and metric of libs/contracts, in their order. */
export function coverageMatrix(rules: readonly BuiltInRule[] = BUILT_IN_RULES): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const kind of Object.keys(DEVICE_KINDS) as DeviceKind[]) {
    for (const metric of Object.keys(DEVICE_KINDS[kind].metrics)) {
      rows.push({
        deviceKind: kind,
        metric,
        judgedBy: rules.filter((r) => judges(r, kind, metric)).map((r) => r.code),
        informational: INFORMATIONAL_METRICS[kind]?.[metric] ?? null,
      });
    }
  }
  return rows;
}

/** Rules that watch every metric of a kind's devices (their silence, their analysers' flags), by device kind. */
export function kindWideRules(kind: DeviceKind, rules: readonly BuiltInRule[] = BUILT_IN_RULES): string[] {
  return rules
    .filter(
      (r) =>
        (r.deviceKind === '*' || r.deviceKind === kind) && (r.metric === '*' || r.kind === 'device-offline'),
    )
    .map((r) => r.code);
}

export const COVERAGE_BEGIN = '<!-- generated from libs/rules-engine coverage.ts: begin -->';
export const COVERAGE_END = '<!-- generated from libs/rules-engine coverage.ts: end -->';

/** The matrix as markdown: one table, one row per metric (what docs/rules.md carries between the markers). */
export function renderCoverageMatrix(rules: readonly BuiltInRule[] = BUILT_IN_RULES): string {
  const lines = [
    '| Device kind | Metric | Judged by (built-in rule codes) | Informational: why no rule |',
    '| --- | --- | --- | --- |',
  ];
  for (const row of coverageMatrix(rules)) {
    const spec = DEVICE_KINDS[row.deviceKind].metrics as Readonly<
      Record<string, { readonly label: InformationalReason }>
    >;
    const label = spec[row.metric].label;
    lines.push(
      `| \`${row.deviceKind}\` | \`${row.metric}\` ${label.zh} | ${
        row.judgedBy.length > 0 ? row.judgedBy.map((c) => `\`${c}\``).join(', ') : '—'
      } | ${row.informational ? `${row.informational.zh}<br>${row.informational.en}` : ''} |`,
    );
  }
  lines.push('', 'Every metric of each kind is also watched by:', '');
  for (const kind of Object.keys(DEVICE_KINDS) as DeviceKind[]) {
    lines.push(
      `- \`${kind}\`: ${kindWideRules(kind, rules)
        .map((c) => `\`${c}\``)
        .join(', ')}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
