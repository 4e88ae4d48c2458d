import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import type { EquipmentEvent } from './equipment-event';

/** A stored equipment event, with the order it was recorded against. */
export interface StoredEquipmentEvent {
  id: string;
  tenantId: string;
  deviceId: string;
  assetId: string;
  orderId: string | null;
  type: string;
  component: string | null;
  partNumber: string | null;
  deviceTs: string | null;
  receivedAt: string;
}

/** The equipment events this lib records (`equipment_events`). */
export class EquipmentEventRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(
    event: EquipmentEvent,
    where: { tenantId: string; assetId: string; orderId: string | null },
  ): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `insert into equipment_events (id, tenant_id, device_id, asset_id, order_id, type, component, part_number, device_ts, payload)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        id,
        where.tenantId,
        event.deviceId,
        where.assetId,
        where.orderId,
        event.type,
        event.component,
        event.partNumber,
        event.deviceTs,
        event.payload,
      ],
    );
    return id;
  }

  /** The events of an asset in the scope, oldest first. */
  async list(scope: Scope, assetId: string): Promise<StoredEquipmentEvent[]> {
    const params: unknown[] = [assetId];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from equipment_events where asset_id = $1 and ${scopeCondition(scope, 'tenant_id', params)} order by received_at, id`,
      params as string[],
    );
    return rows.map(toStored);
  }

  /**
   * Events of `type` on any of `assetIds` recorded against no order, at (device time, else
   * received) in `[fromIso, toIso)`: one statement for a whole fleet, by asset, time and id.
   */
  async unmatched(
    scope: Scope,
    assetIds: readonly string[],
    type: string,
    fromIso: string,
    toIso: string,
  ): Promise<StoredEquipmentEvent[]> {
    if (assetIds.length === 0) return [];
    const params: unknown[] = [[...assetIds], type, fromIso, toIso];
    const rows = await this.db.query<Record<string, unknown>>(
      `select * from equipment_events
       where asset_id = any($1::text[]) and type = $2 and order_id is null
         and coalesce(device_ts, received_at) >= $3 and coalesce(device_ts, received_at) < $4
         and ${scopeCondition(scope, 'tenant_id', params)}
       order by asset_id, coalesce(device_ts, received_at), id`,
      params as string[],
    );
    return rows.map(toStored);
  }
}

function toStored(r: Record<string, unknown>): StoredEquipmentEvent {
  return {
    id: String(r.id),
    tenantId: String(r.tenant_id),
    deviceId: String(r.device_id),
    assetId: String(r.asset_id),
    orderId: (r.order_id as string | null) ?? null,
    type: String(r.type),
    component: (r.component as string | null) ?? null,
    partNumber: (r.part_number as string | null) ?? null,
    deviceTs: r.device_ts ? new Date(r.device_ts as Date).toISOString() : null,
    receivedAt: new Date(r.received_at as Date).toISOString(),
  };
}
