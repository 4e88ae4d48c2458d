import type { SqlDatabase } from '@hourglass/platform-sql';
import { DEFAULT_TENANT_ID, PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { DeviceRegistryService } from './device-registry.service';
import { DeviceRepository } from './device.repository';
import { PasswordHasher } from './password-hasher';

forEachSqlBackend(DeviceRegistryService.name, (db: () => SqlDatabase) => {
  const sut = () =>
    new DeviceRegistryService(new DeviceRepository(db()), new PasswordHasher({ N: 1024 }));

  it('provisions a device with its asset and credentials that authenticate', async () => {
    const device = await sut().provision(PROVIDER_SCOPE, {
      id: 'pump-1',
      type: 'pump',
      tenantId: 'acme',
    });
    expect(device).toMatchObject({
      id: 'pump-1',
      tenantId: 'acme',
      type: 'pump',
      username: 'pump-1',
      revokedAt: null,
    });
    expect(device.credentials.password).toHaveLength(32);
    await expect(sut().authenticate('pump-1', device.credentials.password)).resolves.toEqual({
      deviceId: 'pump-1',
      tenantId: 'acme',
    });
    await expect(sut().authenticate('pump-1', 'wrong')).resolves.toBeNull();
    const assets = await db().query<{ id: string; tenant_id: string }>(
      `select id, tenant_id from assets where id = 'pump-1'`,
    );
    expect(assets).toEqual([{ id: 'pump-1', tenant_id: 'acme' }]);
  });

  it('refuses a second device with the same id and a malformed id', async () => {
    await sut().provision(PROVIDER_SCOPE, { id: 'dup-1', type: 'pump' });
    await expect(
      sut().provision(PROVIDER_SCOPE, { id: 'dup-1', type: 'pump' }),
    ).rejects.toMatchObject({ code: 'DEVICE_EXISTS' });
    await expect(
      sut().provision(PROVIDER_SCOPE, { id: 'a/b', type: 'pump' }),
    ).rejects.toMatchObject({ code: 'DEVICE_INVALID' });
  });

  it("refuses device ids in the service accounts' client-id namespace (svc-*, B21)", async () => {
    for (const id of ['svc-ingest', 'SVC-alerts-1']) {
      await expect(sut().provision(PROVIDER_SCOPE, { id, type: 'pump' })).rejects.toMatchObject({
        code: 'DEVICE_INVALID',
        message: expect.stringContaining('reserved'),
      });
    }
    await expect(
      sut().provision(PROVIDER_SCOPE, { id: 'svc', type: 'pump' }),
    ).resolves.toMatchObject({ id: 'svc' });
  });

  it('rotation invalidates the old password; revocation refuses every password', async () => {
    const { credentials } = await sut().provision(PROVIDER_SCOPE, { id: 'rot-1', type: 'pump' });
    const rotated = await sut().rotateCredentials(PROVIDER_SCOPE, 'rot-1');
    await expect(sut().authenticate('rot-1', credentials.password)).resolves.toBeNull();
    await expect(sut().authenticate('rot-1', rotated.password)).resolves.not.toBeNull();
    await sut().revoke(PROVIDER_SCOPE, 'rot-1');
    await expect(sut().authenticate('rot-1', rotated.password)).resolves.toBeNull();
  });

  it('stores generated passwords in the fast form', async () => {
    const stored = async () =>
      (
        await db().query<{ password_hash: string }>(
          `select password_hash from devices where id = 'fast-1'`,
        )
      )[0].password_hash;
    await sut().provision(PROVIDER_SCOPE, { id: 'fast-1', type: 'pump' });
    expect(await stored()).toMatch(/^hmac-sha256\$/);
    await sut().rotateCredentials(PROVIDER_SCOPE, 'fast-1');
    expect(await stored()).toMatch(/^hmac-sha256\$/);
  });

  it('accepts a legacy scrypt hash and re-stores it in the fast form at the first login, announcing nothing', async () => {
    const { credentials } = await sut().provision(PROVIDER_SCOPE, { id: 'legacy-1', type: 'pump' });
    const legacy = await new PasswordHasher({ N: 1024 }).hash(credentials.password);
    await db().query(
      `update devices set password_hash = $1, updated_at = created_at where id = 'legacy-1'`,
      [legacy],
    );
    const since = new Date(0);
    const changesBefore = await new DeviceRepository(db()).credentialChangesSince(since);

    await expect(sut().authenticate('legacy-1', 'x'.repeat(32))).resolves.toBeNull();
    const [unchanged] = await db().query<{ password_hash: string }>(
      `select password_hash from devices where id = 'legacy-1'`,
    );
    expect(unchanged.password_hash).toBe(legacy);

    await expect(sut().authenticate('legacy-1', credentials.password)).resolves.toEqual({
      deviceId: 'legacy-1',
      tenantId: DEFAULT_TENANT_ID,
    });
    const [upgraded] = await db().query<{ password_hash: string }>(
      `select password_hash from devices where id = 'legacy-1'`,
    );
    expect(upgraded.password_hash).toMatch(/^hmac-sha256\$/);
    await expect(sut().authenticate('legacy-1', credentials.password)).resolves.toEqual({
      deviceId: 'legacy-1',
      tenantId: DEFAULT_TENANT_ID,
    });
    expect(await new DeviceRepository(db()).credentialChangesSince(since)).toEqual(changesBefore);
  });

  it('does not let a late upgrade overwrite a rotation', async () => {
    const { credentials } = await sut().provision(PROVIDER_SCOPE, { id: 'race-1', type: 'pump' });
    const legacy = await new PasswordHasher({ N: 1024 }).hash(credentials.password);
    await db().query(`update devices set password_hash = $1 where id = 'race-1'`, [legacy]);
    const rotated = await sut().rotateCredentials(PROVIDER_SCOPE, 'race-1');
    const replaced = await new DeviceRepository(db()).replacePasswordHash(
      'race-1',
      legacy,
      new PasswordHasher().hashSecret(credentials.password),
    );
    expect(replaced).toBe(false);
    await expect(sut().authenticate('race-1', credentials.password)).resolves.toBeNull();
    await expect(sut().authenticate('race-1', rotated.password)).resolves.not.toBeNull();
  });

  it('keeps tenants apart', async () => {
    await sut().provision(tenantScope('t1'), { id: 'only-t1', type: 'pump' });
    expect((await sut().list(tenantScope('t2'))).map((d) => d.id)).not.toContain('only-t1');
    expect((await sut().list(tenantScope('t1'))).map((d) => d.id)).toContain('only-t1');
    await expect(sut().get(tenantScope('t2'), 'only-t1')).rejects.toMatchObject({
      code: 'DEVICE_NOT_FOUND',
    });
    await expect(
      sut().provision(tenantScope('t1'), { id: 'x-1', type: 'pump', tenantId: 't2' }),
    ).rejects.toMatchObject({
      code: 'DEVICE_INVALID',
    });
  });

  it("gives a scope's device types by id as its list does, revoked devices included", async () => {
    await sut().provision(tenantScope('t3'), { id: 't3-pump', type: 'pump' });
    await sut().provision(tenantScope('t3'), { id: 't3-fan', type: 'turbofan' });
    await sut().revoke(tenantScope('t3'), 't3-fan');
    const repository = new DeviceRepository(db());
    for (const scope of [tenantScope('t3'), tenantScope('t2'), PROVIDER_SCOPE])
      expect([...(await repository.types(scope))]).toEqual(
        (await repository.list(scope)).map((d) => [d.id, d.type]),
      );
    expect([...(await repository.types(tenantScope('t3')))]).toEqual([
      ['t3-fan', 'turbofan'],
      ['t3-pump', 'pump'],
    ]);
  });
});
