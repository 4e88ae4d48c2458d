import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingRunService } from './billing-run.service';
import { at, seedContract, seedStates } from './billing-runs.fixture';
import { BillingStores } from './billing-stores';
import { ContractAvailabilityQuery } from './contract-availability.query';

forEachSqlBackend(ContractAvailabilityQuery.name, (db: () => SqlDatabase) => {
  it('names the covered assets whose contract is within the margin of its availability target', async () => {
    const runs = new BillingRunService(db(), new BillingStores(db()));
    const healthy = await seedContract(db(), 'healthy');
    const tight = await seedContract(db(), 'tight');
    const unrated = await seedContract(db(), 'unrated');
    await seedStates(db(), healthy.assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-20T00:00:00Z');
    await seedStates(db(), tight.assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-06-19T00:00:00Z');
    await seedStates(db(), tight.assetId, 'FAULT', '2026-06-19T00:00:00Z', '2026-06-20T00:00:00Z');
    for (const c of [healthy, tight])
      await runs.rate(PROVIDER_SCOPE, c.contractId, '2026-06', {
        nowMs: at('2026-06-20T00:00:00Z'),
      });
    const sut = new ContractAvailabilityQuery(db());
    const assets = [healthy.assetId, tight.assetId, unrated.assetId];
    expect(await sut.assetsNearTarget(assets, '0.005', new Date('2026-06-20T00:00:00Z'))).toEqual(
      new Set([tight.assetId]),
    );
    expect(
      await sut.assetsNearTarget([healthy.assetId], '0.02', new Date('2026-06-20T00:00:00Z')),
    ).toEqual(new Set([healthy.assetId]));
    expect(await sut.assetsNearTarget([], '0.02', new Date())).toEqual(new Set());
  });
});
