import { createHmac } from 'node:crypto';
import { isServiceClientId } from '@hourglass/contracts-wire';

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

/** One of the platform's own MQTT accounts: its name starts with `svc-` and it has its own secret. */
export interface ServiceAccount {
  /** `svc-<account>`: also the client id it connects with, alone or followed by `-<suffix>`. */
  name: string;
  /** This account's own secret (see {@link serviceAccountSecret}); never shared with another account. */
  password: string;
  publish: readonly string[];
  subscribe: readonly string[];
}

/**
 * The secret of one service account, derived from the one configured master secret
 * (`HG_SERVICE_PASSWORD`): HMAC-SHA256(master, account name), base64url. Each account gets its own
 * secret, and knowing one does not give another (issue 12 item 6).
 */
export function serviceAccountSecret(master: string, account: string): string {
  return createHmac('sha256', master).update(account).digest('base64url');
}

/**
 * True when the service account `account` may connect with `clientId`: the account name itself
 * (`svc-ingest`) or the name and a suffix (`svc-ingest-worker-2`). Every such id starts with `svc-`,
 * a prefix device ids may not have, so a service never takes a device's session over (B21).
 */
export function serviceMayUseClientId(account: string, clientId: string): boolean {
  if (!isServiceClientId(account)) return false;
  return (
    clientId === account ||
    (clientId.startsWith(`${account}-`) && clientId.length > account.length + 1)
  );
}
