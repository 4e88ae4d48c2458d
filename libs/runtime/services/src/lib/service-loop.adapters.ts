import { StateEventRepository } from '@hourglass/billing-records';
import { baseTimeline, normalizeEvents, STATE_CODE } from '@hourglass/billing-uptime';
import { AssetRepository, DeviceRepository } from '@hourglass/devices-registry';
import type { OrderCompletions, UsageSource } from '@hourglass/maintenance-plans';
import type { FleetAssets, OrderRaiser } from '@hourglass/maintenance-rules';
import {
  NO_WORK_ORDER_EVENTS,
  TaskRepository,
  WorkOrderService,
  isOpenStatus,
  type WorkOrderEvents,
} from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { tenantScope } from '@hourglass/platform-tenancy';

/** The heartbeat timeout of the billing spec's default (§1): a state holds at most this long after the last message. */
const HEARTBEAT_TIMEOUT_US = 900 * 1_000_000;

/** Assets from the device registry (one asset per device, same id and type). */
export function registryFleetAssets(db: SqlDatabase): FleetAssets {
  const devices = new DeviceRepository(db);
  const asAsset = (d: { id: string; tenantId: string; type: string }) => ({
    id: d.id,
    tenantId: d.tenantId,
    type: d.type,
  });
  return {
    ofType: async (scope, assetType) =>
      (await devices.list(scope)).filter((d) => d.type === assetType).map(asAsset),
    get: async (scope, assetId) => {
      const device = await devices.get(scope, assetId);
      return device ? asAsset(device) : null;
    },
  };
}

/**
 * Orders through the work-order service: `raise` keeps one open order (any non-final status) per
 * asset and component, whatever its source; when one is open already, that one is returned. A new
 * order goes to `events` (`RAISED`).
 */
export function taskOrderRaiser(
  db: SqlDatabase,
  events: WorkOrderEvents = NO_WORK_ORDER_EVENTS,
): OrderRaiser {
  const orders = new WorkOrderService({ db, events });
  const tasks = new TaskRepository(db);
  const assets = new AssetRepository(db);
  return {
    raise: async (o) => {
      const [asset] = await assets.byIds([o.assetId]);
      if (!asset) return null;
      const created = await orders.raise({
        tenantId: o.tenantId,
        assetId: o.assetId,
        assetType: asset.type,
        component: o.component,
        source:
          o.source === 'RULE'
            ? { kind: 'RULE', ruleId: o.sourceRef }
            : { kind: 'PLAN', planId: o.sourceRef },
        priority: o.priority,
        replaceBy: o.dueBy,
      });
      if (created) return { orderId: created.id, created: true };
      const open = (await tasks.list(tenantScope(o.tenantId), { assetId: o.assetId })).find(
        (t) => t.component === o.component && isOpenStatus(t.status),
      );
      return open ? { orderId: open.id, created: false } : null;
    },
  };
}

/** Whether a plan's order is closed: DONE at its completion, CANCELLED at its last change, gone now. */
export function taskOrderCompletions(
  db: SqlDatabase,
  clock: () => Date = () => new Date(),
): OrderCompletions {
  const tasks = new TaskRepository(db);
  return {
    orderState: async (tenantId, orderId) => {
      const task = await tasks.get(tenantScope(tenantId), orderId);
      if (!task) return { state: 'CLOSED', closedAt: clock(), done: false };
      if (task.status === 'DONE')
        return {
          state: 'CLOSED',
          closedAt: new Date(task.completedAt ?? task.updatedAt),
          done: true,
        };
      if (task.status === 'CANCELLED')
        return { state: 'CLOSED', closedAt: new Date(task.updatedAt), done: false };
      return { state: 'OPEN' };
    },
  };
}

/**
 * Operating hours from billing's state events: RUN seconds of the base timeline (spec §2, a state
 * holds until the next one but at most the heartbeat timeout after the last message) plus hour-meter
 * credits are not applied here; corrections are.
 */
export function stateEventUsage(
  db: SqlDatabase,
  clock: () => Date = () => new Date(),
): UsageSource {
  const events = new StateEventRepository(db);
  return {
    operatingHours: async (tenantId, assetId, from, to) => {
      const fromUs = from.getTime() * 1000;
      const toUs = to.getTime() * 1000;
      if (toUs <= fromUs) return 0;
      const stored = await events.events(
        tenantScope(tenantId),
        [assetId],
        fromUs,
        toUs,
        clock().getTime() * 1000,
      );
      const asset = normalizeEvents(stored, fromUs, toUs).assets.get(assetId);
      if (!asset) return 0;
      const seg = baseTimeline(asset.events, asset.carryIn, fromUs, toUs, HEARTBEAT_TIMEOUT_US);
      let runUs = 0;
      for (let i = 0; i < seg.length; i++)
        if (seg.state[i] === STATE_CODE.RUN) runUs += seg.endUs[i] - seg.startUs[i];
      return runUs / 3_600_000_000;
    },
  };
}
