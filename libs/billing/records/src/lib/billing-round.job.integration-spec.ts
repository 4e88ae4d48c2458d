import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingRoundJob } from './billing-round.job';
import { BillingStores } from './billing-stores';
import { DEMO_CONTRACT, seedDemoContract } from './demo-contract.seed';

forEachSqlBackend(BillingRoundJob.name, (db) => {
  it('seeds the demo contract once, then rates its previous and current period once until something changes', async () => {
    const stores = new BillingStores(db());
    await seedDemoContract(stores);
    await seedDemoContract(stores);
    expect(await stores.versions.list(PROVIDER_SCOPE, DEMO_CONTRACT.id)).toHaveLength(1);
    const sut = new BillingRoundJob({ db: db(), stores });
    expect(await sut.run()).toBe(2);
    expect(await sut.run()).toBe(0);
  });
});
