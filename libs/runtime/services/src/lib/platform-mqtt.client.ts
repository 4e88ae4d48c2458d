import mqtt, { type MqttClient } from 'mqtt';
import type { MqttPublish } from '@hourglass/notifications-device-commands';

/** The platform's MQTT connection as `svc-alerts`: publishes commands, reads device events. */
export interface PlatformMqtt {
  client: MqttClient;
  publish: MqttPublish;
  close(): Promise<void>;
}

/**
 * Connects as the `svc-alerts` service account with its own secret (may publish `devices/+/commands/#`, subscribe to
 * events and status). A persistent session under a stable client id keeps device events published
 * while the platform restarts (QoS 1), and MQTT.js reconnects by itself.
 */
export async function connectPlatformMqtt(
  url: string,
  password: string,
  clientId = 'svc-alerts-notifications',
): Promise<PlatformMqtt> {
  const client = await mqtt.connectAsync(url, {
    clientId,
    username: 'svc-alerts',
    password,
    clean: false,
    reconnectPeriod: 1_000,
    keepalive: 60,
  });
  return {
    client,
    publish: async (topic, payload, { retain }) => {
      await client.publishAsync(topic, payload, { qos: 1, retain });
    },
    close: () => client.endAsync(),
  };
}
