import { DEVICE_KINDS, type DeviceKind } from '@park/contracts';
import { RecordsError } from '@park/records';

/** Device kinds that carry discharge-permit limits (烟气, 废水 online monitoring). */
export const EMISSION_KINDS: readonly DeviceKind[] = ['stack-gas', 'wastewater'];

/**
 * Checks discharge-permit limits (metric → limit): each metric one the given kinds measure, each limit a positive
 * number. `field` names the record's field in the error (`permitLimits.so2: …`).
 */
export function checkPermitLimits(
  limits: Readonly<Record<string, unknown>>,
  kinds: readonly DeviceKind[],
  field = 'permitLimits',
): void {
  const measured = new Set(kinds.flatMap((k) => Object.keys(DEVICE_KINDS[k].metrics)));
  for (const [metric, limit] of Object.entries(limits)) {
    if (!measured.has(metric))
      throw new RecordsError(
        'INVALID_RECORD',
        `${field}.${metric}: ${kinds.join(' or ')} measures no "${metric}"`,
        {
          field: `${field}.${metric}`,
        },
      );
    if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0)
      throw new RecordsError('INVALID_RECORD', `${field}.${metric}: must be a positive number`, {
        field: `${field}.${metric}`,
      });
  }
}
