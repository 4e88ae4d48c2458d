import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { DeviceRegistryService } from './device-registry.service';
import { DeviceRepository } from './device.repository';
import { PasswordHasher } from './password-hasher';

forEachSqlBackend(DeviceRegistryService.name, (db: () => SqlDatabase) => {
  const sut = () => new DeviceRegistryService(new DeviceRepository(db()), new PasswordHasher({ N: 1024 }));

  it('provisions a device with its asset and credentials that authenticate', async () => {
    const device = await sut().provision(PROVIDER_SCOPE, { id: 'pump-1', type: 'pump', tenantId: 'acme' });
    expect(device).toMatchObject({ id: 'pump-1', tenantId: 'acme', type: 'pump', username: 'pump-1', revokedAt: null });
    expect(device.credentials.password).toHaveLength(32);
    await expect(sut().authenticate('pump-1', device.credentials.password)).resolves.toEqual({ deviceId: 'pump-1', tenantId: 'acme' });
    await expect(sut().authenticate('pump-1', 'wrong')).resolves.toBeNull();
    const assets = await db().query<{ id: string; tenant_id: string }>(`select id, tenant_id from assets where id = 'pump-1'`);
    expect(assets).toEqual([{ id: 'pump-1', tenant_id: 'acme' }]);
  });

  it('refuses a second device with the same id and a malformed id', async () => {
    await sut().provision(PROVIDER_SCOPE, { id: 'dup-1', type: 'pump' });
    await expect(sut().provision(PROVIDER_SCOPE, { id: 'dup-1', type: 'pump' })).rejects.toMatchObject({ code: 'DEVICE_EXISTS' });
    await expect(sut().provision(PROVIDER_SCOPE, { id: 'a/b', type: 'pump' })).rejects.toMatchObject({ code: 'DEVICE_INVALID' });
  });

  it('rotation invalidates the old password; revocation refuses every password', async () => {
    const { credentials } = await sut().provision(PROVIDER_SCOPE, { id: 'rot-1', type: 'pump' });
    const rotated = await sut().rotateCredentials(PROVIDER_SCOPE, 'rot-1');
    await expect(sut().authenticate('rot-1', credentials.password)).resolves.toBeNull();
    await expect(sut().authenticate('rot-1', rotated.password)).resolves.not.toBeNull();
    await sut().revoke(PROVIDER_SCOPE, 'rot-1');
    await expect(sut().authenticate('rot-1', rotated.password)).resolves.toBeNull();
  });

  it('keeps tenants apart', async () => {
    await sut().provision(tenantScope('t1'), { id: 'only-t1', type: 'pump' });
    expect((await sut().list(tenantScope('t2'))).map((d) => d.id)).not.toContain('only-t1');
    expect((await sut().list(tenantScope('t1'))).map((d) => d.id)).toContain('only-t1');
    await expect(sut().get(tenantScope('t2'), 'only-t1')).rejects.toMatchObject({ code: 'DEVICE_NOT_FOUND' });
    await expect(sut().provision(tenantScope('t1'), { id: 'x-1', type: 'pump', tenantId: 't2' })).rejects.toMatchObject({
      code: 'DEVICE_INVALID',
    });
  });
});
