import { constants } from 'node:os';

/** The signals that stop a service gracefully: Ctrl-C, a supervisor's stop, a closed terminal. */
export const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** How {@link gracefulShutdown} stops a process. */
export interface GracefulShutdownOptions {
  /** The service's name, at the start of each log line. */
  name: string;
  /** Stops the service, flushing what it buffered. */
  stop: () => Promise<void>;
  /** Longest wait for `stop` before the process exits anyway (HG_SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  log: (line: string) => void;
  exit: (code: number) => void;
}

/**
 * Exit codes: 0 stopped cleanly; 1 `stop` failed or missed the deadline; 128 + the signal's number
 * (130 for SIGINT) when a second signal forced the exit, as a shell reports a process killed by it.
 */
export function gracefulShutdown(
  options: GracefulShutdownOptions,
): (signal: NodeJS.Signals) => void {
  const { name, log, exit } = options;
  let stopping = false;
  return (signal) => {
    if (stopping) {
      log(
        `${name}: second ${signal} while shutting down, exiting at once without finishing the flush`,
      );
      exit(128 + (constants.signals[signal] ?? 2));
      return;
    }
    stopping = true;
    log(
      `${name}: ${signal}, shutting down and flushing buffered writes (at most ${options.timeoutMs} ms; send it again to exit at once)`,
    );
    const deadline = setTimeout(() => {
      log(
        `${name}: shutdown did not finish within ${options.timeoutMs} ms (HG_SHUTDOWN_TIMEOUT_MS), exiting without finishing the flush`,
      );
      exit(1);
    }, options.timeoutMs);
    options.stop().then(
      () => {
        clearTimeout(deadline);
        log(`${name}: stopped, buffered writes flushed`);
        exit(0);
      },
      (error: Error) => {
        clearTimeout(deadline);
        log(`${name}: shutdown failed: ${error.message}`);
        exit(1);
      },
    );
  };
}
