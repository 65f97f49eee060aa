import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * The security suite's count of what it tried and what the platform handled (docs/security.md). Every probe —
 * one bad input, one forged token, one route walked as the wrong role — is recorded here with its category, and
 * `scripts/security-summary.js` prints the totals after `npm test`. A probe is "handled" when the platform
 * answered as the defence says it must (refused, escaped, limited …); the test itself still fails on any probe
 * that was not handled, so the count is a report, not the gate.
 */
export const TALLY_FILE = resolve(__dirname, '../../../test-output/security-tally.jsonl');

export interface ProbeOutcome {
  readonly category: string;
  readonly probe: string;
  readonly handled: boolean;
  readonly detail?: string;
}

export function recordProbe(outcome: ProbeOutcome): void {
  mkdirSync(dirname(TALLY_FILE), { recursive: true });
  appendFileSync(TALLY_FILE, `${JSON.stringify(outcome)}\n`);
}

/**
 * Runs one probe: `check` returns true when the platform handled it (or throws, which counts as not handled and
 * fails the test). Returns whether it was handled so a test can collect failures and report them all at once.
 */
export async function probe(
  category: string,
  name: string,
  check: () => Promise<boolean> | boolean,
): Promise<boolean> {
  let handled = false;
  let detail: string | undefined;
  try {
    handled = await check();
  } catch (error) {
    detail = error instanceof Error ? error.message : String(error);
  }
  recordProbe({ category, probe: name, handled, detail });
  return handled;
}

/**
 * Runs many probes and fails with the list of every one not handled (not just the first), so a regression
 * shows its whole extent.
 */
export async function expectAllHandled(
  category: string,
  probes: readonly { readonly name: string; readonly check: () => Promise<boolean> | boolean }[],
): Promise<void> {
  const failures: string[] = [];
  for (const p of probes) {
    if (!(await probe(category, p.name, p.check))) failures.push(p.name);
  }
  expect(failures).toEqual([]);
}
