import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackage, freePort, waitFor } from '@hourglass/testing-services';
import { ChildHost } from '../support/child-host';
import { summarizeCpuProfile, type CpuProfileSummary } from '../support/cpu-profile';
import type { DeviceSpec } from '../ingest/device-connection';
import type { ReconnectHostStarted } from './reconnect-host';

/** A broker the reconnect phase can kill (SIGKILL) and start again with the same state and port. */
export interface RestartableBroker {
  readonly url: string;
  /** Kills the broker's process and waits for its exit. */
  kill(): Promise<void>;
  /** Starts it again; resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Rejections counted by the running broker (the hardened one only). */
  rejections(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** The hardened broker as apps/broker runs it (bench/broker/reconnect-host.ts), on an embedded database on disk. */
export class HardenedBroker implements RestartableBroker {
  private constructor(
    private host: ChildHost,
    private readonly dataDir: string,
    readonly started: ReconnectHostStarted,
    private readonly profileDir: string | null,
  ) {}

  get url(): string {
    return this.started.url;
  }

  /**
   * Starts the broker after provisioning `ids` through the registry (real credentials, the product's
   * hashing). With `cpuProf`, the restarted process is profiled from its start (cold start and storm).
   */
  static async start(ids: readonly string[], cpuProf = false): Promise<HardenedBroker> {
    const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-reconnect-'));
    const profileDir = cpuProf ? mkdtempSync(join(tmpdir(), 'hg-bench-reconnect-prof-')) : null;
    const host = ChildHost.start('reconnect-broker', 'bench/broker/reconnect-host.ts');
    const started = await host.call<ReconnectHostStarted>('start', {
      dataDir,
      port: 0,
      provision: [...ids],
    });
    return new HardenedBroker(host, dataDir, started, profileDir);
  }

  async kill(): Promise<void> {
    if (this.host.pid !== undefined) process.kill(this.host.pid, 'SIGKILL');
    await this.host.stop();
  }

  async restart(): Promise<void> {
    const profiling = this.profileDir
      ? ['--cpu-prof', '--cpu-prof-interval=500', `--cpu-prof-dir=${this.profileDir}`]
      : [];
    this.host = ChildHost.start(
      'reconnect-broker',
      'bench/broker/reconnect-host.ts',
      [],
      process.env,
      [...process.execArgv, ...profiling],
    );
    await this.host.call<ReconnectHostStarted>('start', {
      dataDir: this.dataDir,
      port: this.started.port,
      provision: [],
    });
  }

  /** After {@link stop}: where the restarted process's CPU went (null without `cpuProf`). */
  profile(): CpuProfileSummary | null {
    if (!this.profileDir) return null;
    const file = readdirSync(this.profileDir).find((f) => f.endsWith('.cpuprofile'));
    return file ? summarizeCpuProfile(join(this.profileDir, file), 40) : null;
  }

  rejections(): Promise<Record<string, number>> {
    return this.host.call<Record<string, number>>('rejections');
  }

  async stop(): Promise<void> {
    await this.host.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

const MOSQUITTO = '/usr/sbin/mosquitto';

/**
 * Debian's Mosquitto 2.0 with password authentication: the devices' own credentials in a
 * password file (`mosquitto_passwd -U`: PBKDF2-SHA512, Mosquitto 2.0's format), anonymous refused.
 */
export class MosquittoBroker implements RestartableBroker {
  private child?: ChildProcess;

  private constructor(
    private readonly dir: string,
    private readonly port: number,
  ) {}

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  static async start(devices: readonly DeviceSpec[]): Promise<MosquittoBroker> {
    await ensureDebianPackage('mosquitto', MOSQUITTO, 'mosquitto');
    const dir = mkdtempSync(join(tmpdir(), 'hg-bench-mosquitto-'));
    const passwords = join(dir, 'passwd');
    writeFileSync(passwords, devices.map((d) => `${d.username}:${d.password}\n`).join(''));
    execFileSync('mosquitto_passwd', ['-U', passwords]);
    const broker = new MosquittoBroker(dir, await freePort());
    const config = [
      'user root',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      `listener ${broker.port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${passwords}`,
      '',
    ];
    writeFileSync(join(dir, 'mosquitto.conf'), config.join('\n'));
    await broker.restart();
    return broker;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async restart(): Promise<void> {
    this.child = spawn(MOSQUITTO, ['-c', join(this.dir, 'mosquitto.conf')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(() => accepts(this.port), {
      timeoutMs: 10_000,
      intervalMs: 5,
      what: 'mosquitto listening',
    });
  }

  async rejections(): Promise<Record<string, number>> {
    return {};
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
