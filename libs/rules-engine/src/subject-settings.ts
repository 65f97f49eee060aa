import type { RuleKind } from './engine';

/** What a device's record states that rules read (records' `devices` row). */
export interface DeviceSettings {
  readonly id: string;
  readonly kind: string;
  readonly enterpriseId: string;
  readonly expectedIntervalS: number;
  readonly role: string | null;
  readonly line: string | null;
  /** Normal running load of a production or pollution-control meter, kW. */
  readonly normalKw: number | null;
  /** Discharge-permit limits, metric → limit. */
  readonly permitLimits: Readonly<Record<string, number>> | null;
  /** The permit's reference O₂, %VOL. */
  readonly permitO2Reference: number | null;
  /** The device's enterprise's permit limits (the enterprise layer), metric → limit. */
  readonly enterprisePermitLimits: Readonly<Record<string, number>> | null;
  /** The enterprise's permit reference O₂, %VOL (the enterprise layer). */
  readonly enterprisePermitO2Reference: number | null;
  /**
   * Process safety set points per metric (`{ high, highHigh, low, lowLow, hysteresis, delayMs }`) of a tank or
   * reactor instrument, from its design; absent or null when the device states none.
   */
  readonly processLimits?: Readonly<Record<string, ProcessLimitSettings>> | null;
}

/** One metric's process safety set points on a device: the device layer of a process-limit rule. */
export interface ProcessLimitSettings {
  readonly high?: number | null;
  readonly highHigh?: number | null;
  readonly low?: number | null;
  readonly lowLow?: number | null;
  readonly hysteresis?: number;
  readonly delayMs?: number;
}

/** The devices' settings, indexed the way rules read them. */
export interface SubjectSettings {
  device(id: string): DeviceSettings | undefined;
  /** Sum of the normal loads (kW) of a line's meters of one role; null when none of them states one. */
  lineNormalKw(enterpriseId: string, line: string, role: 'production' | 'pollution-control'): number | null;
}

export function subjectSettings(devices: readonly DeviceSettings[]): SubjectSettings {
  const byId = new Map(devices.map((d) => [d.id, d]));
  const normals = new Map<string, number>();
  for (const d of devices) {
    if (d.line === null || d.normalKw === null || d.kind !== 'power-meter') continue;
    const key = `${d.enterpriseId}|${d.line}|${d.role}`;
    normals.set(key, (normals.get(key) ?? 0) + d.normalKw);
  }
  return {
    device: (id) => byId.get(id),
    lineNormalKw: (enterpriseId, line, role) => normals.get(`${enterpriseId}|${line}|${role}`) ?? null,
  };
}

/**
 * The device layer of a rule's thresholds (`resolveRuleDefinition`) from the device's record: its reporting interval
 * for device-offline; its discharge permit's limit for the rule's metric and reference O₂ for hourly-mean emission;
 * its own set points for the rule's metric for process-limit.
 * Undefined when the rule takes nothing from the device.
 */
export function deviceLayer(
  kind: RuleKind,
  metric: string,
  device: DeviceSettings | undefined,
): Record<string, unknown> | undefined {
  if (!device) return undefined;
  switch (kind) {
    case 'device-offline':
      return { expectedIntervalMs: device.expectedIntervalS * 1000 };
    case 'hourly-mean-emission':
      return { limit: device.permitLimits?.[metric] ?? null, o2Reference: device.permitO2Reference };
    case 'process-limit': {
      const own = device.processLimits?.[metric];
      return own ? { ...own } : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The enterprise layer of a device's rule (`resolveRuleDefinition`): what the device's enterprise states for all its
 * devices — its discharge permit's limit for the rule's metric and its reference O₂ for hourly-mean emission. The
 * device layer wins field by field; the rule's own params (the park default) come last.
 */
export function enterpriseLayer(
  kind: RuleKind,
  metric: string,
  device: DeviceSettings | undefined,
): Record<string, unknown> | undefined {
  if (!device || kind !== 'hourly-mean-emission') return undefined;
  return {
    limit: device.enterprisePermitLimits?.[metric] ?? null,
    o2Reference: device.enterprisePermitO2Reference,
  };
}

/** The line layer: the summed normal loads of the line's production and pollution-control meters. */
export function lineLayer(
  kind: RuleKind,
  settings: SubjectSettings,
  enterpriseId: string,
  line: string,
): Record<string, unknown> | undefined {
  const production = settings.lineNormalKw(enterpriseId, line, 'production');
  switch (kind) {
    case 'treatment-power':
      return {
        productionNormalKw: production,
        treatmentNormalKw: settings.lineNormalKw(enterpriseId, line, 'pollution-control'),
      };
    case 'emission-spike':
      return { productionNormalKw: production };
    default:
      return undefined;
  }
}
