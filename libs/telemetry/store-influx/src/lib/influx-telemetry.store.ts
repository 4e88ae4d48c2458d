import { HttpError, InfluxDB } from '@influxdata/influxdb-client';
import { encodeLineProtocol, type TelemetrySample } from '@hourglass/telemetry-schema';
import {
  TelemetryStoreError,
  resolveTelemetryRetention,
  type TelemetryRange,
  type TelemetryRetention,
  type TelemetryRetentionOptions,
  type TelemetryRow,
  type TelemetryStore,
} from '@hourglass/telemetry-store';
import {
  applyRetentionSetup,
  listRetentionPolicies,
  rawRetentionPolicy,
  type InfluxQlRunner,
} from './influx-retention-setup';
import {
  AGGREGATE_FIELD_PREFIX,
  aggregateSource,
  downsampleStatement,
  parseInfluxMajorVersion,
  quoteIdent,
  quoteString,
  type InfluxAggregate,
  type InfluxDownsamplingTarget,
  type RetentionPolicyInfo,
} from './influxql-downsampling';
import {
  influxQlError,
  seriesRecords,
  toTelemetryRows,
  type InfluxQlResult,
} from './influxql-result';
import { FetchInfluxV2Api } from './influx-v2-api';
import { applyInfluxV2Layout, influxV2Layout } from './influx-v2-setup';

/** Connection settings (HG_INFLUX_*) and retention. */
export interface InfluxTelemetryStoreOptions {
  url: string;
  token?: string;
  org: string;
  /** `database/retention-policy` on InfluxDB 1.x, a bucket (with a DBRP mapping for InfluxQL) on 2.x/3.x. */
  bucket: string;
  /** Request timeout in ms (default 10 s). */
  timeoutMs?: number;
  measurement?: string;
  /** How long raw samples and 1-minute and 1-hour means are kept (see DEFAULT_TELEMETRY_RETENTION); applied by `prepare()` on 1.x. */
  retention?: TelemetryRetentionOptions;
  /** Where `prepare()` says what it did (default: stderr). */
  log?: (line: string) => void;
}

/** What {@link InfluxTelemetryStore.prepare} did. */
export interface InfluxPrepareResult {
  /** The server's `X-Influxdb-Version`. */
  version: string;
  /** True when the retention and downsampling setup is complete (1.x: policies and continuous queries; 2.x: buckets, DBRP mappings and tasks). */
  applied: boolean;
}

// Status codes after which the same batch can never succeed (the client drops them too).
const PERMANENT = new Set([400, 401, 403, 404, 413, 422]);

/**
 * InfluxDB telemetry store. Writes go straight through the client's transport to `/api/v2/write`
 * without the client's in-memory retry buffer (not durable: 32,000 lines, dropped on close);
 * retrying is the caller's job, with durable state. Reads use InfluxQL on `/query`, which
 * InfluxDB 1.8+, 2.x and 3.x all answer. On 1.x, {@link prepare} sets up retention and the
 * continuous queries filling the 1-minute and 1-hour means (see the README for 2.x and 3.x).
 */
export class InfluxTelemetryStore implements TelemetryStore, InfluxQlRunner {
  readonly kind = 'influxdb' as const;
  readonly retention: TelemetryRetention;
  private readonly influx: InfluxDB;
  private readonly writePath: string;
  private readonly database: string;
  private readonly retentionPolicy?: string;
  private readonly measurement: string;
  private readonly log: (line: string) => void;
  private target?: Promise<InfluxDownsamplingTarget>;

  constructor(private readonly options: InfluxTelemetryStoreOptions) {
    this.influx = new InfluxDB({
      url: options.url,
      token: options.token,
      timeout: options.timeoutMs ?? 10_000,
    });
    const q = new URLSearchParams({ org: options.org, bucket: options.bucket, precision: 'ms' });
    this.writePath = `/api/v2/write?${q}`;
    [this.database, this.retentionPolicy] = options.bucket.split('/');
    this.measurement = options.measurement ?? 'telemetry';
    this.retention = resolveTelemetryRetention(options.retention);
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  async write(samples: readonly TelemetrySample[]): Promise<void> {
    if (samples.length === 0) return;
    const body = samples.map((s) => encodeLineProtocol(s, this.measurement)).join('\n');
    try {
      await this.influx.transport.request(this.writePath, body, {
        method: 'POST',
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    } catch (error) {
      throw toStoreError(error);
    }
  }

  async query(deviceId: string, range: TelemetryRange): Promise<TelemetryRow[]> {
    const resolution = range.resolution ?? 'raw';
    const aggregated = resolution !== 'raw';
    const names = aggregated
      ? range.metrics?.map((m) => `${AGGREGATE_FIELD_PREFIX}${m}`)
      : range.metrics && [...range.metrics, 'state', 'seq'];
    const fields = names ? names.map(quoteIdent).join(', ') : '*';
    // Aggregates live in their own retention policy; the raw measurement in the bucket's (the rp parameter).
    const source = aggregated
      ? aggregateSource(this.database, this.measurement, resolution)
      : quoteIdent(this.measurement);
    const limit = range.limit ? ` limit ${Math.floor(range.limit)}` : '';
    const order = range.newest ? ' order by time desc' : '';
    const q =
      `select ${fields} from ${source} where "device" = ${quoteString(deviceId)}` +
      ` and time >= ${Math.floor(range.from)}ms and time < ${Math.floor(range.to)}ms${order}${limit}`;
    const rows = toTelemetryRows(await this.influxQl(q), aggregated);
    return range.newest ? rows.reverse() : rows;
  }

  /**
   * Applies retention and downsampling; call once at start (idempotent). On InfluxDB 1.x: sets
   * the duration of the bucket's retention policy to the raw retention, creates or updates
   * `rp_1m` and `rp_1h`, and (re)creates the continuous queries `cq_<measurement>_1m` and
   * `cq_<measurement>_1h`. On 2.x and 3.x it changes nothing and logs that the operator sets
   * these up on the server (buckets, tasks; see the README).
   */
  async prepare(): Promise<InfluxPrepareResult> {
    const version = await this.serverVersion();
    const major = parseInfluxMajorVersion(version);
    if (major === 2) return this.prepareV2(version);
    if (major !== 1) {
      this.log(
        `telemetry: InfluxDB ${version || '(version unknown)'}: retention and downsampling are not managed by ` +
          `Hourglass here; set the database retention and the 1m/1h downsampling on the server (libs/telemetry/store-influx/README.md)`,
      );
      return { version, applied: false };
    }
    const policies = await listRetentionPolicies(this, this.database);
    const target = this.targetFrom(policies);
    this.target = Promise.resolve(target);
    await applyRetentionSetup(this, target, this.retention, policies);
    this.log(
      `telemetry: InfluxDB ${version}: retention ${target.rawRetentionPolicy}/rp_1m/rp_1h and continuous queries applied`,
    );
    return { version, applied: true };
  }

  /**
   * Runs the continuous queries' aggregation now for every 1-minute and 1-hour bucket overlapping
   * [fromMs, toMs) (InfluxDB 1.x only): for tests, and to backfill after importing old samples.
   * Rewrites whole buckets, so running it again changes nothing. Returns the points written.
   */
  async downsample(fromMs: number, toMs: number): Promise<Record<InfluxAggregate, number>> {
    this.target ??= listRetentionPolicies(this, this.database).then((policies) =>
      this.targetFrom(policies),
    );
    const target = await this.target.catch((error: unknown) => {
      this.target = undefined;
      throw error;
    });
    const written: Record<InfluxAggregate, number> = { '1m': 0, '1h': 0 };
    for (const resolution of ['1m', '1h'] as const) {
      const result = await this.influxQl(downsampleStatement(target, resolution, fromMs, toMs), {
        write: true,
      });
      written[resolution] = Number(seriesRecords(result)[0]?.['written'] ?? 0);
    }
    return written;
  }

  /**
   * InfluxDB 2.x: the raw bucket's retention, the `_1m`/`_1h` buckets, their DBRP mappings and the
   * downsampling tasks, created or updated through the HTTP API ({@link applyInfluxV2Layout}); what
   * the token may not make is logged, item by item, with the `influx` command that makes it.
   */
  private async prepareV2(version: string): Promise<InfluxPrepareResult> {
    const layout = influxV2Layout(this.options.bucket, this.measurement, this.retention);
    const api = new FetchInfluxV2Api(this.options.url, this.options.token, this.options.timeoutMs);
    const report = await applyInfluxV2Layout(api, this.options.org, layout);
    const done = [
      ...report.created.map((c) => `created ${c}`),
      ...report.updated.map((u) => `updated ${u}`),
    ];
    this.log(
      `telemetry: InfluxDB ${version}: ${report.verified.length} of ${layout.buckets.length + layout.dbrps.length + layout.tasks.length} ` +
        `setup items in place${done.length > 0 ? `; ${done.join('; ')}` : ''}`,
    );
    if (report.missing.length > 0)
      this.log(
        `telemetry: InfluxDB ${version}: missing and not creatable with this token (reads of 1m/1h means and retention depend on them):\n  ${report.missing.join('\n  ')}`,
      );
    return { version, applied: report.missing.length === 0 };
  }

  /** The server's `X-Influxdb-Version` header from `/ping` ('' when it sends none). */
  async serverVersion(): Promise<string> {
    let version = '';
    try {
      await this.influx.transport.request('/ping', '', { method: 'GET' }, (headers) => {
        version = String(headers['x-influxdb-version'] ?? '');
      });
    } catch (error) {
      throw toStoreError(error);
    }
    return version;
  }

  async ping(): Promise<boolean> {
    await this.influxQl('show measurements limit 1');
    return true;
  }

  async close(): Promise<void> {
    // Nothing buffered here: every write is awaited by its caller.
  }

  /** Runs InfluxQL, with POST when `write` (InfluxDB refuses statements that change data on GET); rows come back with epoch-ms times. */
  async influxQl(q: string, options: { write?: boolean } = {}): Promise<InfluxQlResult> {
    const params = new URLSearchParams({ db: this.database, epoch: 'ms' });
    if (this.retentionPolicy) params.set('rp', this.retentionPolicy);
    const body = new URLSearchParams({ q }).toString();
    try {
      const result = (await (options.write
        ? this.influx.transport.request(`/query?${params}`, body, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
        : this.influx.transport.request(`/query?${params}&${body}`, '', {
            method: 'GET',
          }))) as InfluxQlResult;
      const error = influxQlError(result);
      if (error) throw new TelemetryStoreError(`InfluxQL error: ${error}`, false);
      return result;
    } catch (error) {
      throw error instanceof TelemetryStoreError ? error : toStoreError(error);
    }
  }

  private targetFrom(policies: readonly RetentionPolicyInfo[]): InfluxDownsamplingTarget {
    const rawRp = rawRetentionPolicy(policies, this.retentionPolicy, this.database);
    return { database: this.database, rawRetentionPolicy: rawRp, measurement: this.measurement };
  }
}

function toStoreError(error: unknown): TelemetryStoreError {
  if (error instanceof HttpError) {
    const retryAfterS = Number(error.headers?.['retry-after']);
    const permanent = PERMANENT.has(error.statusCode);
    return new TelemetryStoreError(
      `InfluxDB answered ${error.statusCode}: ${error.body || error.message}`,
      !permanent,
      // Retry-After is in seconds (RFC 9110 §10.2.3); the client library reads it as milliseconds.
      Number.isFinite(retryAfterS) && retryAfterS > 0 ? retryAfterS * 1000 : undefined,
      { cause: error },
    );
  }
  return new TelemetryStoreError(
    `InfluxDB unreachable: ${(error as Error).message}`,
    true,
    undefined,
    { cause: error },
  );
}
