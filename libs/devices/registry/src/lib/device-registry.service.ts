import { isServiceClientId } from '@hourglass/contracts-wire';
import { DEFAULT_TENANT_ID, PROVIDER_SCOPE, type Scope } from '@hourglass/platform-tenancy';
import type { DeviceCredentialEvents } from './device-credential-events';
import { CredentialLookupBatcher } from './credential-lookup.batcher';
import { DeviceError } from './device-errors';
import { DeviceRepository, type Device } from './device.repository';
import { PasswordHasher } from './password-hasher';

/** Same rule as telemetry names: the id becomes an MQTT topic level and an InfluxDB tag. */
const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export interface DeviceCredentials {
  username: string;
  password: string;
}

export interface ProvisionedDevice extends Device {
  /** Shown once: only the hash is stored. */
  credentials: DeviceCredentials;
}

/** The identity of an authenticated device. */
export interface DeviceIdentity {
  deviceId: string;
  tenantId: string;
}

/** Provisioning, credential rotation, revocation and authentication of devices. */
export class DeviceRegistryService {
  /** CONNECTs that arrive together share one credentials query (see CredentialLookupBatcher). */
  private readonly credentials: CredentialLookupBatcher;

  constructor(
    private readonly devices: DeviceRepository,
    private readonly hasher: PasswordHasher = new PasswordHasher(),
    /** Told of every revocation and rotation, so that the broker can close what they invalidate. */
    private readonly events?: DeviceCredentialEvents,
  ) {
    this.credentials = new CredentialLookupBatcher((usernames) =>
      this.devices.findCredentialsMany(usernames),
    );
  }

  async provision(
    scope: Scope,
    input: { id: string; type: string; tenantId?: string },
  ): Promise<ProvisionedDevice> {
    if (!ID_PATTERN.test(input.id))
      throw new DeviceError('DEVICE_INVALID', `device id must match ${ID_PATTERN}`);
    // The device id is the device's MQTT client id; `svc-*` client ids belong to the service accounts (B21).
    if (isServiceClientId(input.id)) {
      throw new DeviceError(
        'DEVICE_INVALID',
        'device ids starting with "svc-" are reserved for the platform\'s service accounts',
      );
    }
    if (!input.type || input.type.length > 64)
      throw new DeviceError('DEVICE_INVALID', 'device type is required');
    const tenantId =
      scope.kind === 'tenant' ? scope.tenantId : (input.tenantId ?? DEFAULT_TENANT_ID);
    if (!ID_PATTERN.test(tenantId))
      throw new DeviceError('DEVICE_INVALID', `tenant id must match ${ID_PATTERN}`);
    if (scope.kind === 'tenant' && input.tenantId && input.tenantId !== scope.tenantId) {
      throw new DeviceError('DEVICE_INVALID', 'a tenant can provision devices only for itself');
    }
    const password = PasswordHasher.generatePassword();
    const inserted = await this.devices.insert({
      id: input.id,
      tenantId,
      type: input.type,
      passwordHash: this.hasher.hashSecret(password),
    });
    if (!inserted) throw new DeviceError('DEVICE_EXISTS', `device ${input.id} already exists`);
    const device = (await this.devices.get(PROVIDER_SCOPE, input.id)) as Device;
    return { ...device, credentials: { username: device.username, password } };
  }

  /** Issues a new password; the old one stops working at once. Re-enables a revoked device. */
  async rotateCredentials(scope: Scope, id: string): Promise<DeviceCredentials> {
    const password = PasswordHasher.generatePassword();
    if (!(await this.devices.updatePassword(scope, id, this.hasher.hashSecret(password)))) {
      throw new DeviceError('DEVICE_NOT_FOUND', `device ${id} not found`);
    }
    this.events?.emit({ deviceId: id, kind: 'rotated', at: new Date() });
    return { username: id, password };
  }

  /** Revokes the device's credentials; its open connections are closed through the events. */
  async revoke(scope: Scope, id: string): Promise<void> {
    if (!(await this.devices.revoke(scope, id)))
      throw new DeviceError('DEVICE_NOT_FOUND', `device ${id} not found`);
    this.events?.emit({ deviceId: id, kind: 'revoked', at: new Date() });
  }

  /** Devices in id order; with `page`, at most `page.limit` after the id `page.after`. */
  list(scope: Scope, page?: { limit: number; after?: string }): Promise<Device[]> {
    return this.devices.list(scope, page);
  }

  /** The ids of a scope's devices (revoked ones included): what other domains filter their per-device records by. */
  deviceIds(scope: Scope): Promise<string[]> {
    return this.devices.ids(scope);
  }

  async get(scope: Scope, id: string): Promise<Device> {
    const device = await this.devices.get(scope, id);
    if (!device) throw new DeviceError('DEVICE_NOT_FOUND', `device ${id} not found`);
    return device;
  }

  /**
   * The identity of a device that proved itself otherwise (a client certificate whose CN is its id):
   * null when the device is unknown or revoked.
   */
  async identify(deviceId: string): Promise<DeviceIdentity | null> {
    const found = await this.credentials.find(deviceId);
    return found ? { deviceId: found.deviceId, tenantId: found.tenantId } : null;
  }

  /**
   * Null when the username is unknown, revoked, or the password is wrong. A password still stored in
   * the slow legacy form (scrypt) is re-stored in the fast one on its first successful login.
   */
  async authenticate(username: string, password: string): Promise<DeviceIdentity | null> {
    const found = await this.credentials.find(username);
    if (!found) return null;
    const check = await this.hasher.verifySecret(password, found.passwordHash);
    if (!check.valid) return null;
    if (check.upgrade) {
      // Best effort: the legacy hash keeps working, and the next login tries again.
      await this.devices
        .replacePasswordHash(found.deviceId, found.passwordHash, this.hasher.hashSecret(password))
        .catch(() => false);
    }
    return { deviceId: found.deviceId, tenantId: found.tenantId };
  }
}
