import { probe } from './tally';

export interface SweepProbe {
  readonly name: string;
  readonly check: () => Promise<boolean> | boolean;
}

/**
 * Runs a generated sweep's probes a few at a time (the sweeps send thousands of requests; one at a time they
 * take minutes), records each in the tally under `category`, and returns the names of those not handled — so a
 * test can run several categories and then fail once with the whole list (tally.expectAllHandled stops at the
 * first category that fails). A check that throws is not handled, and its message joins the name in the list.
 */
export async function sweep(
  category: string,
  probes: readonly SweepProbe[],
  concurrency = 6,
): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < probes.length) {
      const p = probes[next++];
      let detail = '';
      const check = async () => {
        try {
          return await p.check();
        } catch (error) {
          detail = `: ${error instanceof Error ? error.message : String(error)}`;
          throw error;
        }
      };
      if (!(await probe(category, p.name, check))) failures.push(`[${category}] ${p.name}${detail}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, probes.length) }, worker));
  return failures.sort();
}

/** Passes when `actual` is one of `expected`; otherwise throws naming what came back (the sweep lists it). */
export function expectStatus(
  res: { readonly status: number; readonly text: string },
  ...expected: number[]
): true {
  if (expected.includes(res.status)) return true;
  throw new Error(`got ${res.status} ${res.text.slice(0, 160)}`);
}
