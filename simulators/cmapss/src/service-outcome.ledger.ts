import type { OutageEndedEvent } from './engine-device.types';
import type { PartsSource } from './fault-draw';

/** Why a failure was not prevented. */
export type MissReason = 'NO_ORDER' | 'ORDER_TOO_LATE';

/** The contract terms that price an outage (read from `GET /api/contracts/{id}`). */
export interface OutageTerms {
  currency: string;
  /** Decimal string per operating hour. */
  ratePerHour: string;
}

/**
 * How one unit's life ended, with what it cost. A prevented failure is a planned STANDBY: the
 * engine stays available (uptime-billing.md section 4) and only its operating hours are forgone. A
 * missed one is a FAULT: a forced outage that counts against availability, and longer.
 */
export interface ServiceOutcome {
  kind: 'PREVENTED' | 'MISSED';
  deviceId: string;
  unit: number;
  /** The removed unit's last cycle. */
  atCycle: number;
  /** The order the technician worked (prevented), or the one that came too late (missed). */
  orderId?: string;
  reason?: MissReason;
  /** Seconds the engine did not run. */
  outageSeconds: number;
  /** Of them, seconds of forced outage (unavailable). */
  forcedOutageSeconds: number;
  /** Usage charges not earned while down: operating hours x the contract's rate, in minor units. */
  lostChargesCents: number;
  /** When the outage ended, epoch ms. */
  at: number;
}

/** The prevented and missed failures so far, and their consequences side by side. */
export interface ServiceOutcomeSummary {
  prevented: OutcomeTotals;
  missed: OutcomeTotals & { withoutOrder: number; orderTooLate: number };
  /** Fleet availability over the run so far: 1 - forced outage / (devices x elapsed time). */
  availability: number;
  currency: string | null;
  /** First visits by where their parts came from, and how many of them fixed the fault. */
  firstVisits: Record<PartsSource, { visits: number; fixed: number }>;
}

/** Counts and consequences of one kind of outcome. */
export interface OutcomeTotals {
  count: number;
  outageSeconds: number;
  forcedOutageSeconds: number;
  lostChargesCents: number;
}

/**
 * Keeps the outcome of every unit's end in a demo fleet: prevented (the technician replaced it on
 * an order) or missed (it failed), classified from the devices' `outageEnded` events and the miss
 * reasons the technician records at each failure.
 */
export class ServiceOutcomeLedger {
  private readonly outcomes: ServiceOutcome[] = [];
  private readonly misses = new Map<string, { reason: MissReason; orderId?: string }>();
  private terms: OutageTerms | null = null;
  private readonly startedAt: number;
  private readonly firstVisits: ServiceOutcomeSummary['firstVisits'] = {
    SUGGESTION: { visits: 0, fixed: 0 },
    DEFAULT_KIT: { visits: 0, fixed: 0 },
  };

  constructor(
    private readonly options: {
      fleetSize: number;
      /** Cycles per second: a tick of outage lasts 1 / speed seconds. */
      speed: number;
      now?: () => number;
    },
  ) {
    this.startedAt = this.now();
  }

  /** The terms outages are priced with (until known, charges count as 0). */
  setTerms(terms: OutageTerms): void {
    this.terms = terms;
  }

  /** Why the device's unit that just failed was not prevented. */
  recordMiss(deviceId: string, reason: MissReason, orderId?: string): void {
    this.misses.set(deviceId, { reason, ...(orderId ? { orderId } : {}) });
  }

  /** An order's first visit, with parts from `source`: whether they covered the fault. */
  recordFirstVisit(source: PartsSource, fixed: boolean): void {
    this.firstVisits[source].visits += 1;
    if (fixed) this.firstVisits[source].fixed += 1;
  }

  /** Books the outage that just ended; returns the outcome. */
  onOutageEnded(event: OutageEndedEvent): ServiceOutcome {
    const outageSeconds = event.ticks / this.options.speed;
    const missed = event.state === 'FAULT';
    const miss = this.misses.get(event.deviceId);
    this.misses.delete(event.deviceId);
    const outcome: ServiceOutcome = {
      kind: missed ? 'MISSED' : 'PREVENTED',
      deviceId: event.deviceId,
      unit: event.unit,
      atCycle: event.atCycle,
      ...(missed
        ? {
            reason: miss?.reason ?? 'NO_ORDER',
            ...(miss?.orderId ? { orderId: miss.orderId } : {}),
          }
        : event.taskId
          ? { orderId: event.taskId }
          : {}),
      outageSeconds,
      forcedOutageSeconds: missed ? outageSeconds : 0,
      lostChargesCents: this.chargesCents(outageSeconds),
      at: this.now(),
    };
    this.outcomes.push(outcome);
    return outcome;
  }

  list(): readonly ServiceOutcome[] {
    return this.outcomes;
  }

  summary(): ServiceOutcomeSummary {
    const totals = (kind: ServiceOutcome['kind']): OutcomeTotals => {
      const of = this.outcomes.filter((o) => o.kind === kind);
      return {
        count: of.length,
        outageSeconds: sum(of.map((o) => o.outageSeconds)),
        forcedOutageSeconds: sum(of.map((o) => o.forcedOutageSeconds)),
        lostChargesCents: sum(of.map((o) => o.lostChargesCents)),
      };
    };
    const missed = this.outcomes.filter((o) => o.kind === 'MISSED');
    const elapsed = Math.max(1, (this.now() - this.startedAt) / 1000) * this.options.fleetSize;
    const forced = sum(this.outcomes.map((o) => o.forcedOutageSeconds));
    return {
      prevented: totals('PREVENTED'),
      missed: {
        ...totals('MISSED'),
        withoutOrder: missed.filter((o) => o.reason === 'NO_ORDER').length,
        orderTooLate: missed.filter((o) => o.reason === 'ORDER_TOO_LATE').length,
      },
      availability: Math.max(0, 1 - forced / elapsed),
      currency: this.terms?.currency ?? null,
      firstVisits: {
        SUGGESTION: { ...this.firstVisits.SUGGESTION },
        DEFAULT_KIT: { ...this.firstVisits.DEFAULT_KIT },
      },
    };
  }

  /** One log line for an outcome. */
  describe(o: ServiceOutcome): string {
    const money = formatCents(o.lostChargesCents, this.terms?.currency);
    if (o.kind === 'PREVENTED') {
      return `${o.deviceId}: failure prevented: unit ${o.unit} replaced at cycle ${o.atCycle} on order ${o.orderId ?? '?'}; planned stop ${o.outageSeconds.toFixed(1)} s (available), ${money} of operating hours forgone`;
    }
    const why =
      o.reason === 'ORDER_TOO_LATE'
        ? `order ${o.orderId ?? '?'} came too late`
        : 'no order before it';
    return `${o.deviceId}: failure missed: unit ${o.unit} failed at cycle ${o.atCycle} (${why}); forced outage ${o.forcedOutageSeconds.toFixed(1)} s (unavailable), ${money} of operating hours lost`;
  }

  /** The summary as one log line. */
  describeSummary(): string {
    const s = this.summary();
    const currency = s.currency ?? undefined;
    return (
      `service loop: ${s.prevented.count} failure(s) prevented (planned stops ${s.prevented.outageSeconds.toFixed(1)} s, ` +
      `${formatCents(s.prevented.lostChargesCents, currency)} forgone) | ${s.missed.count} missed ` +
      `(${s.missed.withoutOrder} without an order, ${s.missed.orderTooLate} order too late; forced outage ` +
      `${s.missed.forcedOutageSeconds.toFixed(1)} s, ${formatCents(s.missed.lostChargesCents, currency)} lost) | ` +
      `fleet availability ${(s.availability * 100).toFixed(3)} %` +
      describeFirstVisits(s.firstVisits)
    );
  }

  private chargesCents(seconds: number): number {
    if (!this.terms) return 0;
    const rateCents = Math.round(Number(this.terms.ratePerHour) * 100);
    return Math.round((seconds * rateCents) / 3600);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}

/** ` | first visit fixed: ...` with suggested parts beside the default kit; empty before any visit. */
function describeFirstVisits(f: ServiceOutcomeSummary['firstVisits']): string {
  if (f.SUGGESTION.visits + f.DEFAULT_KIT.visits === 0) return '';
  const arm = ({ visits, fixed }: { visits: number; fixed: number }) =>
    `${fixed}/${visits}${visits ? ` (${((fixed / visits) * 100).toFixed(0)} %)` : ''}`;
  return ` | first visit fixed: suggested parts ${arm(f.SUGGESTION)}, default kit ${arm(f.DEFAULT_KIT)}`;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Minor units as a decimal amount with its currency, e.g. `EUR 0.33`. */
export function formatCents(cents: number, currency?: string): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  const amount = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return currency ? `${currency} ${amount}` : amount;
}
