import type { ContractRepository } from '@hourglass/billing-records';
import type { MaintenancePlanRepository, PlanScheduleService } from '@hourglass/maintenance-plans';
import type { Task, TaskRepository } from '@hourglass/maintenance-tasks';
import type { Scope } from '@hourglass/platform-tenancy';
import type {
  AssetHealthReport,
  ReportCompletedOrder,
  ReportContractFigures,
  ReportMetricSeries,
  ReportOpenOrder,
  ReportPlanDue,
} from '@hourglass/success-customer';
import {
  TELEMETRY_BUCKET_MS,
  pickResolution,
  type TelemetryStore,
} from '@hourglass/telemetry-store';
import type { AssetQueryService, AssetView } from '../asset-query.service';
import type { ContractHealthCacheService } from '../health/contract-health-cache.service';

const DAY_MS = 86_400_000;
/** Charts drawn at most (metrics in name order): a report stays a few pages long. */
export const MAX_REPORT_METRICS = 8;
/** Points per chart at most: beyond a page's width more points add bytes, not detail. */
const MAX_POINTS = 2_000;

/** What a report is asked for: the period's length and whether the cost side may show. */
export interface HealthReportRequest {
  scope: Scope;
  assetId: string;
  days: number;
  /** False for users outside the provider: no costs (the report names no staff for anyone). */
  withCosts: boolean;
  nowMs: number;
}

/** The owners' services a report reads, as the API's providers built them. */
export interface HealthReportSources {
  assets: Pick<AssetQueryService, 'list'>;
  tasks: Pick<TaskRepository, 'list'>;
  plans: Pick<MaintenancePlanRepository, 'list'>;
  schedules: Pick<PlanScheduleService, 'schedule'>;
  contracts: Pick<ContractRepository, 'list'>;
  contractHealth: Pick<ContractHealthCacheService, 'health'>;
  telemetry: TelemetryStore;
}

const OPEN = new Set(['OPEN', 'ACKNOWLEDGED', 'SCHEDULED', 'WAITING_PARTS', 'IN_PROGRESS']);

/**
 * Gathers an asset health report (customer success, section 6) from the owners' services: the
 * asset and its latest score, its orders, the plans covering it, billing's figures of its contract
 * and its telemetry at the resolution the telemetry route would pick. Null when the asset is not
 * in the caller's scope. Everything is read in the caller's scope: a partner's holds its assigned
 * orders and their assets, never tenant-wide rows, so its report has no plan or contract figures.
 */
export class AssetHealthReportService {
  constructor(private readonly sources: HealthReportSources) {}

  async report(request: HealthReportRequest): Promise<AssetHealthReport | null> {
    const [asset] = await this.sources.assets.list(request.scope, request.assetId);
    if (!asset) return null;
    const from = request.nowMs - request.days * DAY_MS;
    const resolution = pickResolution(from, request.nowMs, {
      nowMs: request.nowMs,
      retention: this.sources.telemetry.retention,
    });
    const [tasks, metrics, nextPlanDue, contract] = await Promise.all([
      this.sources.tasks.list(request.scope, { assetId: asset.id }),
      this.metrics(asset, from, request.nowMs, resolution),
      this.nextPlanDue(asset, request.scope),
      this.contract(asset, request.scope, request.nowMs),
    ]);
    return {
      asset: { id: asset.id, type: asset.type, tenantId: asset.tenantId, state: asset.state },
      generatedAt: new Date(request.nowMs).toISOString(),
      period: {
        from: new Date(from).toISOString(),
        to: new Date(request.nowMs).toISOString(),
        resolution,
      },
      risk: asset.risk,
      metrics,
      lastOrder: lastCompleted(tasks, request.withCosts),
      openOrders: tasks.filter((t) => OPEN.has(t.status)).map(openOrder),
      nextPlanDue,
      contract,
    };
  }

  private async metrics(
    asset: AssetView,
    from: number,
    to: number,
    resolution: ReturnType<typeof pickResolution>,
  ): Promise<ReportMetricSeries[]> {
    const limit =
      resolution === 'raw'
        ? MAX_POINTS
        : Math.min(MAX_POINTS, Math.ceil((to - from) / TELEMETRY_BUCKET_MS[resolution]));
    const rows = await this.sources.telemetry.query(asset.deviceId, {
      from,
      to,
      resolution,
      limit,
      newest: true,
    });
    const names = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].sort();
    return names.slice(0, MAX_REPORT_METRICS).map((name) => ({
      name,
      points: rows
        .filter((r) => Number.isFinite(r.metrics[name]))
        .map((r) => [r.ts, r.metrics[name]] as const),
    }));
  }

  private async nextPlanDue(asset: AssetView, scope: Scope): Promise<ReportPlanDue | null> {
    const plans = (await this.sources.plans.list(scope, { enabled: true })).filter(
      (p) => p.target.assetId === asset.id || p.target.assetType === asset.type,
    );
    const dues = await Promise.all(
      plans.map(async (plan): Promise<ReportPlanDue | null> => {
        const schedule = await this.sources.schedules.schedule(scope, plan.id);
        const mine = schedule?.assets.find((a) => a.assetId === asset.id);
        if (!mine?.dueDate) return null;
        const { name, component } = plan;
        return { plan: name, component, dueDate: mine.dueDate, basis: mine.dueBasis };
      }),
    );
    return (
      dues
        .filter((d): d is ReportPlanDue => d !== null)
        .sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0] ?? null
    );
  }

  private async contract(
    asset: AssetView,
    scope: Scope,
    nowMs: number,
  ): Promise<ReportContractFigures | null> {
    const covering = (await this.sources.contracts.list(scope)).find((c) =>
      c.assetIds.includes(asset.id),
    );
    if (!covering) return null;
    const health = await this.sources.contractHealth.health(scope, covering.id, nowMs);
    const { period, availabilityPct, targetPct, meetsTarget, runHours } = health.current;
    return { contract: covering.name, period, availabilityPct, targetPct, meetsTarget, runHours };
  }
}

function lastCompleted(tasks: readonly Task[], withCosts: boolean): ReportCompletedOrder | null {
  const done = tasks
    .filter((t) => t.status === 'DONE' && t.failureReport)
    .sort((a, b) => (b.completedAt ?? '').localeCompare(a.completedAt ?? ''))[0];
  const report = done?.failureReport;
  if (!done || !report) return null;
  return {
    id: done.id,
    component: done.component,
    completedAt: done.completedAt,
    outcome: report.outcome,
    failureCode: report.failureCode,
    parts: report.parts.map(({ partNumber, quantity, unitCost }) =>
      withCosts && unitCost !== undefined
        ? { partNumber, quantity, unitCost }
        : { partNumber, quantity },
    ),
    labourHours: report.labourHours,
    ...(withCosts ? { cost: done.cost } : {}),
  };
}

const openOrder = (t: Task): ReportOpenOrder => ({
  id: t.id,
  component: t.component,
  status: t.status,
  priority: t.priority,
  replaceBy: t.replaceBy,
  plannedFor: t.plannedFor,
});
