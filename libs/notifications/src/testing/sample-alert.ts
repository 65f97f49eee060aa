/** A realistic alert event for the notification specs: a critical combustible-gas alarm at a chemical plant. */
import type { AlertEvent, AlertView } from '@park/contracts';

/** 2026-12-07 16:49:00 in Beijing time. */
export const SAMPLE_OPENED_AT = Date.UTC(2026, 11, 7, 8, 49, 0);

export function sampleAlert(overrides: Partial<AlertView> = {}): AlertView {
  return {
    id: 'a-1',
    ruleId: 'gas-lel-high',
    ruleName: { zh: '可燃气体浓度超限', en: 'Combustible gas high' },
    deviceId: 'gas-01',
    deviceName: '罐区 1 号可燃气体探测器',
    location: '储罐区 T-101 东侧',
    enterpriseId: 'e-1',
    enterpriseName: '华源化工',
    metric: 'lel',
    unit: '%LEL',
    value: 55,
    limit: 50,
    level: 2,
    severity: 'critical',
    status: 'open',
    count: 1,
    openedAt: SAMPLE_OPENED_AT,
    lastSeenAt: SAMPLE_OPENED_AT,
    acknowledgedAt: null,
    acknowledgedBy: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionNote: null,
    explanation: { zh: '', en: '' },
    ...overrides,
  };
}

export function sampleEvent(
  type: AlertEvent['type'] = 'opened',
  view = sampleAlert(),
  at = view.openedAt,
): AlertEvent {
  return { v: 1, seq: 7, type, at, actor: null, alert: view };
}
