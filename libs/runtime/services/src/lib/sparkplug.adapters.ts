import type { BrokerServer } from '@hourglass/broker-server';
import type { DeviceRepository } from '@hourglass/devices-registry';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import type { SparkplugDeviceDirectory, SparkplugPublisher } from '@hourglass/telemetry-ingest';

/** Sparkplug's host messages (rebirth requests, device status) published by the embedded broker itself. */
export function brokerSparkplugPublisher(broker: BrokerServer): SparkplugPublisher {
  return {
    publish: (topic, payload, { retain }) =>
      new Promise<void>((resolve, reject) =>
        broker.aedes.publish(
          { cmd: 'publish', topic, payload, qos: 1, retain, dup: false },
          (error?: Error) => (error ? reject(error) : resolve()),
        ),
      ),
  };
}

/** The tenant of a registered, not revoked device: who may publish for a Sparkplug device. */
export function registrySparkplugDirectory(devices: DeviceRepository): SparkplugDeviceDirectory {
  return {
    tenantOf: async (deviceId) => {
      const device = await devices.get(PROVIDER_SCOPE, deviceId);
      return device && !device.revokedAt ? device.tenantId : null;
    },
  };
}
