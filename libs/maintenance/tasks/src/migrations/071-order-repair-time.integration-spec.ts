import { migrate, type SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { allMigrations, forEachSqlBackend, migrationsBefore } from '@hourglass/testing-sql';
import { WorkOrderFigureRepository } from '../lib/work-order-figures.repository';
import { orderRepairTimeSchema } from './071-order-repair-time';

const T0 = Date.parse('2026-03-01T00:00:00Z');

/** Each order's status, and its history as [to_status, ms after T0 (µs kept)] in insertion order. */
const ORDERS: Record<string, { status: string; history: Array<[string, number]> }> = {
  // Two spells with sub-millisecond instants: rounded per instant, 3001 - 1000 + 12000 - 10001.
  spells: {
    status: 'DONE',
    history: [
      ['OPEN', 0],
      ['IN_PROGRESS', 1000.4],
      ['WAITING_PARTS', 3000.6],
      ['IN_PROGRESS', 10000.7],
      ['DONE', 12000.2],
    ],
  },
  // The IN_PROGRESS entry written after DONE but earlier in time: spells follow time, then id.
  late: {
    status: 'DONE',
    history: [
      ['OPEN', 0],
      ['DONE', 5000],
      ['IN_PROGRESS', 2000],
    ],
  },
  // Closed without work: no repair.
  unworked: {
    status: 'DONE',
    history: [
      ['OPEN', 0],
      ['SCHEDULED', 1000],
      ['DONE', 4000],
    ],
  },
  // A spell still open counts nothing, but the order had a repair.
  working: {
    status: 'IN_PROGRESS',
    history: [
      ['OPEN', 0],
      ['IN_PROGRESS', 1000],
    ],
  },
};

async function seed(db: SqlDatabase) {
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme')`);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash) values ('m-1', 'acme', 't', 'm-1', 'x')`,
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type) values ('m-1', 'acme', 'm-1', 't')`,
  );
  for (const [id, order] of Object.entries(ORDERS)) {
    const completed = order.status === 'DONE' ? '2026-03-02T00:00:00Z' : null;
    await db.query(
      `insert into tasks (id, tenant_id, asset_id, component, status, priority, predicted_rul, risk, model_version,
         replace_by, created_at, completed_at)
       values ($1, 'acme', 'm-1', $1, $2, 'HIGH', 1, 0.9, 'm@1', now(), $3, $4)`,
      [id, order.status, new Date(T0).toISOString(), completed],
    );
    for (const [to, ms] of order.history) {
      await db.query(
        `insert into task_history (task_id, tenant_id, kind, to_status, actor, at)
         values ($1, 'acme', 'TRANSITION', $2, 'tech', $3::timestamptz + $4 * interval '1 millisecond')`,
        [id, to, new Date(T0).toISOString(), ms],
      );
    }
  }
}

// History written before migration 71 gives the same repair figures after it (the back-fill).
forEachSqlBackend(
  'order-repair-time migration',
  (db) => {
    it("back-fills each order's repair time and repair flag from its history", async () => {
      await seed(db());
      const all = allMigrations();
      const later = all
        .filter((m) => m.version >= orderRepairTimeSchema.version)
        .map((m) => m.version);
      expect(await migrate(db(), all)).toEqual(later);
      const rows = await db().query<{ id: string; repair_ms: string; had_repair: boolean }>(
        'select id, repair_ms::text as repair_ms, had_repair from tasks order by id',
      );
      expect(rows).toEqual([
        { id: 'late', repair_ms: '3000', had_repair: true },
        { id: 'spells', repair_ms: '4000', had_repair: true },
        { id: 'unworked', repair_ms: '0', had_repair: false },
        { id: 'working', repair_ms: '0', had_repair: true },
      ]);
      const figures = await new WorkOrderFigureRepository(db()).figures(
        PROVIDER_SCOPE,
        { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' },
        new Map(),
      );
      expect(figures).toMatchObject({ done: 3, repairs: 2, repairMs: 7000 });
    });
  },
  migrationsBefore(orderRepairTimeSchema.version),
);
