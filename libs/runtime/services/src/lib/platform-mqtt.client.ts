import mqtt, { type MqttClient } from 'mqtt';
import type { MqttPublish } from '@hourglass/notifications-device-commands';

/** The platform's MQTT connection as `svc-alerts`: publishes commands, reads device events. */
export interface PlatformMqtt {
  client: MqttClient;
  publish: MqttPublish;
  /**
   * Resolves once connected and subscribed, or after `waitMs`, whichever comes first: true when
   * connected. A caller that starts while the broker is away goes on without it.
   */
  firstConnection(waitMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** How the platform's MQTT connection identifies itself, what it reads, and where it reports. */
export interface PlatformMqttOptions {
  /** Stable, so that the broker keeps the session (default `svc-alerts-notifications`). */
  clientId?: string;
  /** Filters subscribed at QoS 1 on every connection whose session the broker did not keep. */
  subscriptions?: readonly string[];
  /** Where losing and regaining the broker is said (once per change, not per retry). */
  log?: (line: string) => void;
}

/** How often a lost or never-reached broker is tried again, ms. */
export const PLATFORM_MQTT_RECONNECT_MS = 1_000;

/**
 * Connects as the `svc-alerts` service account with its own secret (may publish `devices/+/commands/#`, subscribe to
 * events and status). A persistent session under a stable client id keeps device events published
 * while the platform restarts (QoS 1), and MQTT.js reconnects by itself.
 *
 * It does not wait for the broker: a process started before its broker (or while the broker
 * restarts) comes up, says the broker is unreachable, and keeps trying every
 * {@link PLATFORM_MQTT_RECONNECT_MS}; QoS 1 publishes made meanwhile wait in MQTT.js's queue and go
 * out once connected, and the subscriptions are made again whenever the broker kept no session.
 */
export function connectPlatformMqtt(
  url: string,
  password: string,
  options: PlatformMqttOptions = {},
): PlatformMqtt {
  const log = options.log ?? (() => undefined);
  const subscriptions = [...(options.subscriptions ?? [])];
  const client = mqtt.connect(url, {
    clientId: options.clientId ?? 'svc-alerts-notifications',
    username: 'svc-alerts',
    password,
    clean: false,
    reconnectPeriod: PLATFORM_MQTT_RECONNECT_MS,
    keepalive: 60,
  });
  let reachable: boolean | undefined;
  let subscribed!: () => void;
  const ready = new Promise<void>((resolve) => (subscribed = resolve));
  client.on('connect', (connack) => {
    if (reachable === false) log(`mqtt: connected to ${url} again`);
    reachable = true;
    if (connack.sessionPresent || subscriptions.length === 0) return subscribed();
    client.subscribe(subscriptions, { qos: 1 }, (error) => {
      if (error) log(`mqtt: subscribing to ${subscriptions.join(', ')}: ${error.message}`);
      else subscribed();
    });
  });
  const lost = (reason: string) => {
    if (reachable === false) return;
    reachable = false;
    log(
      `mqtt: the broker at ${url} is unreachable (${reason}); retrying every ${PLATFORM_MQTT_RECONNECT_MS} ms`,
    );
  };
  client.on('error', (error) => lost(error.message));
  client.on('offline', () => lost('offline'));
  return {
    client,
    publish: async (topic, payload, { retain }) => {
      await client.publishAsync(topic, payload, { qos: 1, retain });
    },
    firstConnection: async (waitMs) => {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
      await Promise.race([ready, waited]);
      clearTimeout(timer);
      return client.connected;
    },
    // In-flight QoS 1 publishes are waited for only while there is a broker to answer them.
    close: () => client.endAsync(!client.connected),
  };
}
