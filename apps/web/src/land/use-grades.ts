import { useEffect, useState } from 'react';
import type { Grade } from '../plan/plan-api';
import { evaluationYears, gradesById } from '../records/enterprise-records';
import type { LandApi } from './land-api';

export interface LatestGrades {
  readonly year: number;
  readonly byId: ReadonlyMap<string, Grade>;
}

/**
 * The 亩均 grades of the latest of the last three years that has any (the records may not hold last year's figures
 * yet), by enterprise id; null until they arrive, and for good when `enabled` is false (the analytics API serves
 * park roles only) or the evaluation cannot be had — the grade is an extra the pages stand without.
 */
export function useLatestGrades(api: LandApi, enabled: boolean): LatestGrades | null {
  const [grades, setGrades] = useState<LatestGrades | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    void (async () => {
      for (const year of evaluationYears(Date.now())) {
        try {
          const byId = gradesById(await api.evaluation(year, controller.signal));
          if (byId.size > 0) {
            if (!controller.signal.aborted) setGrades({ year, byId });
            return;
          }
        } catch {
          return;
        }
      }
    })();
    return () => controller.abort();
  }, [api, enabled]);
  return grades;
}
