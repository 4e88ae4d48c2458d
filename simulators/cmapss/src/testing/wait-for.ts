/**
 * Resolves once `condition` holds, polling every `intervalMs`; rejects naming `what` after
 * `timeoutMs`. For tests: a condition with a deadline instead of a sleep.
 */
export async function waitFor(
  condition: () => boolean,
  what: string,
  timeoutMs = 10_000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
