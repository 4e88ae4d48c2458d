import { SupervisedProcess, type SupervisedProcessOptions } from './process-supervisor';
import { ServiceStartError } from './service-start.error';
import { createTempDir, removeTempDir } from './temp-dir';
import { waitFor, WaitForTimeoutError } from './wait-for';

/** Default deadline for a server to answer after its process was spawned. */
export const READY_TIMEOUT_MS = 60_000;
const PORT_ATTEMPTS = 3;

/** One attempt at starting a server, prepared by the server's start function. */
export interface StartAttempt<T> {
  spawn: SupervisedProcessOptions;
  /** True once the server answers; errors count as "not yet". */
  ready: () => Promise<boolean>;
  /** Runs once after readiness (create a database...); a failure stops the server. */
  setup?: () => Promise<void>;
  /** Builds the public handle; `stop` stops the process and removes the directory. */
  server: (stop: () => Promise<void>, child: SupervisedProcess) => T;
}

/**
 * Spawns a server and waits until `ready()` holds. Throws a {@link ServiceStartError} with the
 * log tail when the process exits first or the deadline passes (the process is killed then).
 */
export async function launchProcess(
  service: string,
  options: SupervisedProcessOptions,
  ready: () => Promise<boolean>,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<SupervisedProcess> {
  const child = SupervisedProcess.spawn(options);
  const failure = (code: 'PROCESS_EXITED' | 'NOT_READY', message: string, cause?: unknown) =>
    new ServiceStartError(service, code, message, {
      logFile: options.logFile,
      logTail: child.logTail(),
      retryable: code === 'NOT_READY',
      cause,
    });
  try {
    await waitFor(ready, {
      timeoutMs,
      intervalMs: 25,
      what: `${service} to answer`,
      failFast: () =>
        child.running
          ? undefined
          : failure('PROCESS_EXITED', `${options.name} ${child.exitDescription}`),
    });
    return child;
  } catch (error) {
    await child.kill();
    if (error instanceof WaitForTimeoutError) throw failure('NOT_READY', error.message, error);
    throw error;
  }
}

/**
 * Starts a server in a fresh temporary directory. When the process dies because its port was
 * taken between {@link freePort} and the bind, `prepare` is called again for a new port.
 */
export async function startWithPortRetry<T>(
  service: string,
  prepare: (dir: string, attempt: number) => Promise<StartAttempt<T>>,
): Promise<T> {
  const dir = createTempDir(service);
  try {
    for (let attempt = 1; ; attempt++) {
      const spec = await prepare(dir, attempt);
      try {
        const child = await launchProcess(service, spec.spawn, spec.ready);
        return await finishStart(service, dir, spec, child);
      } catch (error) {
        const portRace = error instanceof ServiceStartError && error.portInUse;
        if (!portRace || attempt >= PORT_ATTEMPTS) throw error;
      }
    }
  } catch (error) {
    await removeTempDir(dir);
    throw error;
  }
}

async function finishStart<T>(
  service: string,
  dir: string,
  spec: StartAttempt<T>,
  child: SupervisedProcess,
): Promise<T> {
  try {
    await spec.setup?.();
  } catch (cause) {
    await child.stop();
    throw new ServiceStartError(
      service,
      'SETUP_FAILED',
      `setup failed: ${(cause as Error).message}`,
      {
        logFile: spec.spawn.logFile,
        logTail: child.logTail(),
        cause,
      },
    );
  }
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await child.stop();
      await removeTempDir(dir);
    })());
  return spec.server(stop, child);
}
