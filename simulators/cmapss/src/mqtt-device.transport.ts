import { STATUS_OFFLINE, STATUS_ONLINE, type DeviceStatus } from '@hourglass/contracts-wire';
import { MqttClient, connectAsync } from 'mqtt';
import { DeviceTransport, TransportPublishOptions } from './device-transport';
import { SimulatorError, errorMessage } from './simulator-error';
import { deviceTopics } from './telemetry-message';

/** Options of {@link MqttDeviceTransport.connect}. */
export interface MqttDeviceTransportOptions {
  /** Broker URL, e.g. `mqtt://127.0.0.1:1883`. */
  url: string;
  /** Used as the MQTT client id. */
  deviceId: string;
  username: string;
  password: string;
  /** How long the first connection may take (default 10 s). */
  connectTimeoutMs?: number;
  /** Delay between reconnection attempts after the connection drops (default 1 s). */
  reconnectPeriodMs?: number;
  /** How long `close` waits for the `offline` status to be acknowledged (default 2 s). */
  closeTimeoutMs?: number;
  log?: (message: string) => void;
}

/**
 * CONNACK codes that mean the broker will not accept this client as configured: MQTT 3.1.1
 * 3.2.2.3 (1 protocol, 2 client id, 4 bad user name or password, 5 not authorised) and the MQTT 5
 * equivalents (0x85 client id, 0x86 bad user name or password, 0x87 not authorised, 0x8C bad
 * authentication method). 3 and 0x88 (server unavailable) may pass, so they count as unreachable.
 */
const REFUSED_CODES = new Set([1, 2, 4, 5, 0x85, 0x86, 0x87, 0x8c]);

/**
 * One device's MQTT connection (MQTT.js). The Will is a retained `offline` on
 * `devices/{id}/status`, and every (re)connection publishes a retained `online` there. After
 * the first connection MQTT.js reconnects on its own and re-subscribes.
 */
export class MqttDeviceTransport implements DeviceTransport {
  private readonly statusTopic: string;
  private readonly handlers = new Map<string, (payload: Buffer) => void>();
  private wasConnected = true;

  private constructor(
    private readonly client: MqttClient,
    private readonly options: MqttDeviceTransportOptions,
  ) {
    this.statusTopic = deviceTopics(options.deviceId).status;
    client.on('message', (topic, payload) => this.handlers.get(topic)?.(payload));
    client.on('error', (error) => this.log(`MQTT error: ${error.message}`));
    client.on('connect', () => this.onConnect());
    client.on('close', () => this.onClose());
  }

  /**
   * Connects once; rejects with `MQTT_REFUSED` (bad credentials, not authorised) or
   * `MQTT_UNREACHABLE` (no broker, timeout) instead of retrying forever.
   */
  static async connect(options: MqttDeviceTransportOptions): Promise<MqttDeviceTransport> {
    let client: MqttClient;
    try {
      client = await connectAsync(
        options.url,
        {
          clientId: options.deviceId,
          username: options.username,
          password: options.password,
          clean: true,
          connectTimeout: options.connectTimeoutMs ?? 10_000,
          reconnectPeriod: options.reconnectPeriodMs ?? 1000,
          will: {
            topic: deviceTopics(options.deviceId).status,
            payload: Buffer.from(STATUS_OFFLINE),
            qos: 1,
            retain: true,
          },
        },
        false,
      );
    } catch (error) {
      throw connectError(options, error);
    }
    const transport = new MqttDeviceTransport(client, options);
    transport.announce(STATUS_ONLINE);
    return transport;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  async publish(topic: string, payload: string, options: TransportPublishOptions): Promise<void> {
    await this.client.publishAsync(topic, payload, {
      qos: options.qos,
      retain: options.retain ?? false,
    });
  }

  async subscribe(topic: string, onMessage: (payload: Buffer) => void): Promise<void> {
    this.handlers.set(topic, onMessage);
    const granted = await this.client.subscribeAsync(topic, { qos: 1 });
    if (granted.some((grant) => grant.qos === 128)) {
      throw new SimulatorError(
        'MQTT_REFUSED',
        `the broker refused the subscription to ${topic}`,
        false,
      );
    }
  }

  async close(): Promise<void> {
    if (this.client.connected) {
      const timeoutMs = this.options.closeTimeoutMs ?? 2000;
      await withTimeout(
        this.publish(this.statusTopic, STATUS_OFFLINE, { qos: 1, retain: true }),
        timeoutMs,
      ).catch((error: unknown) => this.log(`could not announce offline: ${errorMessage(error)}`));
      await this.client.endAsync();
    } else {
      // The broker publishes the Will when it notices the lost connection.
      await this.client.endAsync(true);
    }
  }

  private onConnect(): void {
    if (!this.wasConnected) this.log('reconnected');
    this.wasConnected = true;
    this.announce(STATUS_ONLINE);
  }

  private onClose(): void {
    if (this.wasConnected && !this.client.disconnecting) {
      this.log('connection lost; pausing until reconnected');
    }
    this.wasConnected = false;
  }

  private announce(status: DeviceStatus): void {
    this.client
      .publishAsync(this.statusTopic, status, { qos: 1, retain: true })
      .catch((error: unknown) => {
        this.log(`could not announce ${status}: ${errorMessage(error)}`);
      });
  }

  private log(message: string): void {
    this.options.log?.(`${this.options.deviceId}: ${message}`);
  }
}

function connectError(options: MqttDeviceTransportOptions, error: unknown): SimulatorError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = errorMessage(error);
  if (typeof code === 'number' && REFUSED_CODES.has(code)) {
    return new SimulatorError(
      'MQTT_REFUSED',
      `the broker at ${options.url} refused ${options.deviceId}: ${message}`,
      false,
      { cause: error },
    );
  }
  const reason = typeof code === 'string' ? `${code} (${message})` : message;
  return new SimulatorError(
    'MQTT_UNREACHABLE',
    `cannot connect ${options.deviceId} to the broker at ${options.url}: ${reason}`,
    true,
    { cause: error },
  );
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
