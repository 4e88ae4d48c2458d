import { serviceAccountSecret } from '@hourglass/broker-server';

/**
 * The platform's own MQTT service accounts, and `svc-mqtt-hooks`: not an MQTT account, the bearer
 * secret an external broker sends to the api's MQTT hooks (deploy/README.md, "EMQX").
 */
export const SERVICE_ACCOUNT_NAMES = ['svc-ingest', 'svc-alerts', 'svc-mqtt-hooks'] as const;
export type ServiceAccountName = (typeof SERVICE_ACCOUNT_NAMES)[number];

/**
 * The secrets of the service accounts, each derived from `master` (HMAC per account name), so one
 * configured `HG_SERVICE_PASSWORD` gives every account its own secret (issue 12 item 6).
 */
export function serviceSecrets(master: string): (account: ServiceAccountName) => string {
  const secrets = new Map(
    SERVICE_ACCOUNT_NAMES.map((name) => [name, serviceAccountSecret(master, name)]),
  );
  return (account) => secrets.get(account) as string;
}
