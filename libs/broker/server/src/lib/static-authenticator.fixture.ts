import type { DeviceAuthenticator } from './broker-hooks';

/** A device a {@link staticAuthenticator} lets in. */
export interface StaticDevice {
  id: string;
  tenantId: string;
  password: string;
}

/**
 * Device authentication from a fixed list (username = device id), for broker nodes that run
 * without a registry database, such as a node in a child process of a test.
 */
export function staticAuthenticator(devices: readonly StaticDevice[]): DeviceAuthenticator {
  return {
    authenticate: async (username, password) => {
      const device = devices.find((d) => d.id === username && d.password === password);
      return device ? { deviceId: device.id, tenantId: device.tenantId } : null;
    },
  };
}
