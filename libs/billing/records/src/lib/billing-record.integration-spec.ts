import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingRecordService } from './billing-record.service';
import { ContractRepository } from './contract.repository';

const DAY = Date.UTC(2026, 10, 20);
const H = 3_600_000;

async function seed(db: SqlDatabase): Promise<void> {
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme') on conflict do nothing`);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash) values ('gt-1', 'acme', 'turbofan', 'gt-1', 'x')`,
  );
  await db.query(`insert into assets (id, tenant_id, device_id, type, created_at) values ('gt-1', 'acme', 'gt-1', 'turbofan', $1)`, [
    new Date(DAY - 10 * H),
  ]);
  const events: Array<[number, string, string]> = [
    [DAY - H, 'STATE', 'STANDBY'], // carry-in from the day before
    [DAY + 2 * H, 'STATE', 'RUN'],
    [DAY + 2 * H + 600_000, 'HEARTBEAT', 'RUN'],
    [DAY + 5 * H, 'STATE', 'FAULT'],
    [DAY + 6 * H, 'STATE', 'RUN'],
  ];
  for (const [at, kind, state] of events) {
    await db.query(`insert into state_events (asset_id, tenant_id, observed_at, kind, state) values ('gt-1', 'acme', $1, $2, $3)`, [
      new Date(at),
      kind,
      state,
    ]);
  }
}

forEachSqlBackend(BillingRecordService.name, (db: () => SqlDatabase) => {
  const contracts = () => new ContractRepository(db());

  beforeAll(async () => {
    await seed(db());
    await contracts().upsert({
      id: 'c-acme',
      tenantId: 'acme',
      name: 'Acme power by the hour',
      currency: 'EUR',
      ratePerHour: '95.50',
      slaTarget: '0.97',
      tz: 'UTC',
      heartbeatTimeoutSeconds: 3 * 3600,
      fleet: true,
    });
  });

  it('computes operating hours, downtime and the charge of a day from state events', async () => {
    // Until 08:00: STANDBY 0-2 h (carried in), RUN 2-5 h, FAULT 5-6 h, RUN 6-8 h (within the 3 h heartbeat timeout).
    const sut = new BillingRecordService(contracts(), () => DAY + 8 * H);
    await sut.run();
    const [today, yesterday] = await contracts().records(PROVIDER_SCOPE, 'c-acme');
    expect(today).toMatchObject({
      assetId: 'gt-1',
      periodStart: new Date(DAY).toISOString(),
      runSeconds: 5 * 3600,
      faultSeconds: 3600,
      unknownSeconds: 0,
      operatingHours: '5.0000',
      charge: '477.50',
      currency: 'EUR',
    });
    // The day before: commissioned at 14:00, silent until the STANDBY event at 23:00.
    expect(yesterday).toMatchObject({ periodStart: new Date(DAY - 24 * H).toISOString(), runSeconds: 0, unknownSeconds: 9 * 3600 });
  });

  it('turns silence longer than the heartbeat timeout into unknown time, not operating time', async () => {
    const sut = new BillingRecordService(contracts(), () => DAY + 12 * H);
    await sut.run();
    const [today] = await contracts().records(PROVIDER_SCOPE, 'c-acme');
    // RUN from 06:00 holds until 09:00 (last event + 3 h), then UNKNOWN until 12:00.
    expect(today).toMatchObject({ runSeconds: 6 * 3600, unknownSeconds: 3 * 3600 });
  });

  it('recomputing with the same inputs gives the same record, and other tenants see none of it', async () => {
    const sut = new BillingRecordService(contracts(), () => DAY + 8 * H);
    await sut.run();
    const first = await contracts().records(PROVIDER_SCOPE, 'c-acme');
    await sut.run();
    const again = await contracts().records(PROVIDER_SCOPE, 'c-acme');
    expect(again).toEqual(first);
    expect(again[0].charge).toBe('477.50');
    expect(await contracts().records(tenantScope('other'), 'c-acme')).toEqual([]);
    expect(await contracts().list(tenantScope('other'))).toEqual([]);
    expect((await contracts().list(tenantScope('acme')))[0].assetIds).toEqual(['gt-1']);
  });
});
