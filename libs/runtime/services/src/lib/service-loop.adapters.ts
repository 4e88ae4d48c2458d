import { StateEventRepository } from '@hourglass/billing-records';
import { baseTimeline, normalizeEvents, STATE_CODE } from '@hourglass/billing-uptime';
import { DeviceRepository } from '@hourglass/devices-registry';
import type { OrderCompletions, UsageSource } from '@hourglass/maintenance-plans';
import type { FleetAssets, OrderRaiser } from '@hourglass/maintenance-rules';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { tenantScope } from '@hourglass/platform-tenancy';

/** The heartbeat timeout of the billing spec's default (§1): a state holds at most this long after the last message. */
const HEARTBEAT_TIMEOUT_US = 900 * 1_000_000;

/** Assets from the device registry (one asset per device, same id and type). */
export function registryFleetAssets(db: SqlDatabase): FleetAssets {
  const devices = new DeviceRepository(db);
  const asAsset = (d: { id: string; tenantId: string; type: string }) => ({ id: d.id, tenantId: d.tenantId, type: d.type });
  return {
    ofType: async (scope, assetType) => (await devices.list(scope)).filter((d) => d.type === assetType).map(asAsset),
    get: async (scope, assetId) => {
      const device = await devices.get(scope, assetId);
      return device ? asAsset(device) : null;
    },
  };
}

/**
 * Orders through today's task repository: `openIfNone` keeps one open task per asset and component.
 * The source and its id travel in `modelVersion` (`RULE:<id>`, `PLAN:<id>`) until the work-order
 * service takes `{source, sourceRef}` (the lead rewires this adapter to `WorkOrderService.raise`).
 */
export function taskOrderRaiser(db: SqlDatabase): OrderRaiser {
  const tasks = new TaskRepository(db);
  return {
    raise: async (o) => {
      const created = await tasks.openIfNone({
        tenantId: o.tenantId,
        assetId: o.assetId,
        component: o.component,
        priority: o.priority,
        predictedRul: 0,
        risk: 0,
        modelVersion: `${o.source}:${o.sourceRef}`,
        replaceBy: o.dueBy,
      });
      if (created) return { orderId: created.id, created: true };
      const open = (await tasks.list(tenantScope(o.tenantId), { assetId: o.assetId })).find(
        (t) => t.component === o.component && (t.status === 'OPEN' || t.status === 'IN_PROGRESS'),
      );
      return open ? { orderId: open.id, created: false } : null;
    },
  };
}

/** Whether a plan's order is closed: DONE at its completion, CANCELLED at its last change, gone now. */
export function taskOrderCompletions(db: SqlDatabase, clock: () => Date = () => new Date()): OrderCompletions {
  const tasks = new TaskRepository(db);
  return {
    orderState: async (tenantId, orderId) => {
      const task = await tasks.get(tenantScope(tenantId), orderId);
      if (!task) return { state: 'CLOSED', closedAt: clock(), done: false };
      if (task.status === 'DONE') return { state: 'CLOSED', closedAt: new Date(task.completedAt ?? task.updatedAt), done: true };
      if (task.status === 'CANCELLED') return { state: 'CLOSED', closedAt: new Date(task.updatedAt), done: false };
      return { state: 'OPEN' };
    },
  };
}

/**
 * Operating hours from billing's state events: RUN seconds of the base timeline (spec §2, a state
 * holds until the next one but at most the heartbeat timeout after the last message) plus hour-meter
 * credits are not applied here; corrections are.
 */
export function stateEventUsage(db: SqlDatabase, clock: () => Date = () => new Date()): UsageSource {
  const events = new StateEventRepository(db);
  return {
    operatingHours: async (tenantId, assetId, from, to) => {
      const fromUs = from.getTime() * 1000;
      const toUs = to.getTime() * 1000;
      if (toUs <= fromUs) return 0;
      const stored = await events.events(tenantScope(tenantId), [assetId], fromUs, toUs, clock().getTime() * 1000);
      const asset = normalizeEvents(stored, fromUs, toUs).assets.get(assetId);
      if (!asset) return 0;
      const seg = baseTimeline(asset.events, asset.carryIn, fromUs, toUs, HEARTBEAT_TIMEOUT_US);
      let runUs = 0;
      for (let i = 0; i < seg.length; i++) if (seg.state[i] === STATE_CODE.RUN) runUs += seg.endUs[i] - seg.startUs[i];
      return runUs / 3_600_000_000;
    },
  };
}
