import { migrate } from '@hourglass/platform-sql';
import { allMigrations, forEachSqlBackend, migrationsBefore } from '@hourglass/testing-sql';
import { contractCoverageSchema } from './009-contract-coverage';

// Coverage stored before migration 009 starts with the contract's first version; an asset may be covered again later, never twice open-ended.
forEachSqlBackend(
  'contract-coverage migration',
  (db) => {
    it('backfills covered_from from the first version, leaves covered_to open, allows a later interval and refuses a second open one', async () => {
      await db().query(`insert into tenants (id, name) values ('acme', 'Acme')`);
      for (const id of ['m-1', 'm-2']) {
        await db().query(
          `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', 't', $1, 'x')`,
          [id],
        );
        await db().query(
          `insert into assets (id, tenant_id, device_id, type) values ($1, 'acme', $1, 't')`,
          [id],
        );
      }
      await db().query(
        `insert into contracts (id, tenant_id, name, currency, rate_per_hour, sla_target, tz) values ('c', 'acme', 'c', 'EUR', 1, 0.9, 'UTC')`,
      );
      await db().query(
        `insert into contracts (id, tenant_id, name, currency, rate_per_hour, sla_target, tz, created_at) values ('bare', 'acme', 'b', 'EUR', 1, 0.9, 'UTC', '2026-01-05T00:00:00Z')`,
      );
      for (const [version, from] of [
        [1, '2026-02-01T00:00:00Z'],
        [2, '2026-04-01T00:00:00Z'],
      ] as const) {
        await db().query(
          `insert into contract_versions (contract_id, version, tenant_id, effective_from, terms, created_by) values ('c', $1, 'acme', $2, '{}'::jsonb, 'ann')`,
          [version, from],
        );
      }
      await db().query(
        `insert into contract_assets (contract_id, asset_id) values ('c', 'm-1'), ('c', 'm-2'), ('bare', 'm-1')`,
      );

      const all = allMigrations();
      const later = all
        .filter((m) => m.version >= contractCoverageSchema.version)
        .map((m) => m.version);
      expect(await migrate(db(), all)).toEqual(later);
      const rows = await db().query<{
        contract_id: string;
        asset_id: string;
        covered_from: Date;
        covered_to: Date | null;
      }>(
        'select contract_id, asset_id, covered_from, covered_to from contract_assets order by contract_id, asset_id',
      );
      expect(
        rows.map((r) => [
          r.contract_id,
          r.asset_id,
          new Date(r.covered_from).toISOString(),
          r.covered_to,
        ]),
      ).toEqual([
        ['bare', 'm-1', '2026-01-05T00:00:00.000Z', null],
        ['c', 'm-1', '2026-02-01T00:00:00.000Z', null],
        ['c', 'm-2', '2026-02-01T00:00:00.000Z', null],
      ]);

      await db().query(
        `update contract_assets set covered_to = '2026-03-10T00:00:00Z' where contract_id = 'c' and asset_id = 'm-1'`,
      );
      await db().query(
        `insert into contract_assets (contract_id, asset_id, covered_from) values ('c', 'm-1', '2026-05-01T00:00:00Z')`,
      );
      await expect(
        db().query(
          `insert into contract_assets (contract_id, asset_id, covered_from) values ('c', 'm-1', '2026-06-01T00:00:00Z')`,
        ),
      ).rejects.toThrow(/contract_assets_open/);
      await expect(
        db().query(
          `insert into contract_assets (contract_id, asset_id, covered_from, covered_to) values ('c', 'm-2', '2026-06-01T00:00:00Z', '2026-05-01T00:00:00Z')`,
        ),
      ).rejects.toThrow(/contract_assets_interval/);
    });
  },
  migrationsBefore(contractCoverageSchema.version),
);
