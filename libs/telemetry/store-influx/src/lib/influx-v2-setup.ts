import { TelemetryStoreError, type TelemetryRetention } from '@hourglass/telemetry-store';
import {
  AGGREGATE_FIELD_PREFIX,
  AGGREGATE_RETENTION_POLICIES,
  aggregateMeasurement,
  influxDuration,
  type InfluxAggregate,
} from './influxql-downsampling';

/** One call of InfluxDB 2's HTTP API: the status and the parsed JSON body (or null). */
export interface InfluxV2Api {
  call(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<InfluxV2Answer>;
}

export interface InfluxV2Answer {
  status: number;
  body: unknown;
}

/** What Hourglass needs on an InfluxDB 2 server: the same layout InfluxQL reads on 1.x. */
export interface InfluxV2Layout {
  buckets: { name: string; retentionSeconds: number; purpose: string }[];
  /** DBRP mappings: InfluxQL's `db`/`rp` naming each bucket (reads send `db=<bucket>`). */
  dbrps: { database: string; retentionPolicy: string; bucket: string; isDefault: boolean }[];
  /** Flux tasks doing what the 1.x continuous queries do. */
  tasks: { name: string; flux: string }[];
}

const RESOLUTIONS: readonly InfluxAggregate[] = ['1m', '1h'];
const RETENTION_OF: Record<InfluxAggregate, keyof TelemetryRetention> = {
  '1m': 'oneMinuteMs',
  '1h': 'oneHourMs',
};

/**
 * The buckets, DBRP mappings and downsampling tasks for raw samples in `bucket`: `<bucket>_1m` and
 * `<bucket>_1h` hold the means as `mean_<field>` of measurement `<measurement>_1m|_1h`, each at the
 * start of its window, with the `device` tag (what `SELECT mean(*) ... GROUP BY time, *` writes on
 * 1.x), read as `"<bucket>"."rp_1m"."<measurement>_1m"`. Both tasks read the raw samples.
 */
export function influxV2Layout(
  bucket: string,
  measurement: string,
  retention: TelemetryRetention,
): InfluxV2Layout {
  const seconds = (ms: number) => (ms === Infinity ? 0 : Math.round(ms / 1000));
  const aggregateBucket = (r: InfluxAggregate) => `${bucket}_${r}`;
  return {
    buckets: [
      { name: bucket, retentionSeconds: seconds(retention.rawMs), purpose: 'raw samples' },
      ...RESOLUTIONS.map((r) => ({
        name: aggregateBucket(r),
        retentionSeconds: seconds(retention[RETENTION_OF[r]]),
        purpose: `${r} means`,
      })),
    ],
    dbrps: [
      { database: bucket, retentionPolicy: 'autogen', bucket, isDefault: true },
      ...RESOLUTIONS.map((r) => ({
        database: bucket,
        retentionPolicy: AGGREGATE_RETENTION_POLICIES[r],
        bucket: aggregateBucket(r),
        isDefault: false,
      })),
    ],
    tasks: RESOLUTIONS.map((r) => ({
      name: `hourglass-${measurement}-${r}`,
      flux: downsamplingFlux(bucket, aggregateBucket(r), measurement, r),
    })),
  };
}

/** The Flux task for one resolution; it recomputes two windows each run, as `RESAMPLE FOR` does. */
function downsamplingFlux(
  from: string,
  to: string,
  measurement: string,
  resolution: InfluxAggregate,
): string {
  const q = JSON.stringify;
  return [
    `option task = {name: ${q(`hourglass-${measurement}-${resolution}`)}, every: ${resolution}, offset: 10s}`,
    '',
    `from(bucket: ${q(from)})`,
    `    |> range(start: -${influxDuration(resolution === '1m' ? 120_000 : 7_200_000)})`,
    `    |> filter(fn: (r) => r._measurement == ${q(measurement)} and r._field != "state")`,
    `    |> aggregateWindow(every: ${resolution}, fn: mean, createEmpty: false, timeSrc: "_start")`,
    `    |> map(fn: (r) => ({r with _measurement: ${q(aggregateMeasurement(measurement, resolution))}, _field: ${q(AGGREGATE_FIELD_PREFIX)} + r._field}))`,
    `    |> to(bucket: ${q(to)})`,
    '',
  ].join('\n');
}

/** What {@link applyInfluxV2Layout} found and did. */
export interface InfluxV2SetupReport {
  created: string[];
  updated: string[];
  verified: string[];
  /** What is missing and could not be made with the token's permissions, each with the `influx` command that makes it. */
  missing: string[];
}

const FORBIDDEN = new Set([401, 403]);

/**
 * Creates what is missing of `layout` in `org` (buckets and their retention, DBRP mappings, tasks)
 * and updates what differs; idempotent. With a token that may read but not write, it changes
 * nothing and lists in `missing` exactly what is needed, with the command that makes it.
 * @throws TelemetryStoreError when the org does not exist or the server answers otherwise.
 */
export async function applyInfluxV2Layout(
  api: InfluxV2Api,
  org: string,
  layout: InfluxV2Layout,
): Promise<InfluxV2SetupReport> {
  const report: InfluxV2SetupReport = { created: [], updated: [], verified: [], missing: [] };
  const orgID = await orgIdOf(api, org);
  const bucketIds = new Map<string, string>();
  for (const wanted of layout.buckets) {
    const id = await ensureBucket(api, orgID, wanted, report);
    if (id) bucketIds.set(wanted.name, id);
  }
  for (const wanted of layout.dbrps) await ensureDbrp(api, orgID, wanted, bucketIds, report);
  for (const wanted of layout.tasks) await ensureTask(api, orgID, org, wanted, report);
  return report;
}

async function orgIdOf(api: InfluxV2Api, org: string): Promise<string> {
  const answer = await expectOk(
    api,
    'GET',
    `/api/v2/orgs?org=${encodeURIComponent(org)}`,
    'reading the org',
  );
  const found = listOf<{ id: string }>(answer, 'orgs')[0];
  if (!found)
    throw new TelemetryStoreError(`InfluxDB org "${org}" does not exist (HG_INFLUX_ORG)`, false);
  return found.id;
}

async function ensureBucket(
  api: InfluxV2Api,
  orgID: string,
  wanted: InfluxV2Layout['buckets'][number],
  report: InfluxV2SetupReport,
): Promise<string | undefined> {
  const label = `bucket ${wanted.name} (${wanted.purpose}, retention ${retentionText(wanted.retentionSeconds)})`;
  const rules = [{ type: 'expire', everySeconds: wanted.retentionSeconds }];
  const query = `/api/v2/buckets?orgID=${orgID}&name=${encodeURIComponent(wanted.name)}`;
  const found = listOf<{ id: string; retentionRules?: { everySeconds?: number }[] }>(
    await expectOk(api, 'GET', query, `reading ${label}`),
    'buckets',
  )[0];
  const command = `influx bucket ${found ? `update --id ${found?.id ?? ''}` : `create --name ${wanted.name}`} --retention ${retentionText(wanted.retentionSeconds, 'cli')}`;
  if (found) {
    if ((found.retentionRules?.[0]?.everySeconds ?? 0) === wanted.retentionSeconds) {
      report.verified.push(label);
      return found.id;
    }
    const patched = await api.call('PATCH', `/api/v2/buckets/${found.id}`, {
      retentionRules: rules,
    });
    outcome(patched, report, 'updated', label, command, `updating ${label}`);
    return found.id; // the bucket exists either way: its mappings can still be made
  }
  const created = await api.call('POST', '/api/v2/buckets', {
    orgID,
    name: wanted.name,
    retentionRules: rules,
  });
  if (!outcome(created, report, 'created', label, command, `creating ${label}`)) return undefined;
  return (created.body as { id: string }).id;
}

async function ensureDbrp(
  api: InfluxV2Api,
  orgID: string,
  wanted: InfluxV2Layout['dbrps'][number],
  bucketIds: ReadonlyMap<string, string>,
  report: InfluxV2SetupReport,
): Promise<void> {
  const label = `DBRP mapping db=${wanted.database} rp=${wanted.retentionPolicy} -> ${wanted.bucket}`;
  const bucketID = bucketIds.get(wanted.bucket);
  const command = `influx v1 dbrp create --db ${wanted.database} --rp ${wanted.retentionPolicy} --bucket-id <id of ${wanted.bucket}>${wanted.isDefault ? ' --default' : ''}`;
  if (!bucketID) {
    report.missing.push(`${label}: ${command}`);
    return;
  }
  const query = `/api/v2/dbrps?orgID=${orgID}&db=${encodeURIComponent(wanted.database)}&rp=${encodeURIComponent(wanted.retentionPolicy)}`;
  const existing = listOf<{ bucketID: string }>(
    await expectOk(api, 'GET', query, `reading the ${label}`),
    'content',
  );
  if (existing.some((m) => m.bucketID === bucketID)) {
    report.verified.push(label);
    return;
  }
  if (existing.length > 0) {
    // Another bucket holds this db/rp: reads would go there. Changing it is the operator's call.
    report.missing.push(`${label} (db/rp maps to another bucket now): ${command}`);
    return;
  }
  const created = await api.call('POST', '/api/v2/dbrps', {
    orgID,
    bucketID,
    database: wanted.database,
    retention_policy: wanted.retentionPolicy,
    default: wanted.isDefault,
  });
  outcome(created, report, 'created', label, command, `creating the ${label}`);
}

async function ensureTask(
  api: InfluxV2Api,
  orgID: string,
  org: string,
  wanted: InfluxV2Layout['tasks'][number],
  report: InfluxV2SetupReport,
): Promise<void> {
  const label = `task ${wanted.name}`;
  const command = `influx task create --org ${org} --file ${wanted.name}.flux (the Flux is in libs/telemetry/store-influx/README.md)`;
  const query = `/api/v2/tasks?orgID=${orgID}&name=${encodeURIComponent(wanted.name)}`;
  const found = listOf<{ id: string; flux: string; status: string }>(
    await expectOk(api, 'GET', query, `reading the ${label}`),
    'tasks',
  )[0];
  if (found && found.flux.trim() === wanted.flux.trim() && found.status === 'active') {
    report.verified.push(label);
    return;
  }
  const answer = found
    ? await api.call('PATCH', `/api/v2/tasks/${found.id}`, { flux: wanted.flux, status: 'active' })
    : await api.call('POST', '/api/v2/tasks', { orgID, flux: wanted.flux, status: 'active' });
  outcome(answer, report, found ? 'updated' : 'created', label, command, `writing the ${label}`);
}

/** Records a write's result; false when the token may not make it (then it is listed as missing). */
function outcome(
  answer: InfluxV2Answer,
  report: InfluxV2SetupReport,
  kind: 'created' | 'updated',
  label: string,
  command: string,
  what: string,
): boolean {
  if (FORBIDDEN.has(answer.status)) {
    report.missing.push(`${label}: ${command}`);
    return false;
  }
  if (answer.status >= 300) throw serverError(answer, what);
  report[kind].push(label);
  return true;
}

async function expectOk(
  api: InfluxV2Api,
  method: 'GET',
  path: string,
  what: string,
): Promise<InfluxV2Answer> {
  const answer = await api.call(method, path);
  // A 404 on a list means "none": 2.x answers so for an unknown bucket name.
  if (answer.status === 404) return { status: 200, body: {} };
  if (answer.status >= 300) throw serverError(answer, what);
  return answer;
}

function serverError(answer: InfluxV2Answer, what: string): TelemetryStoreError {
  const message =
    (answer.body as { message?: string } | null)?.message ?? JSON.stringify(answer.body);
  return new TelemetryStoreError(
    `InfluxDB refused ${what}: HTTP ${answer.status} ${message}`,
    answer.status >= 500,
  );
}

function listOf<T>(answer: InfluxV2Answer, key: string): T[] {
  const list = (answer.body as Record<string, unknown> | null)?.[key];
  return Array.isArray(list) ? (list as T[]) : [];
}

function retentionText(seconds: number, style: 'text' | 'cli' = 'text'): string {
  if (seconds === 0) return style === 'cli' ? '0' : 'forever';
  return seconds % 86_400 === 0 ? `${seconds / 86_400}d` : `${seconds}s`;
}
