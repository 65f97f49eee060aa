/** Bounds on a load run, so a typo cannot turn into an open-ended flood. Pure. */
export const LOAD_LIMITS = {
  maxDevices: 10_000,
  maxRatePerDevice: 100,
  maxTotalRate: 20_000,
  maxDurationMs: 30 * 60_000,
  maxMessages: 5_000_000,
} as const;

/** Problems with load options, in words; empty when the run is within bounds. */
export function loadProblems(o: { devices: number; ratePerDevice: number; durationMs: number }): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(o.devices) || o.devices < 1 || o.devices > LOAD_LIMITS.maxDevices)
    problems.push(`--load must be a whole number of devices, 1–${LOAD_LIMITS.maxDevices}`);
  if (!(o.ratePerDevice > 0 && o.ratePerDevice <= LOAD_LIMITS.maxRatePerDevice))
    problems.push(`--rate must be above 0 and at most ${LOAD_LIMITS.maxRatePerDevice} messages/s per device`);
  if (o.devices * o.ratePerDevice > LOAD_LIMITS.maxTotalRate)
    problems.push(`--load × --rate must be at most ${LOAD_LIMITS.maxTotalRate} messages/s in total`);
  if (!(o.durationMs > 0 && o.durationMs <= LOAD_LIMITS.maxDurationMs))
    problems.push(`load mode needs --duration, at most ${LOAD_LIMITS.maxDurationMs / 60_000}m`);
  if (o.devices * o.ratePerDevice * (o.durationMs / 1000) > LOAD_LIMITS.maxMessages)
    problems.push(`--load × --rate × --duration must be at most ${LOAD_LIMITS.maxMessages} messages`);
  return problems;
}
