/**
 * The words an alert is shown with, from the contracts (metric labels) and the dictionaries (levels, states).
 * Pure module (no DOM).
 */
import {
  alertStateName,
  DEVICE_KIND_NAMES,
  metricSpec,
  type AlertView,
  type Bilingual,
} from '@park/contracts';
import { formatQuantity } from '../i18n/format';
import type { Language, MessageKey, MessageParams } from '../i18n/messages';

/** The bilingual text that suits the interface language. */
export function pick(text: Bilingual, language: Language): string {
  return language === 'zh-CN' ? text.zh : text.en;
}

/**
 * A metric's name as the contracts define it (`lel` → 可燃气体浓度 / Combustible gas). When kinds disagree on
 * the name of a shared metric key (`flow` is flue gas in CEMS, water in wastewater) the key itself is shown.
 */
export function metricLabel(metric: string, language: Language): string {
  const labels = new Set<string>();
  for (const kind of DEVICE_KIND_NAMES) {
    const spec = metricSpec(kind, metric);
    if (spec) labels.add(pick(spec.label, language));
  }
  return labels.size === 1 ? [...labels][0] : metric;
}

/**
 * An alert's reading as the screens show it: the value and the limit with their unit (`30 %LEL`, `25 %LEL`); for
 * a state (a smoke detector in alarm, a valve stuck travelling) the state's name and no limit — never `1（限值 1）`.
 */
export function alertReading(
  alert: Pick<AlertView, 'metric' | 'unit' | 'value' | 'limit'>,
  language: Language,
): { value: string; limit: string | null } {
  const state = alertStateName(alert);
  if (state) return { value: pick(state, language), limit: null };
  return {
    value: formatQuantity(alert.value, alert.unit, language),
    limit: formatQuantity(alert.limit, alert.unit, language),
  };
}

/** 一级报警 / 二级报警 (GB/T 50493-2019), or a generic level for rules with more. */
export function levelMessage(level: number): [MessageKey, MessageParams?] {
  if (level === 1) return ['level.1'];
  if (level === 2) return ['level.2'];
  return ['level.other', { n: level }];
}

/** Where a device is: its location if recorded. */
export function deviceWhere(alert: AlertView): string | null {
  return alert.location && alert.location.trim() ? alert.location : null;
}
