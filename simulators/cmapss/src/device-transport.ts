/** Delivery options of one publish. */
export interface TransportPublishOptions {
  qos: 0 | 1;
  retain?: boolean;
}

/**
 * The connection of one device to the platform. The MQTT implementation is
 * {@link MqttDeviceTransport}; unit tests substitute an in-memory one.
 */
export interface DeviceTransport {
  /** Whether the connection is up right now; devices pause their clock while it is not. */
  readonly connected: boolean;
  /** Resolves once delivered (PUBACK for QoS 1), rejects when it cannot be. */
  publish(topic: string, payload: string, options: TransportPublishOptions): Promise<void>;
  /** Subscribes (QoS 1) and calls `onMessage` for every message on exactly `topic`. */
  subscribe(topic: string, onMessage: (payload: Buffer) => void): Promise<void>;
  /** Announces `offline` (retained) when connected and disconnects. */
  close(): Promise<void>;
}
