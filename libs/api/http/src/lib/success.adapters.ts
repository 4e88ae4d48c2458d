import {
  BillingStores,
  RolledRunTimeQuery,
  StateEventRepository,
} from '@hourglass/billing-records';
import { baseTimeline, normalizeEvents, STATE_CODE } from '@hourglass/billing-uptime';
import { AssetRepository } from '@hourglass/devices-registry';
import { TaskRepository, WarningPolicyRepository } from '@hourglass/maintenance-tasks';
import { EquipmentEventRepository } from '@hourglass/notifications-device-commands';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { RiskScoreRepository } from '@hourglass/risk-scoring';
import type {
  CompletedOrderPort,
  ContractEconomicsPort,
  CustomerHealthPorts,
  CustomerHealthService,
  CustomerStandingPort,
  ForeignRepairPort,
  LifecycleAssetPort,
  NpsAnswerRepository,
  OperatingHoursPort,
  PaidServiceEventPort,
} from '@hourglass/success-customer';

/** Billing's default heartbeat timeout (spec section 1), as in the KPI and usage adapters. */
const HEARTBEAT_TIMEOUT_US = 900 * 1_000_000;
/** Assets whose state events one read of the engine's path takes. */
const HOURS_ASSETS_PER_READ = 200;
/** Assets whose RUN time one statement computes in the database. */
const SQL_HOURS_ASSETS_PER_READ = 5_000;
const HOUR_US = 3_600_000_000;
/** Risk threshold for asset types without a warning policy, as contract health uses it. */
const DEFAULT_RISK_THRESHOLD = 0.5;

/** Customer success's view of work orders, built on `TaskRepository` (maintenance/tasks). */
export function completedOrderAdapter(db: SqlDatabase): CompletedOrderPort {
  const tasks = new TaskRepository(db);
  return {
    order: async (scope, taskId) => {
      const task = await tasks.get(scope, taskId);
      return task
        ? {
            taskId: task.id,
            tenantId: task.tenantId,
            assetId: task.assetId,
            completedAt: task.status === 'DONE' ? task.completedAt : null,
          }
        : null;
    },
  };
}

type HoursWindows = NonNullable<OperatingHoursPort['hoursInWindows']>;

/**
 * RUN hours per asset from billing's state events, computed in the database (`RolledRunTimeQuery`:
 * the base timeline's RUN time per window, full days from the day rollup and the rest walked from
 * raw events; no event crosses the wire); assets with corrections go through billing's engine, as
 * {@link stateEventTimelineHours} computes them.
 */
export function stateEventHours(db: SqlDatabase, now: () => number = Date.now): OperatingHoursPort {
  const runTime = new RolledRunTimeQuery(db);
  const timeline = timelineHoursInWindows(db, now);
  const hoursInWindows: HoursWindows = async (scope, assetIds, windows) => {
    const micros = windows.map((w) => ({ fromUs: w.fromMs * 1000, toUs: w.toMs * 1000 }));
    const hours = windows.map(() => new Map<string, number>());
    for (let i = 0; i < assetIds.length; i += SQL_HOURS_ASSETS_PER_READ) {
      const ids = assetIds.slice(i, i + SQL_HOURS_ASSETS_PER_READ);
      const { runUs, corrected } = await runTime.runInWindows(
        scope,
        ids,
        micros,
        now() * 1000,
        HEARTBEAT_TIMEOUT_US,
      );
      for (const [assetId, us] of runUs) us.forEach((u, j) => hours[j].set(assetId, u / HOUR_US));
      const engine = await timeline(scope, corrected, windows);
      engine.forEach((m, j) => m.forEach((h, assetId) => hours[j].set(assetId, h)));
    }
    return hours;
  };
  return {
    hours: async (scope, assetIds, fromMs, toMs) =>
      (await hoursInWindows(scope, assetIds, [{ fromMs, toMs }]))[0],
    hoursInWindows,
  };
}

/**
 * RUN hours per asset through billing's engine: every state event read into the application,
 * normalised (corrections applied) and walked on the base timeline. What {@link stateEventHours}
 * does for assets with corrections, and the reference its SQL is checked against.
 */
export function stateEventTimelineHours(
  db: SqlDatabase,
  now: () => number = Date.now,
): OperatingHoursPort {
  const hoursInWindows = timelineHoursInWindows(db, now);
  return {
    hours: async (scope, assetIds, fromMs, toMs) =>
      (await hoursInWindows(scope, assetIds, [{ fromMs, toMs }]))[0],
    hoursInWindows,
  };
}

function timelineHoursInWindows(db: SqlDatabase, now: () => number): HoursWindows {
  const events = new StateEventRepository(db);
  return async (scope, assetIds, windows) => {
    const fromUs = Math.min(...windows.map((w) => w.fromMs)) * 1000;
    const toUs = Math.max(...windows.map((w) => w.toMs)) * 1000;
    const cutoffUs = now() * 1000;
    const hours = windows.map(() => new Map<string, number>());
    // A slice of assets at a time: a whole book's events in one result held a pool connection
    // and the event loop so long that the other ports' queries timed out waiting (success bench).
    for (let i = 0; i < assetIds.length; i += HOURS_ASSETS_PER_READ) {
      const ids = assetIds.slice(i, i + HOURS_ASSETS_PER_READ);
      const stored = await events.events(scope, ids, fromUs, toUs, cutoffUs);
      // One timeline over the span of the windows, its RUN time clipped to each window.
      for (const [assetId, asset] of normalizeEvents(stored, fromUs, toUs).assets) {
        const seg = baseTimeline(asset.events, asset.carryIn, fromUs, toUs, HEARTBEAT_TIMEOUT_US);
        windows.forEach((w, j) => {
          let runUs = 0;
          for (let k = 0; k < seg.length; k++)
            if (seg.state[k] === STATE_CODE.RUN)
              runUs += Math.max(
                0,
                Math.min(seg.endUs[k], w.toMs * 1000) - Math.max(seg.startUs[k], w.fromMs * 1000),
              );
          hours[j].set(assetId, runUs / HOUR_US);
        });
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return hours;
  };
}

/**
 * Parts replaced with no order of ours: `part_replaced` equipment events (notifications/device-commands)
 * that the receiver could not record against an open order, on the scope's assets, in one read (one
 * read per asset took 6-10 s of port time in the success bench's whole book at 1,000 assets).
 */
export function equipmentEventRepairs(db: SqlDatabase): ForeignRepairPort {
  const events = new EquipmentEventRepository(db);
  const assets = new AssetRepository(db);
  return {
    repairs: async (scope, fromMs, toMs) => {
      const ids = (await assets.list(scope)).map((a) => a.id);
      const from = new Date(fromMs).toISOString();
      const to = new Date(toMs).toISOString();
      return (await events.unmatched(scope, ids, 'part_replaced', from, to)).map((e) => ({
        tenantId: e.tenantId,
        assetId: e.assetId,
        component: e.component,
        partNumber: e.partNumber,
        at: e.deviceTs ?? e.receivedAt,
      }));
    },
  };
}

/**
 * The health score's ports on the owners' APIs: assets from devices/registry, elevated risk from
 * risk/scoring with maintenance's warning thresholds, hours and contracts from billing/records, open
 * orders from maintenance/tasks.
 */
export function customerHealthAdapters(
  db: SqlDatabase,
  stores: BillingStores,
): CustomerHealthPorts {
  const assets = new AssetRepository(db);
  const scores = new RiskScoreRepository(db, assets);
  const policies = new WarningPolicyRepository(db);
  const tasks = new TaskRepository(db);
  return {
    fleet: {
      assets: async (scope) =>
        (await assets.list(scope)).map((a) => ({
          assetId: a.id,
          tenantId: a.tenantId,
          lastSeen: a.lastSeen,
        })),
    },
    risk: {
      elevated: async (ids) => {
        const byType = new Map((await policies.list()).map((p) => [p.assetType, p.threshold]));
        const rows = await scores.atOrAboveThreshold(
          ids,
          { byType, fallback: DEFAULT_RISK_THRESHOLD },
          Math.max(ids.length, 1),
        );
        return new Set(rows.map((r) => r.assetId));
      },
    },
    hours: stateEventHours(db),
    repairs: equipmentEventRepairs(db),
    orders: {
      open: async (scope) =>
        (await tasks.listOpen(scope)).map((t) => ({
          taskId: t.id,
          tenantId: t.tenantId,
          assetId: t.assetId,
          dueBy: t.replaceBy,
        })),
    },
    contracts: {
      // Two reads for the whole scope: the contracts (one registry read for the fleet ones' assets)
      // and the latest revisions of their periods (one statement, not one per contract).
      contracts: async (scope, periods) => {
        const contracts = await stores.contracts.list(scope);
        const runs = await stores.runs.latestPerPeriodOfContracts(
          scope,
          contracts.map((c) => c.id),
          periods + 2,
        );
        return contracts.map((c) => ({
          contractId: c.id,
          tenantId: c.tenantId,
          name: c.name,
          assetIds: c.assetIds,
          // Billing keeps microseconds ("...652000Z"); the figures speak plain ISO 8601.
          endsAt: c.endsAt === null ? null : new Date(c.endsAt).toISOString(),
          periods: (runs.get(c.id) ?? [])
            .filter((r) => r.status !== 'SUPERSEDED')
            .slice(0, periods)
            .map((r) => ({
              period: r.period,
              availabilityPct: r.figures.noRequiredTime ? null : Number(r.figures.availabilityPct),
              targetPct: Number(c.slaTarget) * 100,
            })),
        }));
      },
    },
  };
}

/**
 * Paid service events from billing: each issued invoice (a FINALIZED or CLOSED_LATE run, the latest
 * revision of its period) with a positive total, earned at its period's end. Billable orders and parts
 * join when orders carry a price.
 */
export function billingPaidEvents(stores: BillingStores): PaidServiceEventPort {
  return {
    paid: async (scope, fromMs, toMs) => {
      const events = [];
      const contracts = await stores.contracts.list(scope);
      const runs = await stores.runs.latestPerPeriodOfContracts(
        scope,
        contracts.map((c) => c.id),
        14,
      );
      for (const c of contracts) {
        for (const run of runs.get(c.id) ?? []) {
          const at = Date.parse(run.periodEnd);
          const issued = run.status === 'FINALIZED' || run.status === 'CLOSED_LATE';
          if (!issued || Number(run.total) <= 0 || at <= fromMs || at > toMs) continue;
          events.push({
            tenantId: c.tenantId,
            at: new Date(at).toISOString(),
            amount: Number(run.total),
            ref: `contract ${c.id} ${run.period}`,
          });
        }
      }
      return events;
    },
  };
}

/**
 * Service revenue (billing: the latest revision of each period ending in the window, drafts
 * included, superseded ones not) and service cost (maintenance: tasks completed in the window on
 * the assets the contract covered then, as contract health's margin counts them) per contract.
 */
export function contractEconomics(db: SqlDatabase, stores: BillingStores): ContractEconomicsPort {
  const tasks = new TaskRepository(db);
  return {
    // Three reads for the whole scope: contracts, their runs, and the fleet contracts' costs per
    // tenant; a contract listing its assets still reads its own costs (its coverage windows).
    economics: async (scope, fromMs, toMs) => {
      const [from, to] = [new Date(fromMs).toISOString(), new Date(toMs).toISOString()];
      const contracts = await stores.contracts.list(scope);
      const runs = await stores.runs.latestPerPeriodOfContracts(
        scope,
        contracts.map((c) => c.id),
        14,
      );
      const fleetCosts = contracts.some((c) => c.fleet)
        ? await tasks.completedCostsByTenant(scope, from, to)
        : new Map<string, { cost: string }>();
      return Promise.all(
        contracts.map(async (c) => {
          const revenue = (runs.get(c.id) ?? [])
            .filter((r) => r.status !== 'SUPERSEDED')
            .filter((r) => Date.parse(r.periodEnd) > fromMs && Date.parse(r.periodEnd) <= toMs)
            .reduce((sum, r) => sum + Number(r.total), 0);
          const cost = c.fleet
            ? (fleetCosts.get(c.tenantId) ?? { cost: '0' })
            : await tasks.completedCosts(scope, from, to, { windows: c.coverage });
          return { contractId: c.id, revenue, serviceCost: Number(cost.cost) };
        }),
      );
    },
  };
}

/**
 * The lifecycle's asset dates: commissioning = registration in devices/registry (as the service
 * network takes it), first service = the earliest completion of a DONE order (maintenance/tasks).
 */
export function lifecycleAssets(db: SqlDatabase): LifecycleAssetPort {
  const assets = new AssetRepository(db);
  const tasks = new TaskRepository(db);
  return {
    assets: async (scope) => {
      const ids = (await assets.list(scope)).map((a) => a.id);
      const first = new Map<string, string>();
      for (const t of await tasks.list(scope, { status: 'DONE' })) {
        const seen = first.get(t.assetId);
        if (t.completedAt !== null && (seen === undefined || t.completedAt < seen))
          first.set(t.assetId, t.completedAt);
      }
      return (await assets.byIds(ids)).map((a) => ({
        assetId: a.id,
        tenantId: a.tenantId,
        commissionedAt: new Date(Math.floor(a.registeredAtUs / 1000)).toISOString(),
        firstServiceAt: first.has(a.id) ? new Date(first.get(a.id) as string).toISOString() : null,
      }));
    },
  };
}

/** Each customer's current health score and whether it gave a promoter answer in the last 12 months. */
export function customerStandings(
  health: CustomerHealthService,
  answers: NpsAnswerRepository,
  now: () => number = Date.now,
): CustomerStandingPort {
  return {
    standings: async (scope) => {
      const to = now();
      const given = await answers.answeredIn(
        scope,
        new Date(to - 365 * 86_400_000).toISOString(),
        new Date(to + 1).toISOString(),
      );
      const promoters = new Set(given.filter((a) => a.score >= 9).map((a) => a.tenantId));
      return (await health.portfolio(scope)).map((c) => ({
        tenantId: c.tenantId,
        healthScore: c.score,
        promoter: promoters.has(c.tenantId),
      }));
    },
  };
}
