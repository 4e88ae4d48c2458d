import { PgliteDatabase, migrate, type SqlDatabase } from '@hourglass/platform-sql';
import { allMigrations, migrationsBefore } from '@hourglass/testing-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { DEFAULT_CONTRACT_TERMS } from '@hourglass/billing-uptime';
import { ContractVersionRepository } from './contract-version.repository';

describe(ContractVersionRepository.name, () => {
  let db: SqlDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    // A database from before migration 004 with a contract in it.
    await migrate(db, migrationsBefore(4));
    await db.query(`insert into tenants (id, name) values ('default', 'Default')`);
    await db.query(
      `insert into contracts (id, tenant_id, name, currency, rate_per_hour, sla_target, tz, heartbeat_timeout_seconds, fleet)
       values ('demo', 'default', 'Demo', 'EUR', 120, 0.97, 'UTC', 600, true)`,
    );
    await migrate(db, allMigrations());
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  it('gives contracts that existed before migration 004 a version 1 from their header, with the spec defaults for the rest', async () => {
    const [v1, ...others] = await new ContractVersionRepository(db).list(PROVIDER_SCOPE, 'demo');
    expect(others).toEqual([]);
    expect(v1).toMatchObject({
      version: 1,
      effectiveFrom: '1970-01-01T00:00:00.000000Z',
      effectiveTo: null,
      createdBy: 'migration:004',
    });
    expect(v1.terms).toEqual({
      ...DEFAULT_CONTRACT_TERMS,
      tz: 'UTC',
      currency: 'EUR',
      ratePerHour: '120.0000',
      slaTarget: '0.970000',
      heartbeatTimeoutSeconds: 600,
    });
  });
});
