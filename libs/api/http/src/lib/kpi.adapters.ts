import { StateEventRepository, StateFiguresQuery } from '@hourglass/billing-records';
import {
  baseTimeline,
  normalizeEvents,
  STATE_CODE,
  type BaseSegments,
} from '@hourglass/billing-uptime';
import { DeviceRepository } from '@hourglass/devices-registry';
import {
  orderLogEnd,
  pmGraceMs,
  type BomSource,
  type FailureRiskSource,
  type KpiOrder,
  type KpiOrderFigureSource,
  type KpiOrderSource,
  type OrderFigures,
  type KpiPeriod,
  type KpiState,
  HOUR_MS,
  type PlannedReplacementSource,
  type FleetStateFigures,
  type StateFigureSource,
  type StateSpan,
  type StateSpanSource,
  StateFigureFold,
} from '@hourglass/maintenance-kpis';
import {
  MaintenancePlanRepository,
  PlanScheduleService,
  type MaintenancePlan,
} from '@hourglass/maintenance-plans';
import {
  DEFAULT_WARNING_DEFAULTS,
  FailureCodeRepository,
  WarningPolicyRepository,
  WorkOrderFigureRepository,
  WorkOrderLogRepository,
  type LoggedWorkOrder,
} from '@hourglass/maintenance-tasks';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { Scope } from '@hourglass/platform-tenancy';
import type { RiskScoreRepository } from '@hourglass/risk-scoring';

/** Billing's default heartbeat timeout (spec section 1), as in the runtime's usage adapter. */
const HEARTBEAT_TIMEOUT_US = 900 * 1_000_000;
/** Customer stops are not the equipment's failures: available time, like STANDBY (EN 15341 externally caused downtime). */
const KPI_STATE: Record<number, KpiState> = {
  [STATE_CODE.RUN]: 'RUN',
  [STATE_CODE.STANDBY]: 'STANDBY',
  [STATE_CODE.CUSTOMER_STOP]: 'STANDBY',
  [STATE_CODE.FAULT]: 'FAULT',
  [STATE_CODE.UNKNOWN]: 'UNKNOWN',
};

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));
const iso = (t: number) => new Date(t).toISOString();
/** A plan's interval in days (hours-only plans: hours / 24); null without a plan or interval. */
const intervalDaysOf = (plan: MaintenancePlan | null) =>
  plan?.intervalDays ?? (plan?.intervalHours ? plan.intervalHours / 24 : null);

/** Work orders from the tasks lib's order log, with their plan's interval for PM compliance. */
export class TaskKpiOrderSource implements KpiOrderSource {
  private readonly log: WorkOrderLogRepository;
  private readonly plans: MaintenancePlanRepository;

  constructor(db: SqlDatabase) {
    this.log = new WorkOrderLogRepository(db);
    this.plans = new MaintenancePlanRepository(db);
  }

  async orders(scope: Scope, period: KpiPeriod, assetType?: string): Promise<KpiOrder[]> {
    const logged = await this.log.orders(scope, {
      from: iso(period.from),
      to: iso(period.to),
      createdBefore: iso(orderLogEnd(period)),
      assetType,
    });
    const intervals = new Map<string, number | null>();
    for (const { task } of logged) {
      if (task.source !== 'PLAN' || intervals.has(task.sourceRef)) continue;
      intervals.set(task.sourceRef, intervalDaysOf(await this.plans.get(scope, task.sourceRef)));
    }
    return logged.map((o) => toKpiOrder(o, intervals));
  }
}

/** The order figures aggregated in SQL by the tasks lib: what {@link TaskKpiOrderSource} gives, folded. */
export class TaskKpiOrderFigureSource implements KpiOrderFigureSource {
  private readonly log: WorkOrderFigureRepository;
  private readonly plans: MaintenancePlanRepository;

  constructor(db: SqlDatabase) {
    this.log = new WorkOrderFigureRepository(db);
    this.plans = new MaintenancePlanRepository(db);
  }

  async figures(scope: Scope, period: KpiPeriod, assetType?: string): Promise<OrderFigures> {
    const query = { from: iso(period.from), to: iso(period.to), assetType };
    const grace = new Map<string, number>();
    for (const ref of await this.log.duePlanRefs(scope, query))
      grace.set(ref, pmGraceMs(intervalDaysOf(await this.plans.get(scope, ref))));
    const f = await this.log.figures(scope, query, grace);
    const ratio = (num: number, den: number) => (den === 0 ? null : num / den);
    return {
      mttrHours: f.repairs === 0 ? null : f.repairMs / f.repairs / HOUR_MS,
      firstTimeFixRate: ratio(f.fixedFirstTime, f.done),
      predictiveHitRate: ratio(f.modelConfirmed, f.modelReported),
      pmCompliance: ratio(f.planOnTime, f.planDue),
      failingComponents: f.failing.map((c) => ({
        assetType: c.assetType,
        component: c.component,
        failures: c.failures,
        replacementCost: Math.round(c.partsCost * 100) / 100,
      })),
      serviceCostByType: new Map(f.costByType.map((c) => [c.assetType, c.cost])),
    };
  }
}

function toKpiOrder(
  { task, transitions }: LoggedWorkOrder,
  intervals: Map<string, number | null>,
): KpiOrder {
  const parts = task.failureReport?.parts ?? [];
  return {
    id: task.id,
    assetId: task.assetId,
    assetType: task.assetType ?? 'unknown',
    component: task.component,
    source: task.source,
    status: task.status,
    createdAt: Date.parse(task.createdAt),
    completedAt: ms(task.completedAt),
    dueBy: task.source === 'PLAN' ? Date.parse(task.replaceBy) : null,
    planIntervalDays: task.source === 'PLAN' ? (intervals.get(task.sourceRef) ?? null) : null,
    failureOutcome: task.failureReport?.outcome ?? null,
    partsCost: parts.reduce((s, p) => s + p.quantity * Number(p.unitCost ?? 0), 0),
    cost: Number(task.cost),
    transitions: transitions.map((t) => ({ to: t.to, at: Date.parse(t.at) })),
  };
}

/**
 * State intervals from billing's state events through billing-uptime's base timeline: as intervals
 * ({@link spans}), or as the KPI report's state figures ({@link figures}: computed in SQL by
 * `StateFiguresQuery`, the assets with failures folded here from their intervals, and the assets
 * with corrections through billing's engine; {@link figuresFromEvents} folds every asset's engine
 * timeline, what it replaced: at 100,000 assets reading the period's events as objects was most of
 * the route's time).
 */
export class BillingStateSpanSource implements StateSpanSource, StateFigureSource {
  private readonly devices: DeviceRepository;
  private readonly events: StateEventRepository;
  private readonly query: StateFiguresQuery;

  constructor(
    db: SqlDatabase,
    private readonly now: () => number = Date.now,
  ) {
    this.devices = new DeviceRepository(db);
    this.events = new StateEventRepository(db);
    this.query = new StateFiguresQuery(db);
  }

  async spans(
    scope: Scope,
    period: KpiPeriod,
    assetType?: string,
  ): Promise<{ spans: StateSpan[]; assetTypes: Map<string, string> }> {
    const spans: StateSpan[] = [];
    const assetTypes = await this.assetTypes(scope, assetType);
    await this.timelines(scope, period, assetTypes, (assetId, _, seg) => {
      for (let i = 0; i < seg.length; i++)
        spans.push({
          assetId,
          state: KPI_STATE[seg.state[i]] ?? 'UNKNOWN',
          start: seg.startUs[i] / 1000,
          end: seg.endUs[i] / 1000,
        });
    });
    return { spans, assetTypes };
  }

  async figures(scope: Scope, period: KpiPeriod, assetType?: string): Promise<FleetStateFigures> {
    const assetTypes = await this.assetTypes(scope, assetType);
    const sql = await this.query.figures(
      scope,
      assetTypes,
      period.from * 1000,
      period.to * 1000,
      this.now() * 1000,
      HEARTBEAT_TIMEOUT_US,
    );
    const fold = new StateFigureFold(period);
    for (const [type, time] of sql.byType)
      fold.time(type, time.upUs / 1000, time.requiredUs / 1000);
    const engine = new Map<string, BaseSegments>();
    const left = new Map(sql.engine.map((id) => [id, assetTypes.get(id) ?? '']));
    await this.timelines(scope, period, left, (assetId, _, seg) => engine.set(assetId, seg));
    // Asset by asset in id order, as the engine's path folds them: the downtimes keep its order.
    for (const assetId of sortedIds([...sql.failing.keys(), ...engine.keys()])) {
      fold.startAsset(assetTypes.get(assetId));
      for (const s of sql.failing.get(assetId) ?? [])
        fold.span(s.cls === 'UP' ? 'RUN' : 'FAULT', s.startUs / 1000, s.endUs / 1000);
      const seg = engine.get(assetId);
      for (let i = 0; seg && i < seg.length; i++)
        fold.span(KPI_STATE[seg.state[i]] ?? 'UNKNOWN', seg.startUs[i] / 1000, seg.endUs[i] / 1000);
      fold.endAsset();
    }
    return fold.result();
  }

  /** The figures folded from every asset's engine timeline (what {@link figures} computes in SQL). */
  async figuresFromEvents(
    scope: Scope,
    period: KpiPeriod,
    assetType?: string,
  ): Promise<FleetStateFigures> {
    const fold = new StateFigureFold(period);
    const assetTypes = await this.assetTypes(scope, assetType);
    await this.timelines(scope, period, assetTypes, (_, type, seg) => {
      fold.startAsset(type);
      for (let i = 0; i < seg.length; i++)
        fold.span(KPI_STATE[seg.state[i]] ?? 'UNKNOWN', seg.startUs[i] / 1000, seg.endUs[i] / 1000);
      fold.endAsset();
    });
    return fold.result();
  }

  /** The assets in scope with their types, of `assetType` only when given. */
  private async assetTypes(scope: Scope, assetType: string | undefined) {
    return new Map(
      [...(await this.devices.types(scope))].filter(
        ([, type]) => assetType === undefined || type === assetType,
      ),
    );
  }

  /** Visits the base timeline of the period of each of `assetTypes`' assets, in asset id order. */
  private async timelines(
    scope: Scope,
    period: KpiPeriod,
    assetTypes: ReadonlyMap<string, string>,
    visit: (assetId: string, type: string | undefined, segments: BaseSegments) => void,
  ): Promise<void> {
    if (assetTypes.size === 0) return;
    const fromUs = period.from * 1000;
    const toUs = period.to * 1000;
    const stored = await this.events.events(
      scope,
      [...assetTypes.keys()],
      fromUs,
      toUs,
      this.now() * 1000,
    );
    // One asset at a time, in the order normalizeEvents gives them (by id): it keys every step by
    // asset, and its receipt-order sort breaks ties across assets by serializing both events (a
    // fleet's identical first events made that most of the route's time).
    for (const events of byAssetId(stored))
      for (const [assetId, asset] of normalizeEvents(events, fromUs, toUs).assets)
        visit(
          assetId,
          assetTypes.get(assetId),
          baseTimeline(asset.events, asset.carryIn, fromUs, toUs, HEARTBEAT_TIMEOUT_US),
        );
  }
}

const sortedIds = (ids: string[]) => ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Events grouped by asset, the groups in asset id order (as `normalizeEvents` orders its assets). */
function byAssetId<T extends { assetId: string }>(events: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const e of events) {
    const list = groups.get(e.assetId);
    if (list) list.push(e);
    else groups.set(e.assetId, [e]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, list]) => list);
}

/**
 * Latest risk scores with the component the asset type's warning policy replaces. The model's
 * horizon is in cycles; `cycleDays` says how many days one cycle stands for (default 1).
 */
export class ScoreFailureRiskSource implements FailureRiskSource {
  private readonly devices: DeviceRepository;
  private readonly policies: WarningPolicyRepository;

  constructor(
    db: SqlDatabase,
    private readonly scores: RiskScoreRepository,
    private readonly cycleDays = 1,
  ) {
    this.devices = new DeviceRepository(db);
    this.policies = new WarningPolicyRepository(db);
  }

  async risks(scope: Scope) {
    const devices = [...(await this.devices.types(scope))].map(([id, type]) => ({ id, type }));
    const latest = await this.scores.latest(
      scope,
      devices.map((d) => d.id),
    );
    const components = new Map((await this.policies.list()).map((p) => [p.assetType, p.component]));
    return devices.flatMap((d) => {
      const score = latest.get(d.id);
      if (!score) return [];
      const component =
        components.get(d.type) ?? DEFAULT_WARNING_DEFAULTS.componentByType[d.type] ?? 'unit';
      return [
        {
          assetId: d.id,
          assetType: d.type,
          component,
          probability: score.probability,
          horizonDays: score.horizon * this.cycleDays,
        },
      ];
    });
  }
}

/** Plans' current cycles due before the horizon's end (projected due dates; overdue ones too: they are still to be done). */
export class PlanReplacementSource implements PlannedReplacementSource {
  private readonly devices: DeviceRepository;

  constructor(
    db: SqlDatabase,
    private readonly plans: MaintenancePlanRepository,
    private readonly schedules: PlanScheduleService,
  ) {
    this.devices = new DeviceRepository(db);
  }

  async dueWithin(scope: Scope, _from: number, to: number) {
    const types = await this.devices.types(scope);
    const result = [];
    for (const plan of await this.plans.list(scope, { enabled: true })) {
      const schedule = await this.schedules.schedule(scope, plan.id);
      for (const asset of schedule?.assets ?? []) {
        const due = asset.dueDate === null ? null : Date.parse(`${asset.dueDate}T00:00:00Z`);
        const type = types.get(asset.assetId);
        if (due !== null && type !== undefined && due < to)
          result.push({ assetId: asset.assetId, assetType: type, component: plan.component });
      }
    }
    return result;
  }
}

/** Bill-of-materials lines from the tasks lib. */
export class FailureCodeBomSource implements BomSource {
  constructor(private readonly codes: FailureCodeRepository) {}

  async lines(components: ReadonlyArray<{ assetType: string; component: string }>) {
    const lines = await Promise.all(
      components.map(async (c) =>
        (await this.codes.billOfMaterials(c.assetType, c.component)).map((l) => ({
          ...c,
          partNumber: l.partNumber,
          quantity: l.quantity,
        })),
      ),
    );
    return lines.flat();
  }
}
