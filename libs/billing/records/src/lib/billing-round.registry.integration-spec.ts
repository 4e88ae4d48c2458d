import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingRunService } from './billing-run.service';
import { at, seedContract, seedStates } from './billing-runs.fixture';
import { BillingStores } from './billing-stores';

forEachSqlBackend(
  `${BillingRunService.name} round and the asset registry`,
  (db: () => SqlDatabase) => {
    const round = async (now: string, stores = new BillingStores(db())) =>
      new BillingRunService(db(), stores, { now: () => at(now) }).runAll();

    beforeAll(async () => {
      for (const name of ['reg-a', 'reg-b']) {
        const { assetId } = await seedContract(db(), name);
        await seedStates(db(), assetId, 'RUN', '2026-06-01T00:00:00Z', '2026-07-01T12:00:00Z');
      }
      expect(await round('2026-07-01T12:00:00Z')).toBe(4);
    });

    it('reads the registry once per round, not once per contract and period', async () => {
      const stores = new BillingStores(db());
      const reads = jest.spyOn(stores.assets, 'byIds');
      expect(await round('2026-07-01T12:30:00Z', stores)).toBe(0);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(new Set(reads.mock.calls[0][0])).toEqual(new Set(['reg-a-asset', 'reg-b-asset']));
    });

    it('still re-reads a contract whose asset was registered after its stored run', async () => {
      await db().query(`update assets set created_at = now() where id = 'reg-b-asset'`);
      const stores = new BillingStores(db());
      const reads = jest.spyOn(stores.periodEvents, 'read');
      await round('2026-07-01T12:45:00Z', stores);
      const readAssets = reads.mock.calls.flatMap((c) => c[1]);
      expect(readAssets).toContain('reg-b-asset');
      expect(readAssets).not.toContain('reg-a-asset');
    });
  },
);
