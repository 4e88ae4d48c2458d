import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { ensureDebianPackage } from '@hourglass/testing-services';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import {
  ADMIN_TOKEN,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
  call,
} from './users-api.fixture';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TERMS = { tz: 'UTC', currency: 'EUR', ratePerHour: '100.00', slaTarget: '0.99' };

/** A GET as `token`, the body as text (HTML) or bytes (PDF). */
async function get(port: number, token: string, path: string) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    bytes,
    text: bytes.toString('utf8'),
  };
}

// Issue 15, section 6: the asset health report through HTTP with the owners' real services on both SQL engines.
forEachSqlBackend('GET /api/assets/{id}/health-report', (db) => {
  let api: { port: number; close: () => Promise<void> };
  let customer: string;
  let partner: string;

  beforeAll(async () => {
    await seedTwoTenants(db());
    const now = Date.now();
    // Three days of hourly telemetry of acme-1 (egt rising 600, 601, ...; vibration constant).
    const store = await EmbeddedTelemetryStore.open(db());
    await store.write(
      Array.from({ length: 72 }, (_, i) => ({
        deviceId: 'acme-1',
        ts: now - (72 - i) * HOUR,
        seq: i,
        metrics: { egt: 600 + i, vibration: 0.25 },
      })),
    );
    await store.downsample(now); // as the rollup job does: a 30-day report reads hourly means
    await db().query(
      `insert into risk_scores (asset_id, tenant_id, probability, horizon, rul, model_version, scored_at, window_end)
       values ('acme-1', 'acme', 0.42, 30, 57, 'm@1', now(), now())`,
    );
    // An order completed yesterday with its failure report and what it cost the provider.
    await db().query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, asset_type,
         completed_at, cost, failure_outcome, failure_code, parts_used, labour_hours)
       values ('acme-done', 'acme', 'acme-1', 'hpc-module', 'DONE', 'HIGH', 20, 0.8, 'm@1', now(), 'turbofan',
         $1, 1234.50, 'DEFECT_CONFIRMED_REPLACED', 'HPC-BLADE-EROSION', $2, 3.5)`,
      [
        new Date(now - DAY).toISOString(),
        JSON.stringify([{ partNumber: 'PN-778', quantity: 2, unitCost: '400.00' }]),
      ],
    );
    const started = await startFixtureApi(db());
    api = started;
    const admin = (method: string, path: string, body?: unknown) =>
      call(started.port, ADMIN_TOKEN, method, path, body);
    const contract = await admin('POST', '/api/contracts', {
      id: 'acme-c',
      name: 'Acme fleet uptime',
      tenantId: 'acme',
      fleet: true,
      effectiveFrom: '2024-12-01T00:00:00Z',
      terms: TERMS,
    });
    expect(contract.status).toBe(201);
    ({ customer } = await createProviderAndCustomer(admin));
    // A service partner whose user sees acme-task (assigned to it) and so its asset acme-1.
    const created = [
      await admin('POST', '/api/partners', {
        id: 'p-north',
        name: 'North',
        regions: ['north'],
        skills: ['turbofan'],
      }),
      await admin('POST', '/api/users', {
        name: 'nina@north',
        role: 'partner',
        partnerId: 'p-north',
      }),
      await admin('POST', '/api/tasks/acme-task/assignment', {
        mode: 'RULE',
        region: 'north',
        plannedAt: new Date(now + DAY).toISOString(),
      }),
    ];
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    partner = created[1].body.token;
  }, 120_000);

  afterAll(async () => {
    await api?.close();
  });

  it("serves a provider user the HTML report with the asset's figures, charts and costs", async () => {
    const sut = await get(api.port, ADMIN_TOKEN, '/api/assets/acme-1/health-report');
    expect([sut.status, sut.type]).toEqual([200, 'text/html; charset=utf-8']);
    for (const figure of [
      'Health report: acme-1',
      '42.0 %', // risk
      '57 cycles', // RUL
      'HPC-BLADE-EROSION',
      'PN-778',
      'acme-task', // the open order
      'Acme fleet uptime', // billing's figures of the covering contract
      '1234.50',
      '400.00',
    ])
      expect(sut.text).toContain(figure);
    const charts = [...sut.text.matchAll(/<figure class="chart" data-metric="(\w+)"><svg/g)];
    expect(charts.map((c) => c[1])).toEqual(['egt', 'vibration']);
  });

  it("serves a customer user its own asset's report without the cost side", async () => {
    const sut = await get(api.port, customer, '/api/assets/acme-1/health-report');
    expect(sut.status).toBe(200);
    expect(sut.text).toContain('HPC-BLADE-EROSION');
    expect(sut.text).toContain('PN-778');
    expect(sut.text).not.toContain('1234.50');
    expect(sut.text).not.toContain('400.00');
    expect(sut.text).not.toMatch(/cost/i);
  });

  it("answers 404 for another tenant's asset", async () => {
    const sut = await get(api.port, customer, '/api/assets/globex-1/health-report');
    expect(sut.status).toBe(404);
    expect(sut.text).not.toContain('globex-1</');
  });

  it("serves a partner user the report of an assigned order's asset: no costs, nothing tenant-wide", async () => {
    const sut = await get(api.port, partner, '/api/assets/acme-1/health-report');
    expect(sut.status).toBe(200);
    expect(sut.text).toContain('acme-task');
    expect(sut.text).toContain('<figure class="chart" data-metric="egt"><svg');
    // The contract is the customer's tenant-wide data; the completed order is not the partner's.
    expect(sut.text).not.toMatch(/Acme fleet uptime|acme-done|1234\.50|cost/i);
    expect((await get(api.port, partner, '/api/assets/globex-1/health-report')).status).toBe(404);
  });

  it('is documented in OpenAPI with its formats and answers', async () => {
    const doc = JSON.parse((await get(api.port, ADMIN_TOKEN, '/api/docs/openapi.json')).text);
    const op = doc.paths['/api/assets/{id}/health-report'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual([
      'days',
      'format',
      'id',
    ]);
    // `default`: the error body every operation documents (libs/api/http/README.md "OpenAPI").
    expect(Object.keys(op.responses).sort()).toEqual(['200', '404', '503', 'default']);
    expect(Object.keys(op.responses['200'].content ?? {})).toEqual([
      'text/html',
      'application/pdf',
    ]);
  });

  it('prints the same report to PDF with Chromium', async () => {
    await ensureDebianPackage('chromium', '/usr/bin/chromium', 'chromium');
    const sut = await get(api.port, customer, '/api/assets/acme-1/health-report?format=pdf');
    expect([sut.status, sut.type]).toEqual([200, 'application/pdf']);
    expect(sut.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);
});
