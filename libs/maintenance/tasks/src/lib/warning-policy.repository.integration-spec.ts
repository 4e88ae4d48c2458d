import type { SqlDatabase } from '@hourglass/platform-sql';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { WarningPolicies } from './warning-policies';
import { WarningPolicyRepository } from './warning-policy.repository';

forEachSqlBackend(WarningPolicyRepository.name, (db: () => SqlDatabase) => {
  const sut = () => new WarningPolicyRepository(db());

  it('creates, replaces, lists and deletes the policy of an asset type', async () => {
    expect(await sut().get('turbofan')).toBeNull();
    await sut().put(
      {
        assetType: 'turbofan',
        threshold: 0.6,
        horizon: 30,
        consecutive: 3,
        component: 'hpc-module',
      },
      'alice',
    );
    const replaced = await sut().put(
      {
        assetType: 'turbofan',
        threshold: 0.8,
        horizon: 20,
        consecutive: 2,
        component: 'hpc-module',
      },
      'bob',
    );
    expect(replaced).toMatchObject({
      threshold: 0.8,
      horizon: 20,
      consecutive: 2,
      updatedBy: 'bob',
    });
    await sut().put(
      { assetType: 'pump', threshold: 0.5, horizon: 10, consecutive: 4, component: 'impeller' },
      'bob',
    );
    expect((await sut().list()).map((p) => p.assetType)).toEqual(['pump', 'turbofan']);
    expect(await sut().delete('pump')).toBe(true);
    expect(await sut().delete('pump')).toBe(false);
  });

  it('refuses a threshold outside [0, 1] in the database too', async () => {
    await expect(
      sut().put({ assetType: 'x', threshold: 2, horizon: 1, consecutive: 1, component: 'u' }, 'a'),
    ).rejects.toThrow();
  });

  it('resolves stored policies and defaults in one read', async () => {
    const lookup = await new WarningPolicies(sut(), { threshold: 0.4, consecutive: 6 }).load(30);
    expect(lookup('turbofan')).toMatchObject({ threshold: 0.8, horizon: 20, consecutive: 2 });
    expect(lookup('fan')).toMatchObject({
      threshold: 0.4,
      horizon: 30,
      consecutive: 6,
      component: 'unit',
    });
  });
});
