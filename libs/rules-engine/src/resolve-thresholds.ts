import { parseRuleDefinition, type RuleDefinition, type RuleKind } from './engine';
import { RuleParamsError } from './threshold';

/**
 * Thresholds come from three layers, most specific first: the device (e.g. its discharge permit's limits,
 * its reporting interval), the enterprise, and the park default (the rule's own params).
 */
export type ThresholdLayer = 'device' | 'enterprise' | 'park';

export interface ResolvedThresholds<T> {
  readonly values: T;
  /** Which layer each value was taken from. */
  readonly sources: { readonly [K in keyof T]: ThresholdLayer };
}

type Layer<T> = { readonly [K in keyof T]?: T[K] | null } | null | undefined;

/**
 * Picks each value from the most specific layer that sets it (not undefined, not null). Field by field: a device
 * that states only its permit limit keeps the park's hysteresis. The result mixes layers, so validate it again
 * (`resolveRuleDefinition` does).
 */
export function resolveThresholds<T extends object>(
  device: Layer<T>,
  enterprise: Layer<T>,
  parkDefault: T,
): ResolvedThresholds<T> {
  const values: Record<string, unknown> = { ...(parkDefault as Record<string, unknown>) };
  const sources: Record<string, ThresholdLayer> = {};
  const keys = new Set([
    ...Object.keys(parkDefault),
    ...Object.keys(enterprise ?? {}),
    ...Object.keys(device ?? {}),
  ]);
  for (const key of [...keys].sort()) {
    const fromDevice = (device as Record<string, unknown> | null | undefined)?.[key];
    const fromEnterprise = (enterprise as Record<string, unknown> | null | undefined)?.[key];
    if (fromDevice !== undefined && fromDevice !== null) {
      values[key] = fromDevice;
      sources[key] = 'device';
    } else if (fromEnterprise !== undefined && fromEnterprise !== null) {
      values[key] = fromEnterprise;
      sources[key] = 'enterprise';
    } else {
      sources[key] = 'park';
    }
  }
  return { values: values as T, sources: sources as ResolvedThresholds<T>['sources'] };
}

/**
 * Resolves a rule's params against device and enterprise overrides and validates the result as that kind.
 * A bad override is reported with the layers involved, e.g. `device/enterprise override: threshold: level2 must be
 * above level1`.
 */
export function resolveRuleDefinition(
  kind: RuleKind,
  device: Readonly<Record<string, unknown>> | null | undefined,
  enterprise: Readonly<Record<string, unknown>> | null | undefined,
  parkDefault: Readonly<Record<string, unknown>>,
): { readonly definition: RuleDefinition; readonly sources: Readonly<Record<string, ThresholdLayer>> } {
  const { values, sources } = resolveThresholds<Readonly<Record<string, unknown>>>(
    device,
    enterprise,
    parkDefault,
  );
  try {
    return { definition: parseRuleDefinition(kind, values), sources };
  } catch (error) {
    if (!(error instanceof RuleParamsError)) throw error;
    const layers = [...new Set(Object.values(sources).filter((s) => s !== 'park'))];
    throw new RuleParamsError(
      layers.length > 0 ? `${layers.join('/')} override: ${error.message}` : error.message,
      error.problem,
      error.param,
      layers,
    );
  }
}
