import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

// A tiny request/response protocol over the IPC channel of a forked bench process.
interface CallMessage {
  kind: 'call';
  id: number;
  method: string;
  params: unknown;
}
interface ReplyMessage {
  kind: 'reply';
  id: number;
  result?: unknown;
  error?: string;
}

const ROOT = resolve(__dirname, '../..');
const RUN = resolve(ROOT, 'tools/run.js');

/** Handlers of a child process, by method name. */
export type CallHandlers = Record<string, (params: never) => unknown>;

/**
 * A bench process started with `node tools/run.js <entry>` (so its TypeScript runs from source),
 * its stdout and stderr on our stderr; `call()` runs one of the handlers it registered with
 * {@link serveCalls}.
 */
export class ChildHost {
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private exited?: string;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (message: ReplyMessage) => {
      const waiter = this.pending.get(message.id);
      if (message.kind !== 'reply' || !waiter) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(`${name}: ${message.error}`));
      else waiter.resolve(message.result);
    });
    child.on('exit', (code, signal) => {
      this.exited = signal ? `killed by ${signal}` : `exited with code ${code}`;
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`${name} ${this.exited}`));
      this.pending.clear();
    });
  }

  /** Forks `entry` (a path relative to the repository root). */
  static start(
    name: string,
    entry: string,
    args: readonly string[] = [],
    env: NodeJS.ProcessEnv = process.env,
    /** Node options of the child (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
    execArgv: readonly string[] = process.execArgv,
  ): ChildHost {
    const child = fork(RUN, [entry, ...args], {
      cwd: ROOT,
      env,
      execArgv: [...execArgv],
      stdio: ['ignore', 2, 2, 'ipc'],
      serialization: 'advanced',
    });
    return new ChildHost(name, child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  call<T>(method: string, params: unknown = {}): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.name} ${this.exited}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ kind: 'call', id, method, params } satisfies CallMessage);
    });
  }

  /** Asks the child to finish (`stop` handler), then waits for it to exit; kills it after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    if (this.exited) return;
    const exit = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.call('stop').catch(() => undefined);
    await exit;
    clearTimeout(timer);
  }
}

/**
 * The child side: answers the parent's calls with `handlers`; a `stop` handler, when given, runs
 * before the process exits on the parent's `stop` call (and when the parent goes away).
 */
export function serveCalls(handlers: CallHandlers): void {
  const reply = (message: ReplyMessage) => process.send?.(message);
  let finishing = false;
  const finish = async () => {
    if (finishing) return;
    finishing = true;
    await handlers['stop']?.(undefined as never);
    process.exit(0);
  };
  process.on('message', (message: CallMessage) => {
    if (message.kind !== 'call') return;
    if (message.method === 'stop') {
      reply({ kind: 'reply', id: message.id, result: null });
      void finish();
      return;
    }
    const handler = handlers[message.method];
    if (!handler) {
      reply({ kind: 'reply', id: message.id, error: `no method ${message.method}` });
      return;
    }
    Promise.resolve()
      .then(() => handler(message.params as never))
      .then(
        (result) => reply({ kind: 'reply', id: message.id, result }),
        (error: unknown) =>
          reply({
            kind: 'reply',
            id: message.id,
            error: error instanceof Error ? error.message : String(error),
          }),
      );
  });
  process.on('disconnect', () => void finish());
}
