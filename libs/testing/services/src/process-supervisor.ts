import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { removeTempDirsSync } from './temp-dir';

/** How {@link SupervisedProcess.spawn} starts a server. */
export interface SupervisedProcessOptions {
  /** Short name used in errors, e.g. "influxd". */
  name: string;
  /** Absolute path of the executable. */
  command: string;
  args: readonly string[];
  /** stdout and stderr are appended to this file (not piped through the test's event loop). */
  logFile: string;
  cwd?: string;
  /** Environment (default: the test process's). */
  env?: NodeJS.ProcessEnv;
  /** Run as this OS user and its group instead of root (e.g. "postgres"). */
  runAs?: string;
  /** Signal for a graceful stop (default SIGTERM). */
  stopSignal?: NodeJS.Signals;
  /** Opens an IPC channel (for Node children). */
  ipc?: boolean;
}

const SETPRIV = '/usr/bin/setpriv';
const live = new Set<SupervisedProcess>();
let exitHookInstalled = false;

/**
 * One server process owned by the test process.
 *
 * It is started through `setpriv --pdeathsig KILL`, so the kernel kills it when the test process
 * dies, however it dies (Jest's sandboxed `process` never emits "exit" to test code, so an exit
 * hook alone would not do). The process is unref'd: a server a test forgot to stop never keeps
 * Jest from exiting.
 */
export class SupervisedProcess {
  /** Resolves when the process has exited, however. */
  readonly exited: Promise<void>;
  private exitInfo: string | undefined;

  private constructor(
    readonly options: SupervisedProcessOptions,
    readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => {
      const ended = (info: string) => {
        this.exitInfo ??= info;
        live.delete(this);
        resolve();
      };
      child.once('exit', (code, signal) =>
        ended(signal ? `was killed by ${signal}` : `exited with code ${code}`),
      );
      child.once('error', (error) => ended(`could not be spawned: ${error.message}`));
    });
  }

  /** Starts the process; its output goes to `options.logFile`. */
  static spawn(options: SupervisedProcessOptions): SupervisedProcess {
    installExitHook();
    const log = openSync(options.logFile, 'a');
    writeSync(
      log,
      `--- ${new Date().toISOString()} starting ${options.command} ${options.args.join(' ')}\n`,
    );
    const identity = options.runAs
      ? [`--reuid=${options.runAs}`, `--regid=${options.runAs}`, '--init-groups']
      : [];
    try {
      const child = spawn(
        SETPRIV,
        [...identity, '--pdeathsig', 'KILL', '--', options.command, ...options.args],
        {
          cwd: options.cwd,
          env: options.env ?? process.env,
          stdio: options.ipc ? ['ignore', log, log, 'ipc'] : ['ignore', log, log],
        },
      );
      const supervised = new SupervisedProcess(options, child);
      child.unref();
      live.add(supervised);
      return supervised;
    } finally {
      closeSync(log);
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Undefined while running; otherwise how it ended ("exited with code 1"). */
  get exitDescription(): string | undefined {
    return this.exitInfo;
  }

  get running(): boolean {
    return this.exitInfo === undefined;
  }

  /** Sends the stop signal, then SIGKILL if the process is still there after `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill(this.options.stopSignal ?? 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>(
      (resolve) => (timer = setTimeout(() => resolve('late'), timeoutMs)),
    );
    const outcome = await Promise.race([this.exited.then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'late') await this.kill();
  }

  /** SIGKILL: no shutdown at all, as in a crash or a pulled plug. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** The last `lines` lines of the log file. */
  logTail(lines = 30): string {
    return readTail(this.options.logFile, lines);
  }
}

/**
 * Runs a command to completion (optionally as another OS user) with its output appended to
 * `logFile`; resolves with the exit code (null when it could not be spawned).
 */
export function runToCompletion(
  command: string,
  args: readonly string[],
  options: { logFile: string; runAs?: string; env?: NodeJS.ProcessEnv },
): Promise<number | null> {
  const log = openSync(options.logFile, 'a');
  const identity = options.runAs
    ? [`--reuid=${options.runAs}`, `--regid=${options.runAs}`, '--init-groups', '--']
    : [];
  return new Promise<number | null>((resolve) => {
    const child = spawn(
      options.runAs ? SETPRIV : command,
      options.runAs ? [...identity, command, ...args] : args,
      {
        stdio: ['ignore', log, log],
        env: options.env ?? process.env,
      },
    );
    child.once('error', () => resolve(null));
    child.once('exit', (code) => resolve(code));
  }).finally(() => closeSync(log));
}

/** The last `lines` lines of a text file ('' when it cannot be read). */
export function readTail(file: string, lines = 30): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(size, 16 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Outside Jest (scripts, tools/run.js), a normal exit also kills the children and removes their
 * directories at once; inside Jest the directories are swept by the next run (see temp-dir.ts).
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const supervised of live) supervised.child.kill('SIGKILL');
    removeTempDirsSync();
  });
}
