/** A device connected with its own credentials: confined to `devices/{deviceId}/`. */
export interface DeviceClientIdentity {
  kind: 'device';
  deviceId: string;
  tenantId: string;
}

/** A platform service (ingest, alerts) with explicit topic scopes. */
export interface ServiceClientIdentity {
  kind: 'service';
  name: string;
  /** Topic filters the service may publish to. */
  publish: readonly string[];
  /** Topic filters the service may subscribe to (a `$share/<group>/` prefix is allowed on top). */
  subscribe: readonly string[];
}

export type ClientIdentity = DeviceClientIdentity | ServiceClientIdentity;

/** Why a connection was refused, as metric label and CONNACK code. */
export type AuthRefusal = 'bad_credentials' | 'client_id_mismatch' | 'server_unavailable';

export interface ServiceAccount {
  name: string;
  password: string;
  publish: readonly string[];
  subscribe: readonly string[];
}
