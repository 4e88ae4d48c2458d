import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingCorrectionService } from './billing-correction.service';
import { BillingRunService } from './billing-run.service';
import { at, seedContract, seedStates } from './billing-runs.fixture';
import { BillingStores } from './billing-stores';

const us = (iso: string) => at(iso) * 1000;

async function stateEvent(
  db: SqlDatabase,
  assetId: string,
  observedAt: string,
  state: string,
  receivedAt = observedAt,
): Promise<void> {
  await db.query(
    `insert into state_events (asset_id, tenant_id, observed_at, kind, state, received_at) values ($1, 'acme', $2, 'STATE', $3, $4)`,
    [assetId, observedAt, state, receivedAt],
  );
}

forEachSqlBackend(BillingCorrectionService.name, (db: () => SqlDatabase) => {
  const corrections = (nowIso: string) =>
    new BillingCorrectionService(new BillingStores(db()), () => at(nowIso));

  it('is picked up by the next billing round, which rates a new revision; the original event stays an input', async () => {
    const { contractId, assetId } = await seedContract(db(), 'corr-round');
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-10T00:00:00Z');
    await stateEvent(db(), assetId, '2026-06-10T00:00:00Z', 'FAULT');
    await seedStates(db(), assetId, 'RUN', '2026-06-10T00:40:00Z', '2026-07-02T00:00:00Z');
    const round = (nowIso: string) =>
      new BillingRunService(db(), new BillingStores(db()), { now: () => at(nowIso) }).runAll();
    await round('2026-07-02T00:00:00Z');
    const stores = new BillingStores(db());
    expect(await stores.runs.latest(PROVIDER_SCOPE, contractId, '2026-06')).toMatchObject({
      revision: 1,
      status: 'DRAFT',
      figures: { seconds: { FORCED_OUTAGE: '2400' } },
    });
    const c = await corrections('2026-07-02T00:00:00Z').add(PROVIDER_SCOPE, 'alice', assetId, {
      supersedes: `STATE@${us('2026-06-10T00:00:00Z')}`,
      state: 'CUSTOMER_STOP',
      reason: 'customer cut the fuel supply',
    });
    await round('2026-07-02T00:00:01Z');
    const revised = await stores.runs.latest(PROVIDER_SCOPE, contractId, '2026-06');
    expect(revised).toMatchObject({
      revision: 2,
      status: 'DRAFT',
      figures: { seconds: { FORCED_OUTAGE: '0', CUSTOMER_STOP: '2400' } },
    });
    const events = await stores.events.events(
      PROVIDER_SCOPE,
      [assetId],
      us('2026-06-10T00:00:00Z'),
      us('2026-06-10T00:01:00Z'),
      us('2026-07-03T00:00:00Z'),
    );
    expect(events.map((e) => [e.kind, e.eventId, e.state, e.supersedes ?? null])).toEqual(
      expect.arrayContaining([
        ['STATE', `STATE@${us('2026-06-10T00:00:00Z')}`, 'FAULT', null],
        ['CORRECTION', c.id, 'CUSTOMER_STOP', `STATE@${us('2026-06-10T00:00:00Z')}`],
      ]),
    );
    // Received after a run's cutoff, a correction is not one of its inputs.
    const before = await stores.events.events(
      PROVIDER_SCOPE,
      [assetId],
      us('2026-06-01T00:00:00Z'),
      us('2026-07-01T00:00:00Z'),
      us('2026-07-01T23:59:59Z'),
    );
    expect(before.filter((e) => e.kind === 'CORRECTION')).toEqual([]);
  });

  it('corrects the carry-in: the last state before the period start', async () => {
    const { contractId, assetId } = await seedContract(db(), 'corr-carry');
    await stateEvent(db(), assetId, '2026-05-31T23:30:00Z', 'FAULT');
    await seedStates(db(), assetId, 'RUN', '2026-06-01T00:30:00Z', '2026-07-01T00:00:00Z');
    const rate = (nowIso: string) =>
      new BillingRunService(db(), new BillingStores(db())).rate(
        PROVIDER_SCOPE,
        contractId,
        '2026-06',
        { nowMs: at(nowIso) },
      );
    expect((await rate('2026-07-01T12:00:00Z')).run.figures.seconds).toMatchObject({
      FORCED_OUTAGE: '1800',
      STANDBY: '0',
    });
    await corrections('2026-07-01T13:00:00Z').add(PROVIDER_SCOPE, 'alice', assetId, {
      supersedes: `STATE@${us('2026-05-31T23:30:00Z')}`,
      state: 'STANDBY',
      reason: 'stopped for the night, no fault',
    });
    const { run } = await rate('2026-07-01T14:00:00Z');
    expect(run).toMatchObject({
      revision: 2,
      figures: { seconds: { FORCED_OUTAGE: '0', STANDBY: '1800' } },
    });
  });
});
