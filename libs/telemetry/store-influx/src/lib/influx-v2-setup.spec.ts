import { TelemetryStoreError, type TelemetryRetention } from '@hourglass/telemetry-store';
import {
  applyInfluxV2Layout,
  influxV2Layout,
  type InfluxV2Answer,
  type InfluxV2Api,
} from './influx-v2-setup';

const DAY_S = 86_400;
const RETENTION: TelemetryRetention = {
  rawMs: 30 * DAY_S * 1000,
  oneMinuteMs: 365 * DAY_S * 1000,
  oneHourMs: Infinity,
};

interface Bucket {
  id: string;
  orgID: string;
  name: string;
  retentionRules: { type: string; everySeconds: number }[];
}
interface Dbrp {
  id: string;
  orgID: string;
  bucketID: string;
  database: string;
  retention_policy: string;
  default: boolean;
}
interface Task {
  id: string;
  orgID: string;
  name: string;
  flux: string;
  status: string;
}

/**
 * The part of InfluxDB 2's HTTP API the setup uses, in memory (orgs, buckets, DBRP mappings,
 * tasks), with the list answers' shapes of the 2.x API; `readOnly` answers every write with 403 as
 * a read-only token gets. Unit tests only: there is no InfluxDB 2 in Debian to run here.
 */
class FakeInfluxV2 implements InfluxV2Api {
  readonly buckets: Bucket[] = [];
  readonly dbrps: Dbrp[] = [];
  readonly tasks: Task[] = [];
  readonly writes: string[] = [];
  readOnly = false;
  private next = 1;

  constructor(readonly orgs: { id: string; name: string }[] = [{ id: 'o1', name: 'hourglass' }]) {}

  async call(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) {
    const url = new URL(path, 'http://influx');
    const q = (k: string) => url.searchParams.get(k);
    if (method !== 'GET') {
      if (this.readOnly) return answer(403, { code: 'forbidden', message: 'write access denied' });
      this.writes.push(`${method} ${url.pathname}`);
    }
    const b = (body ?? {}) as Record<string, unknown>;
    const id = () => `id${this.next++}`;
    switch (`${method} ${url.pathname.replace(/\/id\d+$/, '/:id')}`) {
      case 'GET /api/v2/orgs':
        return answer(200, { orgs: this.orgs.filter((o) => o.name === q('org')) });
      case 'GET /api/v2/buckets': {
        const found = this.buckets.filter((x) => x.orgID === q('orgID') && x.name === q('name'));
        return found.length
          ? answer(200, { buckets: found })
          : answer(404, { message: 'not found' });
      }
      case 'POST /api/v2/buckets': {
        const bucket = { id: id(), ...(b as Omit<Bucket, 'id'>) };
        this.buckets.push(bucket);
        return answer(201, bucket);
      }
      case 'PATCH /api/v2/buckets/:id': {
        const bucket = this.buckets.find((x) => url.pathname.endsWith(`/${x.id}`)) as Bucket;
        bucket.retentionRules = b['retentionRules'] as Bucket['retentionRules'];
        return answer(200, bucket);
      }
      case 'GET /api/v2/dbrps':
        return answer(200, {
          content: this.dbrps.filter(
            (m) =>
              m.orgID === q('orgID') && m.database === q('db') && m.retention_policy === q('rp'),
          ),
        });
      case 'POST /api/v2/dbrps': {
        const mapping = { id: id(), ...(b as Omit<Dbrp, 'id'>) };
        this.dbrps.push(mapping);
        return answer(201, mapping);
      }
      case 'GET /api/v2/tasks':
        return answer(200, {
          tasks: this.tasks.filter((t) => t.orgID === q('orgID') && t.name === q('name')),
        });
      case 'POST /api/v2/tasks': {
        const flux = String(b['flux']);
        const name = /name: "([^"]+)"/.exec(flux)?.[1] ?? '';
        const task = {
          id: id(),
          orgID: String(b['orgID']),
          name,
          flux,
          status: String(b['status']),
        };
        this.tasks.push(task);
        return answer(201, task);
      }
      case 'PATCH /api/v2/tasks/:id': {
        const task = this.tasks.find((t) => url.pathname.endsWith(`/${t.id}`)) as Task;
        Object.assign(task, b);
        return answer(200, task);
      }
      default:
        return answer(500, { message: `unexpected ${method} ${path}` });
    }
  }
}

const answer = (status: number, body: unknown): InfluxV2Answer => ({ status, body });
const layout = () => influxV2Layout('telemetry', 'telemetry', RETENTION);

describe('influxV2Layout', () => {
  it('names the raw bucket, the 1m and 1h buckets with their retention, three DBRP mappings and two tasks', () => {
    const l = layout();
    expect(l.buckets.map((b) => [b.name, b.retentionSeconds])).toEqual([
      ['telemetry', 30 * DAY_S],
      ['telemetry_1m', 365 * DAY_S],
      ['telemetry_1h', 0], // kept forever
    ]);
    expect(l.dbrps.map((m) => [m.database, m.retentionPolicy, m.bucket, m.isDefault])).toEqual([
      ['telemetry', 'autogen', 'telemetry', true],
      ['telemetry', 'rp_1m', 'telemetry_1m', false],
      ['telemetry', 'rp_1h', 'telemetry_1h', false],
    ]);
    expect(l.tasks.map((t) => t.name)).toEqual([
      'hourglass-telemetry-1m',
      'hourglass-telemetry-1h',
    ]);
  });

  it('writes each resolution as means named mean_<field> into its measurement, at the window start', () => {
    const [minute, hour] = layout().tasks;
    expect(minute.flux).toContain('option task = {name: "hourglass-telemetry-1m", every: 1m');
    expect(minute.flux).toContain('from(bucket: "telemetry")');
    expect(minute.flux).toContain(
      'aggregateWindow(every: 1m, fn: mean, createEmpty: false, timeSrc: "_start")',
    );
    expect(minute.flux).toContain('_measurement: "telemetry_1m", _field: "mean_" + r._field');
    expect(minute.flux).toContain('to(bucket: "telemetry_1m")');
    expect(hour.flux).toContain('to(bucket: "telemetry_1h")');
    expect(hour.flux).toContain('every: 1h');
  });
});

describe('applyInfluxV2Layout', () => {
  it('creates every bucket, mapping and task on an empty server, and only verifies on the next start', async () => {
    const influx = new FakeInfluxV2();
    const first = await applyInfluxV2Layout(influx, 'hourglass', layout());
    expect(first.created).toHaveLength(8);
    expect(first.missing).toEqual([]);
    expect(influx.buckets.map((b) => [b.name, b.retentionRules[0].everySeconds])).toEqual([
      ['telemetry', 30 * DAY_S],
      ['telemetry_1m', 365 * DAY_S],
      ['telemetry_1h', 0],
    ]);
    const bucketId = (name: string) => influx.buckets.find((b) => b.name === name)?.id;
    expect(influx.dbrps.map((m) => [m.retention_policy, m.bucketID, m.default])).toEqual([
      ['autogen', bucketId('telemetry'), true],
      ['rp_1m', bucketId('telemetry_1m'), false],
      ['rp_1h', bucketId('telemetry_1h'), false],
    ]);
    expect(influx.tasks.map((t) => [t.name, t.status])).toEqual([
      ['hourglass-telemetry-1m', 'active'],
      ['hourglass-telemetry-1h', 'active'],
    ]);

    const writes = influx.writes.length;
    const second = await applyInfluxV2Layout(influx, 'hourglass', layout());
    expect(second).toEqual(expect.objectContaining({ created: [], updated: [], missing: [] }));
    expect(second.verified).toHaveLength(8);
    expect(influx.writes).toHaveLength(writes);
  });

  it('updates a bucket whose retention differs and a task whose Flux changed or was disabled', async () => {
    const influx = new FakeInfluxV2();
    await applyInfluxV2Layout(influx, 'hourglass', layout());
    influx.buckets[0].retentionRules = [{ type: 'expire', everySeconds: 7 * DAY_S }];
    influx.tasks[1].status = 'inactive';
    const report = await applyInfluxV2Layout(influx, 'hourglass', layout());
    expect(report.updated).toEqual([
      'bucket telemetry (raw samples, retention 30d)',
      'task hourglass-telemetry-1h',
    ]);
    expect(influx.buckets[0].retentionRules[0].everySeconds).toBe(30 * DAY_S);
    expect(influx.tasks[1].status).toBe('active');
  });

  it('with a read-only token changes nothing and lists each missing item with the influx command that makes it', async () => {
    const influx = new FakeInfluxV2();
    influx.readOnly = true;
    const report = await applyInfluxV2Layout(influx, 'hourglass', layout());
    expect(report.created).toEqual([]);
    expect(influx.buckets).toEqual([]);
    expect(report.missing).toEqual([
      'bucket telemetry (raw samples, retention 30d): influx bucket create --name telemetry --retention 30d',
      'bucket telemetry_1m (1m means, retention 365d): influx bucket create --name telemetry_1m --retention 365d',
      'bucket telemetry_1h (1h means, retention forever): influx bucket create --name telemetry_1h --retention 0',
      'DBRP mapping db=telemetry rp=autogen -> telemetry: influx v1 dbrp create --db telemetry --rp autogen --bucket-id <id of telemetry> --default',
      'DBRP mapping db=telemetry rp=rp_1m -> telemetry_1m: influx v1 dbrp create --db telemetry --rp rp_1m --bucket-id <id of telemetry_1m>',
      'DBRP mapping db=telemetry rp=rp_1h -> telemetry_1h: influx v1 dbrp create --db telemetry --rp rp_1h --bucket-id <id of telemetry_1h>',
      expect.stringMatching(
        /^task hourglass-telemetry-1m: influx task create --org hourglass --file /,
      ),
      expect.stringMatching(
        /^task hourglass-telemetry-1h: influx task create --org hourglass --file /,
      ),
    ]);
  });

  it('leaves a DBRP mapping that points at another bucket alone and says so', async () => {
    const influx = new FakeInfluxV2();
    influx.dbrps.push({
      id: 'x',
      orgID: 'o1',
      bucketID: 'someone-elses',
      database: 'telemetry',
      retention_policy: 'rp_1m',
      default: false,
    });
    const report = await applyInfluxV2Layout(influx, 'hourglass', layout());
    expect(report.missing).toEqual([
      expect.stringContaining(
        'DBRP mapping db=telemetry rp=rp_1m -> telemetry_1m (db/rp maps to another bucket now)',
      ),
    ]);
    expect(influx.dbrps.filter((m) => m.retention_policy === 'rp_1m')).toHaveLength(1);
  });

  it('refuses an org that does not exist, naming HG_INFLUX_ORG, and reports server errors with their message', async () => {
    await expect(applyInfluxV2Layout(new FakeInfluxV2([]), 'hourglass', layout())).rejects.toThrow(
      new TelemetryStoreError('InfluxDB org "hourglass" does not exist (HG_INFLUX_ORG)', false),
    );
    const failing: InfluxV2Api = {
      call: async () => answer(500, { message: 'engine: disk full' }),
    };
    await expect(applyInfluxV2Layout(failing, 'hourglass', layout())).rejects.toThrow(
      'InfluxDB refused reading the org: HTTP 500 engine: disk full',
    );
  });
});
