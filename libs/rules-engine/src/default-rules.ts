import type { ThresholdParams } from './threshold';

export interface DefaultRule {
  readonly code: string;
  readonly kind: 'threshold';
  readonly name: { readonly zh: string; readonly en: string };
  readonly deviceKind: string;
  readonly metric: string;
  readonly params: ThresholdParams;
  readonly autoResolve: boolean;
  readonly source: string;
}

/**
 * The park-wide default rule set, each grounded in a standard (see docs/rules.md).
 * GB/T 50493-2019《石油化工可燃气体和有毒气体检测报警设计标准》§5.5.2: combustible gas first-level alarm
 * ≤ 25 %LEL, second-level ≤ 50 %LEL; oxygen: deficiency 19.5 %VOL, enrichment 23.5 %VOL.
 */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    code: 'gas.lel.two-level',
    kind: 'threshold',
    name: { zh: '可燃气体浓度报警', en: 'Combustible gas concentration' },
    deviceKind: 'combustible-gas',
    metric: 'lel',
    params: { direction: 'above', level1: 25, level2: 50, hysteresis: 2 },
    autoResolve: true,
    source: 'GB/T 50493-2019 §5.5.2',
  },
  {
    code: 'oxygen.deficiency',
    kind: 'threshold',
    name: { zh: '缺氧报警', en: 'Oxygen deficiency' },
    deviceKind: 'oxygen',
    metric: 'o2',
    params: { direction: 'below', level1: 19.5, hysteresis: 0.2 },
    autoResolve: true,
    source: 'GB/T 50493-2019 §5.5.2',
  },
  {
    code: 'oxygen.enrichment',
    kind: 'threshold',
    name: { zh: '富氧报警', en: 'Oxygen enrichment' },
    deviceKind: 'oxygen',
    metric: 'o2',
    params: { direction: 'above', level1: 23.5, hysteresis: 0.2 },
    autoResolve: true,
    source: 'GB/T 50493-2019 §5.5.2',
  },
];
