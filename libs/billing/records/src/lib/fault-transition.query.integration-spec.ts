import type { SqlDatabase } from '@hourglass/platform-sql';
import { tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { FaultTransitionQuery } from './fault-transition.query';

const T0 = Date.UTC(2025, 0, 6);
const HOUR = 3_600_000;
const END = T0 + 200 * HOUR;
const at = (h: number) => T0 + h * HOUR;

/** The state history of the fleet export's scenario: engine e-1 fails once; pump p-1 has corrected events. */
async function seed(db: SqlDatabase): Promise<void> {
  await db.query("insert into tenants (id, name) values ('acme', 'acme') on conflict do nothing");
  for (const [id, type] of [
    ['e-1', 'turbofan'],
    ['p-1', 'pump'],
  ]) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', $2, $1, 'x')`,
      [id, type],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type) values ($1, 'acme', $1, $2)`,
      [id, type],
    );
  }
  const events: Array<[string, number, string]> = [
    ['e-1', 0, 'RUN'],
    ['e-1', 40, 'FAULT'],
    ['e-1', 41, 'FAULT'],
    ['e-1', 43, 'RUN'],
    ['p-1', 0, 'RUN'],
    ['p-1', 2, 'FAULT'],
    ['p-1', 3, 'FAULT'],
    ['p-1', 4, 'RUN'],
    ['p-1', 5, 'RUN'],
    ['p-1', 6, 'RUN'],
    ['p-1', 7, 'FAULT'],
    ['p-1', 8, 'RUN'],
  ];
  for (const [asset, h, state] of events) {
    await db.query(
      `insert into state_events (asset_id, tenant_id, observed_at, kind, state) values ($1, 'acme', $2, 'STATE', $3)`,
      [asset, new Date(at(h)), state],
    );
  }
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
}

forEachSqlBackend(FaultTransitionQuery.name, (db) => {
  beforeAll(() => seed(db()));

  it('labels failures by the effective state: the last correction in its chain, else its own', async () => {
    const failures = await new FaultTransitionQuery(db()).failureEvents(
      tenantScope('acme'),
      ['e-1', 'p-1'],
      T0,
      END,
    );
    expect(failures).toEqual([
      { assetId: 'e-1', ts: T0 + 40 * HOUR },
      // FAULT at 2 corrected to RUN: none there, and the stored FAULT at 3 is the transition.
      { assetId: 'p-1', ts: T0 + 3 * HOUR },
      // RUN at 5 corrected to FAULT.
      { assetId: 'p-1', ts: T0 + 5 * HOUR },
      // FAULT at 7 corrected to RUN, that correction corrected back to FAULT.
      { assetId: 'p-1', ts: T0 + 7 * HOUR },
    ]);
  });
});
