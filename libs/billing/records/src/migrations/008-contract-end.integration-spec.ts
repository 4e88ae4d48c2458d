import { migrate } from '@hourglass/platform-sql';
import { allMigrations, forEachSqlBackend, migrationsBefore } from '@hourglass/testing-sql';
import { contractEndSchema } from './008-contract-end';

// Windows and overrides stored before migration 008 stay in force (not withdrawn).
forEachSqlBackend(
  'contract-end migration',
  (db) => {
    it('adds withdrawn_at and withdrawn_by, null for the windows and overrides already stored', async () => {
      await db().query(`insert into tenants (id, name) values ('acme', 'Acme')`);
      await db().query(
        `insert into devices (id, tenant_id, type, username, password_hash) values ('m-1', 'acme', 't', 'm-1', 'x')`,
      );
      await db().query(
        `insert into assets (id, tenant_id, device_id, type) values ('m-1', 'acme', 'm-1', 't')`,
      );
      await db().query(
        `insert into contracts (id, tenant_id, name, currency, rate_per_hour, sla_target, tz) values ('c', 'acme', 'c', 'EUR', 1, 0.9, 'UTC')`,
      );
      await db().query(
        `insert into calendar_windows (id, contract_id, tenant_id, asset_id, kind, start_at, end_at, announced_at, approved_by, approved_at, created_by)
       values ('w-1', 'c', 'acme', 'm-1', 'PLANNED_MAINT', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', now(), 'ann', now(), 'ann')`,
      );
      await db().query(
        `insert into category_overrides (id, contract_id, tenant_id, asset_id, start_at, end_at, category, reason, author)
       values ('o-1', 'c', 'acme', 'm-1', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'STANDBY', 'why', 'ann')`,
      );
      const all = allMigrations();
      const later = all.filter((m) => m.version >= contractEndSchema.version).map((m) => m.version);
      expect(await migrate(db(), all)).toEqual(later);
      for (const table of ['calendar_windows', 'category_overrides']) {
        expect(await db().query(`select id, withdrawn_at, withdrawn_by from ${table}`)).toEqual([
          {
            id: table === 'calendar_windows' ? 'w-1' : 'o-1',
            withdrawn_at: null,
            withdrawn_by: null,
          },
        ]);
      }
    });
  },
  migrationsBefore(contractEndSchema.version),
);
