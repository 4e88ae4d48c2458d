import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDebianPackage } from './debian-package-installer';
import { freePort } from './free-port';
import type { InfluxFaults } from './influx-compat-shim.faults';
import { startInfluxCompatShim, type InfluxCompatShimProcess } from './influx-compat-shim.process';
import type { InfluxWriteRecord } from './influx-compat-shim.write-log';
import { influxQuery, type InfluxQueryOptions, type InfluxRow } from './influx-query';
import type { SupervisedProcess, SupervisedProcessOptions } from './process-supervisor';
import { launchProcess, startWithPortRetry } from './server-start';

const INFLUXD = '/usr/bin/influxd';

/** Options of {@link startInfluxDb}. */
export interface InfluxOptions {
  /** Database created at start (default "hourglass"). */
  database?: string;
  /** Retention policy written to (default "autogen"; any other is created with infinite duration). */
  retentionPolicy?: string;
  /** Reported as `org`; the shim ignores it, as InfluxDB 1.8 does (default "hourglass"). */
  org?: string;
  /** Reported as `token`; the shim accepts any token (default "hourglass-test-token"). */
  token?: string;
}

/** A running InfluxDB 1.6 with its v2 compatibility shim, started by {@link startInfluxDb}. */
export interface InfluxServer {
  /** The shim: give this to `@influxdata/influxdb-client` (`new InfluxDB({ url, token })`). */
  url: string;
  /** influxd itself (v1 API: /write, /query, /ping); unreachable while it is killed. */
  v1Url: string;
  org: string;
  /** `<database>/<retentionPolicy>`, the v2 name of the pair. */
  bucket: string;
  token: string;
  database: string;
  retentionPolicy: string;
  /** Temporary directory: influxdb.conf, meta/, data/, wal/, influxd.log, shim.log. */
  dir: string;
  /** True while influxd runs (false after kill() until restart()). */
  readonly running: boolean;
  /** InfluxQL over the v1 API against this database and retention policy; rows flattened. */
  query(influxql: string, options?: Pick<InfluxQueryOptions, 'epoch'>): Promise<InfluxRow[]>;
  /** Stops influxd (SIGTERM, SIGKILL after 10 s) and the shim, then removes the directory. */
  stop(): Promise<void>;
  /** Outage: SIGKILL influxd. The shim stays up and answers every write with 503 "unavailable". */
  kill(): Promise<void>;
  /** Starts influxd again on the same port and directories (stopping it first if it runs). */
  restart(): Promise<void>;
  /**
   * Fault injection on the shim's writes, in force until the next call (`faults({})` turns them
   * off; kill()/restart() leave them alone): `latencyMs` delays each write before it is forwarded
   * or answered, `status` answers it with that status instead of forwarding it (with
   * `Retry-After: retryAfterSeconds` when given). Resolves once the shim applies them.
   */
  faults(faults: InfluxFaults): Promise<void>;
  /** Every write the shim received (up to the last 10,000), oldest first, with its timing and status. */
  writeLog(): Promise<InfluxWriteRecord[]>;
}

/**
 * Starts Debian's InfluxDB 1.6 on 127.0.0.1 and a free port in a temporary directory, creates the
 * database (and retention policy), and puts the v2 compatibility shim in front of it (see
 * influx-compat-shim.ts). Resolves once influxd answers /ping and the shim listens.
 */
export async function startInfluxDb(options: InfluxOptions = {}): Promise<InfluxServer> {
  const database = options.database ?? 'hourglass';
  const retentionPolicy = options.retentionPolicy ?? 'autogen';
  await ensureDebianPackage('influxdb', INFLUXD, 'influxdb');
  return startWithPortRetry('influxdb', async (dir) => {
    const [httpPort, rpcPort] = [await freePort(), await freePort()];
    const v1Url = `http://127.0.0.1:${httpPort}`;
    const config = join(dir, 'influxdb.conf');
    writeFileSync(config, influxConfig(dir, httpPort, rpcPort));
    const spawn: SupervisedProcessOptions = {
      name: 'influxd',
      command: INFLUXD,
      args: ['-config', config],
      logFile: join(dir, 'influxd.log'),
      env: withoutInfluxVariables(),
    };
    let shim: InfluxCompatShimProcess | undefined;
    return {
      spawn,
      ready: () => pingOk(v1Url),
      setup: async () => {
        await influxQuery(v1Url, `CREATE DATABASE "${database}"`);
        if (retentionPolicy !== 'autogen') {
          await influxQuery(
            v1Url,
            `CREATE RETENTION POLICY "${retentionPolicy}" ON "${database}" DURATION INF REPLICATION 1`,
          );
        }
        shim = await startInfluxCompatShim(dir, httpPort);
      },
      server: (removeAll, influxd) => {
        if (!shim) throw new Error('influxdb: the shim was not started');
        const identity = {
          ...{ v1Url, database, retentionPolicy, dir },
          bucket: `${database}/${retentionPolicy}`,
          org: options.org ?? 'hourglass',
          token: options.token ?? 'hourglass-test-token',
        };
        return new InfluxServerHandle(identity, spawn, influxd, shim, removeAll);
      },
    };
  });
}

type InfluxIdentity = Omit<
  InfluxServer,
  'url' | 'running' | 'query' | 'stop' | 'kill' | 'restart' | 'faults' | 'writeLog'
>;

class InfluxServerHandle implements InfluxServer {
  readonly url: string;
  readonly v1Url: string;
  readonly org: string;
  readonly bucket: string;
  readonly token: string;
  readonly database: string;
  readonly retentionPolicy: string;
  readonly dir: string;
  private stopping: Promise<void> | undefined;

  constructor(
    identity: InfluxIdentity,
    private readonly spawn: SupervisedProcessOptions,
    private influxd: SupervisedProcess,
    private readonly shim: InfluxCompatShimProcess,
    private readonly removeAll: () => Promise<void>,
  ) {
    this.url = shim.url;
    this.v1Url = identity.v1Url;
    this.org = identity.org;
    this.bucket = identity.bucket;
    this.token = identity.token;
    this.database = identity.database;
    this.retentionPolicy = identity.retentionPolicy;
    this.dir = identity.dir;
  }

  get running(): boolean {
    return this.influxd.running;
  }

  query(influxql: string, options: Pick<InfluxQueryOptions, 'epoch'> = {}): Promise<InfluxRow[]> {
    return influxQuery(this.v1Url, influxql, {
      ...options,
      database: this.database,
      retentionPolicy: this.retentionPolicy,
    });
  }

  stop(): Promise<void> {
    return (this.stopping ??= (async () => {
      await Promise.all([this.influxd.stop(), this.shim.process.stop(5_000)]);
      await this.removeAll();
    })());
  }

  kill(): Promise<void> {
    return this.influxd.kill();
  }

  async restart(): Promise<void> {
    if (this.stopping) throw new Error('influxdb: restart() after stop()');
    await this.influxd.stop();
    this.influxd = await launchProcess('influxdb', this.spawn, () => pingOk(this.v1Url));
  }

  async faults(faults: InfluxFaults): Promise<void> {
    await this.control('PUT', '/_shim/faults', faults);
  }

  async writeLog(): Promise<InfluxWriteRecord[]> {
    return (await this.control('GET', '/_shim/writes')) as InfluxWriteRecord[];
  }

  private async control(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`influxdb shim: ${method} ${path} -> ${response.status} ${text}`);
    return JSON.parse(text) as unknown;
  }
}

async function pingOk(v1Url: string): Promise<boolean> {
  const response = await fetch(`${v1Url}/ping`, { signal: AbortSignal.timeout(1_000) });
  return response.status === 204;
}

/** influxd reads INFLUXDB_* variables over the config file; none of the machine's may leak in. */
function withoutInfluxVariables(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('INFLUXDB_')),
  );
}

function influxConfig(dir: string, httpPort: number, rpcPort: number): string {
  return `# Written by @hourglass/testing-services for InfluxDB 1.6
reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${join(dir, 'meta')}"
  logging-enabled = false

[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false
  trace-logging-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = false
  log-enabled = false
  pprof-enabled = false

[logging]
  level = "warn"
  suppress-logo = true

[monitor]
  store-enabled = false

[subscriber]
  enabled = false

[retention]
  enabled = false

[continuous_queries]
  log-enabled = false
`;
}
