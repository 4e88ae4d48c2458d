/** Why a server of the harness could not be started. */
export type ServiceStartErrorCode =
  /** The Debian package could not be installed (apt-get failed or the lock was never released). */
  | 'PACKAGE_INSTALL_FAILED'
  /** The process exited during start-up; the log tail says why. */
  | 'PROCESS_EXITED'
  /** The process kept running but never answered before the deadline. */
  | 'NOT_READY'
  /** Initialising or configuring the server (initdb, CREATE DATABASE...) failed. */
  | 'SETUP_FAILED';

/**
 * A server of the harness failed to start. The message ends with the tail of the server's log;
 * `retryable` says whether trying again may help (e.g. a port taken by another process meanwhile).
 */
export class ServiceStartError extends Error {
  override readonly name = 'ServiceStartError';
  constructor(
    readonly service: string,
    readonly code: ServiceStartErrorCode,
    message: string,
    readonly options: {
      logFile?: string;
      logTail?: string;
      retryable?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(formatMessage(service, message, options.logFile, options.logTail), {
      cause: options.cause,
    });
  }

  /** True when a retry may succeed (port race, slow machine), false for a broken installation or config. */
  get retryable(): boolean {
    return (this.options.retryable ?? false) || this.portInUse;
  }

  /** True when the log shows the port was taken between {@link freePort} and the bind. */
  get portInUse(): boolean {
    return /address already in use|EADDRINUSE|could not bind|Address in use/i.test(
      this.options.logTail ?? '',
    );
  }
}

function formatMessage(
  service: string,
  message: string,
  logFile?: string,
  logTail?: string,
): string {
  const head = `${service}: ${message}`;
  if (!logTail) return logFile ? `${head} (log: ${logFile})` : head;
  return `${head}\n--- last lines of ${logFile ?? 'the log'} ---\n${logTail}`;
}
