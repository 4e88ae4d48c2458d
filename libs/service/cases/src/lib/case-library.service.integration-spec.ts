import { FailureCodeRepository, TaskRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { partnerScope, PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { CaseLibraryService } from './case-library.service';
import type { AssetTelemetryPort } from './case-library.ports';
import { CaseRepository } from './case.repository';
import type { TelemetryPoint } from './case.types';

const DAY = 86_400_000;
const RAISED = Date.parse('2026-03-10T00:00:00Z');
/** T30 100, 103, 106 over the 3 days before an order: 3 per day on a mean of 103 (0.029126 per day). */
const RISING_T30: TelemetryPoint[] = [3, 2, 1].map((d, i) => ({
  ts: RAISED - d * DAY,
  metrics: { T30: 100 + 3 * i },
}));
/** P30 falling 50, 49, 48: -1 per day on 49 (-0.020408). */
const FALLING_P30: TelemetryPoint[] = [3, 2, 1].map((d, i) => ({
  ts: RAISED - d * DAY,
  metrics: { P30: 50 - i },
}));

/** The telemetry of the scenario: e1 and e3 had T30 rising before their orders, e2 P30 falling. */
const telemetry: AssetTelemetryPort = {
  window: async (assetId, from, to) =>
    (assetId === 'e2' ? FALLING_P30 : RISING_T30).filter((p) => p.ts >= from && p.ts < to),
  assetsOfType: async () => ['e1', 'e2', 'e3'],
};

async function seed(db: SqlDatabase): Promise<void> {
  for (const [asset, tenant] of [
    ['e1', 'acme'],
    ['e2', 'globex'],
    ['e3', 'acme'],
  ]) {
    await db.query(`insert into tenants (id, name) values ($1, $1) on conflict do nothing`, [
      tenant,
    ]);
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, $2, 'turbofan', $1, 'x')`,
      [asset, tenant],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type) values ($1, $2, $1, 'turbofan')`,
      [asset, tenant],
    );
  }
  const done = (
    id: string,
    asset: string,
    tenant: string,
    code: string,
    note: string,
    parts: unknown,
  ) =>
    db.query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version,
         replace_by, asset_type, created_at, completed_at, outcome, failure_outcome, failure_code, parts_used, labour_hours)
       values ($1, $2, $3, 'hpc-module', 'DONE', 'HIGH', 20, 0.8, 'm@1', $4, 'turbofan', $4, $5, $6,
         'DEFECT_CONFIRMED_REPLACED', $7, $8::jsonb, 6)`,
      [
        id,
        tenant,
        asset,
        new Date(RAISED),
        new Date(RAISED + 2 * DAY),
        note,
        code,
        JSON.stringify(parts),
      ],
    );
  await done('o1', 'e1', 'acme', 'HPC-WASH', 'Blades fouled with salt, washed on wing', [
    { partNumber: 'HPC-SEAL-KIT-12', quantity: 1 },
  ]);
  await done('o2', 'e2', 'globex', 'HPC-BLADE-BLEND', 'FOD nick on stage 3, blended', [
    { partNumber: 'BORESCOPE-PLUG-3', quantity: 2 },
  ]);
  await db.query(
    `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version, replace_by, asset_type, created_at)
     values ('o3', 'acme', 'e3', 'hpc-module', 'OPEN', 'HIGH', 20, 0.8, 'm@1', $1, 'turbofan', $1)`,
    [new Date(RAISED)],
  );
}

// Cases from completed orders stored and searched on both engines, a suggestion stored with an open
// order, and its hit once that order is reported.
forEachSqlBackend(CaseLibraryService.name, (db) => {
  let sut: CaseLibraryService;
  let orders: TaskRepository;

  beforeAll(async () => {
    await seed(db());
    orders = new TaskRepository(db());
    sut = new CaseLibraryService({
      cases: new CaseRepository(db()),
      orders,
      codes: new FailureCodeRepository(db()),
      telemetry,
      now: () => new Date(RAISED + DAY),
    });
    for (const id of ['o2', 'o1']) {
      const order = await orders.get(PROVIDER_SCOPE, id);
      await sut.recordCompleted(order!);
    }
  });

  it('keeps each completed order as a case: codes split by level, the note, the pattern before it', async () => {
    const [o1] = await sut.list(PROVIDER_SCOPE, { failureCode: 'HPC-FOULING' }, { limit: 10 });
    expect(o1).toMatchObject({
      orderId: 'o1',
      tenantId: 'acme',
      assetId: 'e1',
      failureCode: 'HPC-WASH',
      problem: 'HPC-EFFICIENCY-LOSS',
      cause: 'HPC-FOULING',
      remedy: 'HPC-WASH',
      parts: [{ partNumber: 'HPC-SEAL-KIT-12', quantity: 1 }],
      labourHours: 6,
      notes: 'Blades fouled with salt, washed on wing',
      pattern: [
        { metric: 'T30', direction: 'UP', change: 6, relativeRatePerDay: 0.029126, samples: 3 },
      ],
    });
  });

  it('searches by text and code, pages newest first, and scopes by who asks', async () => {
    const ids = async (
      scope = PROVIDER_SCOPE,
      filter = {},
      page: { limit: number; after?: number } = { limit: 10 },
    ) => (await sut.list(scope, filter, page)).map((c) => ('orderId' in c ? c.orderId : c.caseId));
    expect(await ids()).toEqual(['o1', 'o2']);
    expect(await ids(PROVIDER_SCOPE, { q: 'FOD' })).toEqual(['o2']);
    expect(await ids(PROVIDER_SCOPE, { q: 'hpc-stall' })).toEqual(['o2']);
    expect(await ids(PROVIDER_SCOPE, { component: 'fan-module' })).toEqual([]);
    const [first] = await sut.list(PROVIDER_SCOPE, {}, { limit: 1 });
    expect(await ids(PROVIDER_SCOPE, {}, { limit: 1, after: Number(first.caseId) })).toEqual([
      'o2',
    ]);
    expect(await ids(tenantScope('acme'))).toEqual(['o1']);
    const partner = await sut.list(
      partnerScope('p-north', { orderIds: [], assetIds: [] }),
      {},
      { limit: 10 },
    );
    expect(partner).toHaveLength(2);
    expect(JSON.stringify(partner)).not.toMatch(/acme|globex|"e1"|"e2"|"o1"|"o2"/);
  });

  it('suggests from the cases with the same pattern first, stores it with the order, and measures its hit', async () => {
    const suggestion = await sut.suggestion(PROVIDER_SCOPE, 'o3');
    // o1's pattern is o3's (weight 1.1), o2's is unlike it (0.1): 1.1 / 1.2 = 0.9167.
    expect(suggestion.problems).toEqual([
      { code: 'HPC-EFFICIENCY-LOSS', confidence: 0.9167 },
      { code: 'HPC-STALL', confidence: 0.0833 },
    ]);
    expect(suggestion.parts[0]).toEqual({
      partNumber: 'HPC-SEAL-KIT-12',
      quantity: 1,
      confidence: 0.9167,
    });
    expect(await sut.suggestion(tenantScope('acme'), 'o3')).toEqual(suggestion);
    await expect(sut.suggestion(tenantScope('globex'), 'o3')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await sut.hitRate(PROVIDER_SCOPE)).toMatchObject({ orders: 0, problemHitRate: null });

    await db().query(
      `update tasks set status = 'DONE', completed_at = $1, failure_outcome = 'DEFECT_CONFIRMED_REPLACED',
         failure_code = 'HPC-MODULE-REPLACED', parts_used = '[]', labour_hours = 10 where id = 'o3'`,
      [new Date(RAISED + 3 * DAY)],
    );
    await sut.recordCompleted((await orders.get(PROVIDER_SCOPE, 'o3'))!);
    expect(await sut.hitRate(PROVIDER_SCOPE)).toEqual({
      orders: 1,
      problemHits: 1,
      causeHits: 0,
      problemHitRate: 1,
      causeHitRate: 0,
    });
    expect((await sut.hitRate(tenantScope('globex'))).orders).toBe(0);
  });
});
