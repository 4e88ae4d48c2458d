import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Each asset's MQTT connection (issue 16, the fleet at a glance): the last retained
 * `devices/{id}/status` the broker saw, `ONLINE` or `OFFLINE`, and since when. Null until the device
 * has connected once. Written on status changes only (connect, disconnect, Will), never per message.
 */
export const assetConnectionSchema: MigrationPart = {
  version: 73,
  name: 'asset-connection',
  owner: 'devices-registry',
  sql: `
alter table assets add column connection text;
alter table assets add column connection_since timestamptz;
`,
};
