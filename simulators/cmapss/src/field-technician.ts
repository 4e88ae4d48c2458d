import type { FailureCodeResponse, FailureReport, TaskResponse } from '@hourglass/contracts-api';
import type { DemoFleet } from './demo-fleet';
import type { FailureEvent, OutageEndedEvent } from './engine-device.types';
import {
  covers,
  DEFAULT_KIT,
  partsSourceOf,
  suggestedKit,
  type KitPart,
  type PartsSource,
  type TrueFault,
} from './fault-draw';
import { ServiceOutcomeLedger, type ServiceOutcome } from './service-outcome.ledger';
import { errorMessage } from './simulator-error';
import type { TechnicianApi } from './technician-api.client';

/** Options of {@link FieldTechnician}. */
export interface FieldTechnicianOptions {
  api: TechnicianApi;
  /**
   * The fleet worked. With `inspect` (the demo fleet's true faults), each order worked alternately
   * gets the suggestion's parts or the default kit, and needs a second visit when they do not cover
   * the fault; without it, every `visits.secondVisitEvery`-th order needs one.
   */
  fleet: Pick<DemoFleet, 'deviceIds' | 'events' | 'speed' | 'beginService' | 'finishService'> &
    Partial<Pick<DemoFleet, 'inspect'>>;
  /** The assignee name on scheduled orders (default `field-technician`). */
  name?: string;
  /** From seeing a new order to acknowledging and scheduling it (default 2 s). */
  acknowledgeAfterMs?: number;
  /** From scheduling an order to starting work on the engine (default 4 s). */
  workAfterMs?: number;
  /** How long the unit is out for the replacement before the report is written (default 1 s). */
  repairMs?: number;
  /** Labour hours written in each report (default 4). */
  labourHours?: number;
  /** How often the open orders are read (default 1 s; 0: only when {@link FieldTechnician.round} is called). */
  pollMs?: number;
  /**
   * Report each order's visits to the service network (default: none): the order is assigned by
   * hand to the own team with `technicianId`, and every `secondVisitEvery`-th order (default 4)
   * needs a second visit.
   */
  visits?: { technicianId: string; region: string; secondVisitEvery?: number };
  /** A suggested part is brought when at least this share of the weighed cases used it (default 0.5). */
  partsMinConfidence?: number;
  /** The contract whose terms price the outages (default `demo-power-by-the-hour`). */
  contractId?: string;
  /** How often the prevented-vs-missed summary is logged (default 60 s; 0: never). */
  summaryEveryMs?: number;
  now?: () => number;
  log?: (line: string) => void;
}

/**
 * The technician of `npm start` (`HG_SIM_TECHNICIAN_DELAY_S`): it starts work this many seconds
 * after an order appears, acknowledging and scheduling it a third of the way in.
 */
export const FIELD_TECHNICIAN_DEFAULTS = { delaySeconds: 6 } as const;

type Step = 'SEEN' | 'SCHEDULED' | 'WORKING';
interface Job {
  order: TaskResponse;
  step: Step;
  /** When work on the engine started, epoch ms. */
  startedAt?: number;
  /** When the current step's wait ends, epoch ms. */
  dueAt: number;
}

const ASSET_TYPE = 'turbofan';

/** What the technician found on site: the true fault, the parts brought and whether they covered it. */
interface SiteFinding {
  fault: TrueFault;
  source: PartsSource;
  brought: KitPart[];
  firstTime: boolean;
}

/**
 * Plays the field technician of the demo fleet through the public API, like any client: it picks up
 * `OPEN` orders, acknowledges and schedules them after a delay, works them when due (the engine goes
 * STANDBY while its unit is replaced, then runs a fresh trajectory) and completes each with a
 * failure report (outcome, a code from the asset type's hierarchy, the order's parts, labour). An
 * engine that fails first gets its order closed as a confirmed defect; the ledger books every
 * unit's end as prevented or missed with its availability and billing consequence.
 */
export class FieldTechnician {
  readonly ledger: ServiceOutcomeLedger;
  private readonly jobs = new Map<string, Job>();
  private readonly fleetIds: Set<string>;
  private codes: FailureCodeResponse[] = [];
  private timer?: NodeJS.Timeout;
  private summaryTimer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly pending = new Set<Promise<unknown>>();
  private completed = 0;
  /** Orders worked on site so far: alternates the parts source. */
  private worked = 0;
  private readonly onFailure = (e: FailureEvent) => this.track(this.failed(e));
  private readonly onOutage = (e: OutageEndedEvent) => this.booked(this.ledger.onOutageEnded(e));

  constructor(private readonly options: FieldTechnicianOptions) {
    this.fleetIds = new Set(options.fleet.deviceIds);
    this.ledger = new ServiceOutcomeLedger({
      fleetSize: options.fleet.deviceIds.length,
      speed: options.fleet.speed,
      now: options.now,
    });
  }

  /** Reads the failure codes and the contract's terms, then starts the rounds. */
  async start(): Promise<this> {
    this.codes = await this.options.api.failureCodes(ASSET_TYPE);
    const contract = await this.options.api.contract(
      this.options.contractId ?? 'demo-power-by-the-hour',
    );
    const terms = contract?.currentTerms;
    if (terms) this.ledger.setTerms({ currency: terms.currency, ratePerHour: terms.ratePerHour });
    this.options.fleet.events.on('failure', this.onFailure);
    this.options.fleet.events.on('outageEnded', this.onOutage);
    if (this.options.pollMs !== 0) this.schedule(0);
    const every = this.options.summaryEveryMs ?? 60_000;
    if (every > 0) {
      this.summaryTimer = setInterval(() => this.log(this.ledger.describeSummary()), every);
      this.summaryTimer.unref();
    }
    return this;
  }

  /** Runs one round now: new orders, then every job whose wait is over. */
  async round(): Promise<void> {
    for (const order of await this.options.api.openOrders()) {
      if (this.fleetIds.has(order.assetId) && !this.jobs.has(order.id)) {
        this.jobs.set(order.id, { order, step: 'SEEN', dueAt: this.now() + this.ackDelay() });
      }
    }
    for (const job of [...this.jobs.values()]) {
      if (job.dueAt > this.now()) continue;
      await this.advance(job).catch((error: unknown) =>
        this.log(`order ${job.order.id}: ${errorMessage(error)}`),
      );
    }
  }

  /** Stops the rounds; an engine held for service gets its new unit. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.summaryTimer);
    this.options.fleet.events.off('failure', this.onFailure);
    this.options.fleet.events.off('outageEnded', this.onOutage);
    await this.running;
    await Promise.allSettled([...this.pending]);
    for (const job of this.jobs.values()) {
      if (job.step === 'WORKING') this.options.fleet.finishService(job.order.assetId);
    }
  }

  private async advance(job: Job): Promise<void> {
    const { order } = job;
    if (job.step === 'SEEN') {
      if (!(await this.patch(job, { status: 'ACKNOWLEDGED' }))) return;
      const plannedFor = new Date(this.now() + (this.options.workAfterMs ?? 4_000));
      const assignee = this.options.name ?? 'field-technician';
      if (
        !(await this.patch(job, {
          status: 'SCHEDULED',
          plannedFor: plannedFor.toISOString(),
          assignee,
        }))
      )
        return;
      Object.assign(job, { step: 'SCHEDULED', dueAt: plannedFor.getTime() });
      await this.assignOwnTeam(order.id, plannedFor);
    } else if (job.step === 'SCHEDULED') {
      // A failed engine is not serviceable: its order is closed by failed() as too late.
      if (!this.options.fleet.beginService(order.assetId, order.id)) return;
      if (!(await this.patch(job, { status: 'IN_PROGRESS' }))) {
        this.options.fleet.finishService(order.assetId);
        return;
      }
      const startedAt = this.now();
      Object.assign(job, {
        step: 'WORKING',
        startedAt,
        dueAt: startedAt + (this.options.repairMs ?? 1_000),
      });
    } else {
      const finding = await this.onSite(order);
      const report = this.report(order, finding?.fault);
      const done = await this.patch(job, { status: 'DONE', report });
      this.jobs.delete(order.id);
      if (done) await this.reportVisits(order.id, job.startedAt ?? this.now(), finding);
      this.options.fleet.finishService(order.assetId);
    }
  }

  /** An engine failed: its open order (if any) came too late, and is closed as a confirmed defect. */
  private async failed(event: FailureEvent): Promise<void> {
    const fault = this.options.fleet.inspect?.(event.deviceId) ?? undefined;
    const open = await this.options.api.activeOrdersOf(event.deviceId);
    this.ledger.recordMiss(
      event.deviceId,
      open.length > 0 ? 'ORDER_TOO_LATE' : 'NO_ORDER',
      open[0]?.id,
    );
    for (const order of open) {
      this.jobs.delete(order.id);
      if (order.status !== 'IN_PROGRESS') {
        const started = await this.options.api.patch(order.id, { status: 'IN_PROGRESS' });
        if (!started) continue;
      }
      await this.options.api.patch(order.id, { status: 'DONE', report: this.report(order, fault) });
    }
  }

  private async assignOwnTeam(orderId: string, plannedFor: Date): Promise<void> {
    const v = this.options.visits;
    if (!v) return;
    const { technicianId, region } = v;
    const ok = await this.options.api.assign(orderId, {
      region,
      technicianId,
      plannedAt: plannedFor.toISOString(),
    });
    if (!ok) this.log(`order ${orderId}: assignment to ${technicianId} refused`);
  }

  /**
   * On site with the order's top suggestion's parts or the default kit (alternate orders), the
   * technician finds the true fault: the first visit fixes it when the parts brought cover it. A
   * suggestion that names no part often enough (an empty case library at first) brings nothing:
   * that arm pays for the library's learning. Null without true faults.
   */
  private async onSite(order: TaskResponse): Promise<SiteFinding | null> {
    const fault = this.options.fleet.inspect?.(order.assetId);
    if (!fault) return null;
    const source = partsSourceOf(this.worked++);
    const brought =
      source === 'SUGGESTION'
        ? suggestedKit(
            (await this.options.api.suggestion(order.id))?.parts ?? [],
            this.options.partsMinConfidence,
          )
        : [...DEFAULT_KIT];
    const firstTime = covers(brought, fault.parts);
    this.ledger.recordFirstVisit(source, firstTime);
    const kit = brought.map((p) => `${p.quantity} x ${p.partNumber}`).join(', ') || 'no parts';
    this.log(
      `order ${order.id}: brought ${kit} (${source}); found ${fault.remedy} (${fault.signature}): ${firstTime ? 'fixed on the first visit' : 'parts missing, second visit'}`,
    );
    return { fault, source, brought, firstTime };
  }

  /**
   * One visit from the start of work to now, or two (the first not enough): when the parts brought
   * did not cover the true fault, else (no true faults) every n-th order.
   */
  private async reportVisits(
    orderId: string,
    startedAt: number,
    finding: SiteFinding | null,
  ): Promise<void> {
    const v = this.options.visits;
    if (!v) return;
    const end = this.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const twice = finding ? !finding.firstTime : ++this.completed % (v.secondVisitEvery ?? 4) === 0;
    const mid = Math.round((startedAt + end) / 2);
    const trips: Array<[number, number, 'FIXED' | 'NEEDS_ANOTHER_VISIT']> = twice
      ? [
          [startedAt, mid, 'NEEDS_ANOTHER_VISIT'],
          [mid, end, 'FIXED'],
        ]
      : [[startedAt, end, 'FIXED']];
    for (const [i, [from, to, outcome]] of trips.entries()) {
      const visit = {
        technicianId: v.technicianId,
        arrivedAt: iso(from),
        departedAt: iso(to),
        outcome,
        // The first visit's parts are the suggestion's or the kit; a second one brings what was found missing.
        ...(finding && i === 0 ? { partsSource: finding.source } : {}),
      };
      if (!(await this.options.api.reportVisit(orderId, visit)))
        this.log(`order ${orderId}: visit refused`);
    }
  }

  /** The report of what was found: the true fault's remedy and parts, else the component's default. */
  private report(order: TaskResponse, fault?: TrueFault): FailureReport {
    const known = fault && this.codes.some((c) => c.code === fault.remedy);
    const parts = known ? fault.parts : order.partsNeeded;
    return {
      outcome: 'DEFECT_CONFIRMED_REPLACED',
      failureCode: known ? fault.remedy : this.failureCode(order.component),
      parts: parts.map(({ partNumber, quantity }) => ({ partNumber, quantity })),
      labourHours: this.options.labourHours ?? 4,
    };
  }

  /** The remedy "module replaced" under the component when the hierarchy has one, else its first code. */
  private failureCode(component: string): string {
    const under = new Set([component]);
    const codes: FailureCodeResponse[] = [];
    for (let grew = true; grew;) {
      grew = false;
      for (const c of this.codes) {
        if (c.parent !== null && under.has(c.parent) && !under.has(c.code)) {
          under.add(c.code);
          codes.push(c);
          grew = true;
        }
      }
    }
    const replaced = codes.find((c) => c.level === 'REMEDY' && /REPLACED/.test(c.code));
    return (replaced ?? codes[0])?.code ?? component;
  }

  /** PATCHes the order; false when the platform refused (someone else moved or closed it). */
  private async patch(job: Job, change: Parameters<TechnicianApi['patch']>[1]): Promise<boolean> {
    const updated = await this.options.api.patch(job.order.id, change);
    if (updated) {
      job.order = updated;
      return true;
    }
    this.log(`order ${job.order.id}: ${change.status ?? 'change'} refused, left to the platform`);
    this.jobs.delete(job.order.id);
    return false;
  }

  private booked(outcome: ServiceOutcome): void {
    this.log(this.ledger.describe(outcome));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round()
        .catch((error: unknown) => this.log(`round failed: ${errorMessage(error)}`))
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.pollMs ?? 1_000);
        });
    }, delayMs);
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.log(`failure: ${errorMessage(error)}`));
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  private ackDelay(): number {
    return this.options.acknowledgeAfterMs ?? 2_000;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private log(line: string): void {
    this.options.log?.(`technician: ${line}`);
  }
}
