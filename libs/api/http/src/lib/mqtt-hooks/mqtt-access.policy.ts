import { timingSafeEqual } from 'node:crypto';
import {
  authorizePublish,
  authorizeSubscribe,
  DEFAULT_BROKER_LIMITS,
  serviceMayUseClientId,
  type ClientIdentity,
  type DeviceAuthenticator,
  type ServiceAccount,
} from '@hourglass/broker-server';

/** What an external broker asks at CONNECT (EMQX's HTTP authenticator). */
export interface MqttConnectQuery {
  clientId: string;
  username: string;
  password: string;
}

/** What an external broker asks at PUBLISH or SUBSCRIBE (EMQX's HTTP authorizer). */
export interface MqttAccessQuery {
  clientId: string;
  username: string;
  action: 'publish' | 'subscribe';
  topic: string;
}

/** Why a connection is refused; the same reasons the embedded broker counts. */
export type MqttConnectRefusal =
  'client_id_invalid' | 'bad_credentials' | 'service_client_id' | 'client_id_mismatch';

/** The answer to a CONNECT: admitted as whom, or refused and why. */
export type MqttConnectDecision =
  { allowed: true; identity: ClientIdentity } | { allowed: false; reason: MqttConnectRefusal };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The embedded broker's credential and topic rules for a broker outside the platform (EMQX, or any
 * broker with HTTP auth hooks): service accounts by name and secret, confined to their own client
 * ids; devices by registry credentials with the client id equal to the device id; the topic ACL of
 * `@hourglass/broker-server` (`authorizePublish`, `authorizeSubscribe`).
 */
export class MqttAccessPolicy {
  constructor(
    private readonly devices: DeviceAuthenticator,
    private readonly services: readonly ServiceAccount[],
  ) {}

  /** Rejects (the registry did not answer) rather than admitting anyone: callers fail closed. */
  async authenticate(query: MqttConnectQuery): Promise<MqttConnectDecision> {
    const { clientId, username, password } = query;
    if (!clientId || clientId.length > DEFAULT_BROKER_LIMITS.maxClientIdLength)
      return { allowed: false, reason: 'client_id_invalid' };
    const service = this.services.find((s) => s.name === username);
    if (service) {
      if (!sameSecret(password, service.password))
        return { allowed: false, reason: 'bad_credentials' };
      if (!serviceMayUseClientId(service.name, clientId))
        return { allowed: false, reason: 'service_client_id' };
      return { allowed: true, identity: { kind: 'service', ...service } };
    }
    const device = await this.devices.authenticate(username, password);
    if (!device) return { allowed: false, reason: 'bad_credentials' };
    // The client id is the device id: no session takeover under another credential.
    if (device.deviceId !== clientId) return { allowed: false, reason: 'client_id_mismatch' };
    return { allowed: true, identity: { kind: 'device', ...device } };
  }

  /**
   * Whether an authenticated client may publish to or subscribe to `topic`. The broker authenticated
   * the session already: a service account is known by its name with one of its own client ids, any
   * other client is the device its client id names (device ids may not take the `svc-` prefix).
   */
  authorize(query: MqttAccessQuery): boolean {
    const identity = this.identityOf(query.clientId, query.username);
    return query.action === 'publish'
      ? authorizePublish(identity, query.topic)
      : authorizeSubscribe(identity, query.topic);
  }

  private identityOf(clientId: string, username: string): ClientIdentity {
    const service = this.services.find((s) => s.name === username);
    if (service && serviceMayUseClientId(service.name, clientId))
      return { kind: 'service', ...service };
    // The ACL reads only the device id; the tenant is not part of a topic decision.
    return { kind: 'device', deviceId: clientId, tenantId: '' };
  }
}
