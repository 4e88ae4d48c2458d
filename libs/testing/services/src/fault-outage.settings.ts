/** The outage of the fault tests in CI: long enough for the spool to take over a thousand samples (5 minutes by hand). */
export const DEFAULT_FAULT_OUTAGE_MS = 8_000;

/**
 * How long the fault tests keep a store down: `HOURGLASS_FAULT_OUTAGE_S` seconds when set (e.g.
 * `300` for hostile-inputs.md F1's 5 minutes, run by hand), else {@link DEFAULT_FAULT_OUTAGE_MS}
 * so `npm test` stays lean. A test's own timeout should grow with it ({@link faultScenarioMs}).
 */
export function faultOutageMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['HOURGLASS_FAULT_OUTAGE_S'];
  if (raw === undefined || raw === '') return DEFAULT_FAULT_OUTAGE_MS;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`HOURGLASS_FAULT_OUTAGE_S must be a positive number of seconds, not "${raw}"`);
  }
  return seconds * 1000;
}

/** A scenario's time limit: the outage plus `restMs` for start, recovery and drain. */
export function faultScenarioMs(restMs: number, env: NodeJS.ProcessEnv = process.env): number {
  return faultOutageMs(env) + restMs;
}
