import { HttpError, InfluxDB } from '@influxdata/influxdb-client';
import { encodeLineProtocol, type TelemetrySample } from '@hourglass/telemetry-schema';
import { TelemetryStoreError, type TelemetryRange, type TelemetryRow, type TelemetryStore } from '@hourglass/telemetry-store';

/** Connection settings (HG_INFLUX_*). */
export interface InfluxTelemetryStoreOptions {
  url: string;
  token?: string;
  org: string;
  /** `database/retention-policy` on InfluxDB 1.x, a bucket (with a DBRP mapping for InfluxQL) on 2.x/3.x. */
  bucket: string;
  /** Request timeout in ms (default 10 s). */
  timeoutMs?: number;
  measurement?: string;
}

interface InfluxQlResult {
  results?: Array<{ error?: string; series?: Array<{ columns: string[]; values: unknown[][] }> }>;
  error?: string;
}

// Status codes after which the same batch can never succeed (the client drops them too).
const PERMANENT = new Set([400, 401, 403, 404, 413, 422]);

/**
 * InfluxDB telemetry store. Writes go straight through the client's transport to `/api/v2/write`
 * without the client's in-memory retry buffer (not durable: 32,000 lines, dropped on close);
 * retrying is the caller's job, with durable state. Reads use InfluxQL on `/query`, which
 * InfluxDB 1.8+, 2.x and 3.x all answer.
 */
export class InfluxTelemetryStore implements TelemetryStore {
  readonly kind = 'influxdb' as const;
  private readonly influx: InfluxDB;
  private readonly writePath: string;
  private readonly database: string;
  private readonly retentionPolicy?: string;
  private readonly measurement: string;

  constructor(private readonly options: InfluxTelemetryStoreOptions) {
    this.influx = new InfluxDB({ url: options.url, token: options.token, timeout: options.timeoutMs ?? 10_000 });
    const q = new URLSearchParams({ org: options.org, bucket: options.bucket, precision: 'ms' });
    this.writePath = `/api/v2/write?${q}`;
    [this.database, this.retentionPolicy] = options.bucket.split('/');
    this.measurement = options.measurement ?? 'telemetry';
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
    const fields = range.metrics ? [...range.metrics, 'state', 'seq'].map(quoteIdent).join(', ') : '*';
    const limit = range.limit ? ` limit ${Math.floor(range.limit)}` : '';
    const order = range.newest ? ' order by time desc' : '';
    const q =
      `select ${fields} from ${quoteIdent(this.measurement)} where "device" = ${quoteString(deviceId)}` +
      ` and time >= ${Math.floor(range.from)}ms and time < ${Math.floor(range.to)}ms${order}${limit}`;
    const rows = toRows(await this.influxQl(q));
    return range.newest ? rows.reverse() : rows;
  }

  async ping(): Promise<boolean> {
    await this.influxQl('show measurements limit 1');
    return true;
  }

  async close(): Promise<void> {
    // Nothing buffered here: every write is awaited by its caller.
  }

  /** Runs an InfluxQL statement; rows come back with epoch-ms times. */
  async influxQl(q: string): Promise<InfluxQlResult> {
    const params = new URLSearchParams({ db: this.database, q, epoch: 'ms' });
    if (this.retentionPolicy) params.set('rp', this.retentionPolicy);
    try {
      const result = (await this.influx.transport.request(`/query?${params}`, '', { method: 'GET' })) as InfluxQlResult;
      const error = result.error ?? result.results?.find((r) => r.error)?.error;
      if (error) throw new TelemetryStoreError(`InfluxQL error: ${error}`, false);
      return result;
    } catch (error) {
      throw error instanceof TelemetryStoreError ? error : toStoreError(error);
    }
  }
}

function toRows(result: InfluxQlResult): TelemetryRow[] {
  const series = result.results?.[0]?.series?.[0];
  if (!series) return [];
  const { columns, values } = series;
  return values.map((v) => {
    const row: TelemetryRow = { ts: Number(v[0]), metrics: {} };
    for (let i = 1; i < columns.length; i++) {
      const name = columns[i];
      const value = v[i];
      if (value === null || value === undefined || name === 'device') continue;
      if (name === 'state') row.state = String(value);
      else if (name === 'seq') row.seq = Number(value);
      else if (typeof value === 'number') row.metrics[name] = value;
    }
    return row;
  });
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
  return new TelemetryStoreError(`InfluxDB unreachable: ${(error as Error).message}`, true, undefined, { cause: error });
}

const quoteIdent = (name: string) => `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
const quoteString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
