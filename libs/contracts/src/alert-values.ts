/**
 * An alert's value in words when it is a state, not a quantity. A state-signal rule (a smoke detector's alarm, a
 * shut-off valve's position) carries the state as the alert's value and limit alike, with no unit; read as numbers
 * that is "1（限值 1）". Every place that shows an alert — the web app's list, detail and mobile page, the
 * notifications — says the state instead (报警, 故障, 行程中). Pure module.
 */
import { DEVICE_KIND_NAMES, metricSpec, type MetricSpec } from './device-kinds';

export interface StateName {
  readonly zh: string;
  readonly en: string;
}

/**
 * The metric's specification when every device kind that has this metric key agrees on its name and type: `flow`
 * is flue gas in CEMS and water in wastewater, so it has none.
 */
export function uniqueMetricSpec(metric: string): MetricSpec | undefined {
  const specs = DEVICE_KIND_NAMES.map((kind) => metricSpec(kind, metric)).filter(
    (spec): spec is MetricSpec => spec !== undefined,
  );
  if (specs.length === 0) return undefined;
  const [first] = specs;
  return specs.every((s) => s.label.zh === first.label.zh && s.type === first.type) ? first : undefined;
}

/** A flag's value (1 报警, 0 正常) or an enumerated state's name; null when the value is not a state. */
export function stateName(spec: MetricSpec, value: number): StateName | null {
  if (spec.type === 'boolean') {
    if (value === 1) return { zh: '报警', en: 'alarm' };
    if (value === 0) return { zh: '正常', en: 'normal' };
    return null;
  }
  return spec.states?.[String(value)] ?? null;
}

/** The state an alert reports, when it reports one (no unit, value = limit, a state metric); else null. */
export function alertStateName(alert: {
  readonly metric: string;
  readonly unit: string;
  readonly value: number;
  readonly limit: number;
}): StateName | null {
  const spec = uniqueMetricSpec(alert.metric);
  if (!spec || alert.unit !== '' || alert.value !== alert.limit) return null;
  return stateName(spec, alert.value);
}
