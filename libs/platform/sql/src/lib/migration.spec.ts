import { composeMigrations, type MigrationPart } from './migration';

const part = (
  version: number,
  owner: MigrationPart['owner'],
  sql: string,
  name = `v${version}`,
): MigrationPart => ({ version, name, owner, sql });

describe(composeMigrations.name, () => {
  it('joins the parts of a version in owner order, whatever order they come in, and orders versions', () => {
    const sut = composeMigrations([
      part(2, 'billing-records', 'b2;'),
      part(1, 'api-http', 'users;'),
      part(1, 'billing-records', 'state_events;'),
      part(1, 'platform-tenancy', 'tenants;'),
      part(1, 'devices-registry', 'assets;'),
    ]);
    expect(sut).toEqual([
      { version: 1, name: 'v1', sql: 'tenants;\nassets;\nstate_events;\nusers;' },
      { version: 2, name: 'v2', sql: 'b2;' },
    ]);
  });

  it('refuses two parts of one owner in one version, and parts naming a version differently', () => {
    expect(() =>
      composeMigrations([part(1, 'risk-scoring', 'a;'), part(1, 'risk-scoring', 'b;')]),
    ).toThrow(/migration 1/);
    expect(() =>
      composeMigrations([
        part(1, 'risk-scoring', 'a;', 'core'),
        part(1, 'billing-records', 'b;', 'other'),
      ]),
    ).toThrow(/clash/);
  });

  it('refuses an owner outside the ordering', () => {
    expect(() =>
      composeMigrations([
        { ...part(1, 'risk-scoring', 'a;'), owner: 'nobody' as MigrationPart['owner'] },
      ]),
    ).toThrow(/unknown owner nobody/);
  });
});
