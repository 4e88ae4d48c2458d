import type { SqlDatabase } from '@hourglass/platform-sql';
import type { AssetReminder, ChangedOrder } from './maintenance-command.publisher';

/** A queued command, claimed by a relay. */
export type OutboxEntry =
  | { id: string; kind: 'ORDERS'; order: ChangedOrder }
  | { id: string; kind: 'REMINDER'; reminder: AssetReminder };

/**
 * The durable queue of maintenance commands between the processes that change orders and the one
 * that speaks MQTT (`device_command_outbox`, migration 025). Claimed with leases and `skip locked`,
 * so a relay that dies leaves its rows to the next claim once the lease ends.
 */
export class DeviceCommandOutboxRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Queues "the open orders of this asset changed". */
  async ordersChanged(order: ChangedOrder): Promise<void> {
    await this.db.query(
      `insert into device_command_outbox (tenant_id, asset_id, kind) values ($1, $2, 'ORDERS')`,
      [order.tenantId, order.assetId],
    );
  }

  /** Queues a plan reminder. */
  async reminder(reminder: AssetReminder): Promise<void> {
    await this.db.query(
      `insert into device_command_outbox (tenant_id, asset_id, kind, payload) values ($1, $2, 'REMINDER', $3)`,
      [reminder.tenantId, reminder.assetId, JSON.stringify(reminder)],
    );
  }

  /** Leases up to `limit` entries, oldest first, that no live lease holds. */
  async claim(now: Date, leaseUntil: Date, limit: number): Promise<OutboxEntry[]> {
    const rows = await this.db.query<{
      id: string | number;
      tenant_id: string;
      asset_id: string;
      kind: 'ORDERS' | 'REMINDER';
      payload: string | null;
    }>(
      `update device_command_outbox o set locked_until = $2
       where o.id in (
         select q.id from device_command_outbox q where q.locked_until is null or q.locked_until <= $1
         order by q.id limit $3 for update skip locked)
       returning o.id, o.tenant_id, o.asset_id, o.kind, o.payload`,
      [now, leaseUntil, limit],
    );
    return rows
      .map((r): OutboxEntry =>
        r.kind === 'ORDERS'
          ? {
              id: String(r.id),
              kind: 'ORDERS',
              order: { tenantId: r.tenant_id, assetId: r.asset_id },
            }
          : {
              id: String(r.id),
              kind: 'REMINDER',
              reminder: JSON.parse(r.payload ?? '{}') as AssetReminder,
            },
      )
      .sort((a, b) => Number(a.id) - Number(b.id));
  }

  /** Removes published entries. */
  async done(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`delete from device_command_outbox where id = any($1::bigint[])`, [
      ids.map(Number),
    ]);
  }
}
