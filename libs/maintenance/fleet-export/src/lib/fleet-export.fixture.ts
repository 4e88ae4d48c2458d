import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeAllows } from '@hourglass/platform-tenancy';
import type { TelemetrySample } from '@hourglass/telemetry-schema';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import type { FailureEventSource } from './failure-labels';

// One scenario: tenant acme runs turbofans e-1 and e-2 and a pump p-1, tenant other runs x-1.
// Telemetry is one RUN sample per hour from T0, the FAULT heartbeats of a failed engine carry no
// readings, as the demo fleet's do.
//   e-1: unit 1 runs 40 h and fails (FAULT from hour 40 to 42; ingest restarted during the outage
//        and wrote the FAULT state again at 41), unit 2 runs 25 h and is replaced by a task whose
//        outcome confirms the defect, unit 3 is still running (10 h).
//   e-2: unit 1 runs 30 h and is replaced by a task that found no defect; unit 2 runs 20 h. A task
//        closed by the platform (UNIT_REPLACED) adds nothing.
//   p-1: state events an account manager corrected (billing_corrections; the stored rows stay):
//        FAULT at 2 corrected to RUN, so the FAULT at 3 is the transition; RUN at 5 corrected to
//        FAULT; FAULT at 7 corrected to RUN and that correction corrected back to FAULT. Its
//        failures are at 3, 5 and 7.
export const T0 = Date.UTC(2025, 0, 6);
export const HOUR = 3_600_000;
export const END = T0 + 200 * HOUR;

const at = (h: number) => T0 + h * HOUR;

function runRows(
  deviceId: string,
  fromH: number,
  hours: number,
  seq: { n: number },
): TelemetrySample[] {
  return Array.from({ length: hours }, (_, i) => ({
    deviceId,
    ts: at(fromH + i),
    seq: ++seq.n,
    state: 'RUN' as const,
    metrics: { cycle: i + 1, s2: 640 + i * 0.25, s3: 1590.5 - i / 8 },
  }));
}

/** Telemetry of the scenario (e-1, e-2, p-1, x-1), as ingest would store it. */
export function scenarioTelemetry(): TelemetrySample[] {
  const e1 = { n: 0 };
  const e2 = { n: 0 };
  return [
    ...runRows('e-1', 0, 40, e1),
    ...[40, 41, 42].map((h) => ({
      deviceId: 'e-1',
      ts: at(h),
      seq: ++e1.n,
      state: 'FAULT' as const,
      metrics: {},
    })),
    ...runRows('e-1', 43, 25, e1),
    ...runRows('e-1', 69, 10, e1),
    ...runRows('e-2', 0, 30, e2),
    ...runRows('e-2', 31, 20, e2),
    ...runRows('p-1', 0, 10, { n: 0 }),
    ...runRows('x-1', 0, 10, { n: 0 }),
  ];
}

/** Tenants, assets, state events and tasks of the scenario, and its telemetry into `store`. */
export async function seedScenario(db: SqlDatabase, store: TelemetryStore): Promise<void> {
  for (const [id, tenant, type] of [
    ['e-1', 'acme', 'turbofan'],
    ['e-2', 'acme', 'turbofan'],
    ['p-1', 'acme', 'pump'],
    ['x-1', 'other', 'turbofan'],
  ]) {
    await db.query('insert into tenants (id, name) values ($1, $1) on conflict do nothing', [
      tenant,
    ]);
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, $2, $3, $1, 'x')`,
      [id, tenant, type],
    );
    await db.query('insert into assets (id, tenant_id, device_id, type) values ($1, $2, $1, $3)', [
      id,
      tenant,
      type,
    ]);
  }
  const events: Array<[string, string, number, string]> = [
    ['e-1', 'acme', 0, 'RUN'],
    ['e-1', 'acme', 40, 'FAULT'],
    ['e-1', 'acme', 41, 'FAULT'],
    ['e-1', 'acme', 43, 'RUN'],
    ['e-2', 'acme', 0, 'RUN'],
    ['p-1', 'acme', 0, 'RUN'],
    ['p-1', 'acme', 2, 'FAULT'],
    ['p-1', 'acme', 3, 'FAULT'],
    ['p-1', 'acme', 4, 'RUN'],
    ['p-1', 'acme', 5, 'RUN'],
    ['p-1', 'acme', 6, 'RUN'],
    ['p-1', 'acme', 7, 'FAULT'],
    ['p-1', 'acme', 8, 'RUN'],
    ['x-1', 'other', 0, 'RUN'],
    ['x-1', 'other', 9.5, 'FAULT'],
  ];
  for (const [asset, tenant, h, state] of events) {
    await db.query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state) values ($1, $2, $3, 'STATE', $4)`,
      [asset, tenant, new Date(at(h)), state],
    );
  }
  // [id, supersedes, hour of the superseded event, corrected state]: ids as the billing API writes them.
  const corrections: Array<[string, string, number, string]> = [
    ['c-1', `STATE@${at(2) * 1000}`, 2, 'RUN'],
    ['c-2', `STATE@${at(5) * 1000}`, 5, 'FAULT'],
    ['c-3', `STATE@${at(7) * 1000}`, 7, 'RUN'],
    ['c-4', 'c-3', 7, 'FAULT'],
  ];
  for (const [id, supersedes, h, state] of corrections) {
    await db.query(
      `insert into billing_corrections (id, asset_id, tenant_id, supersedes, observed_at, state, reason, author)
       values ($1, 'p-1', 'acme', $2, $3, $4, 'fixture', 'am@acme')`,
      [id, supersedes, new Date(at(h)), state],
    );
  }
  const tasks: Array<[string, string, number, number, string]> = [
    ['t-1', 'e-1', 60, 67.5, 'replaced, DEFECT_CONFIRMED'],
    ['t-2', 'e-2', 20, 30.5, 'replaced, no defect found'],
    ['t-3', 'e-2', 35, 39, 'UNIT_REPLACED'],
  ];
  // Each task was edited again long after it was done (a cost set later): labels keep the completion time.
  for (const [id, asset, createdH, doneH, outcome] of tasks) {
    await db.query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version,
                          replace_by, outcome, created_at, completed_at, updated_at)
       values ($1, 'acme', $2, 'hpc-module', 'DONE', 'HIGH', 10, 0.9, 'm@1', $3, $4, $5, $3, $6)`,
      [id, asset, new Date(at(doneH)), outcome, new Date(at(createdH)), new Date(at(doneH + 1000))],
    );
  }
  await store.write(scenarioTelemetry());
}

/**
 * The scenario's transitions into FAULT by effective state, as billing's `FaultTransitionQuery`
 * answers them for the state events and corrections above (its own spec holds that): e-1 at 40 h;
 * p-1 at 3 h (its FAULT at 2 h corrected to RUN), 5 h (RUN corrected to FAULT) and 7 h (a correction
 * of a correction); x-1 of the other tenant at 9.5 h.
 */
const SCENARIO_FAILURES: ReadonlyArray<{ assetId: string; tenantId: string; ts: number }> = [
  { assetId: 'e-1', tenantId: 'acme', ts: at(40) },
  { assetId: 'p-1', tenantId: 'acme', ts: at(3) },
  { assetId: 'p-1', tenantId: 'acme', ts: at(5) },
  { assetId: 'p-1', tenantId: 'acme', ts: at(7) },
  { assetId: 'x-1', tenantId: 'other', ts: at(9.5) },
];

/** A {@link FailureEventSource} answering with the scenario's failures (fleet-export may not import billing's query). */
export const scenarioFailures: FailureEventSource = {
  failureEvents: async (scope, assetIds, fromMs, toMs) =>
    SCENARIO_FAILURES.filter(
      (f) =>
        scopeAllows(scope, f.tenantId) &&
        assetIds.includes(f.assetId) &&
        f.ts >= fromMs &&
        f.ts < toMs,
    ).map(({ assetId, ts }) => ({ assetId, ts })),
};
