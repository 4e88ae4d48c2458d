import { partnerScope, PROVIDER_SCOPE, type Scope } from '@hourglass/platform-tenancy';
import { chooseAssignee } from './assignment.rule';
import type { AssignmentRepository } from './assignment.repository';
import type { PartnerRepository } from './partner.repository';
import { computeServiceFigures, REPEAT_WINDOW_MS } from './service-figures';
import type { FigurePeriod, ServiceFigures } from './service-figures.types';
import type { CommissionedAssetSource, WorkOrderSource } from './service-network.ports';
import {
  ServiceNetworkError,
  type Assignment,
  type OrderAccount,
  type Partner,
  type Technician,
  type Visit,
  type PartsSource,
  type VisitOutcome,
} from './service-network.types';
import type { VisitRepository } from './visit.repository';

/** An assignment as asked: by rule (region, skill, certification on the planned date) or by hand. */
export type AssignmentInput =
  | { mode: 'RULE'; region: string; plannedAt: string }
  | {
      mode: 'HAND';
      region: string;
      plannedAt: string;
      /** null = the own team. */
      partnerId: string | null;
      technicianId?: string;
      reason?: string;
    };

/** A visit as reported. */
export interface VisitInput {
  technicianId: string;
  arrivedAt: string;
  departedAt?: string;
  outcome: VisitOutcome;
  /** Where the parts brought came from (default: not said). */
  partsSource?: PartsSource;
}

/** Stores the service network needs. */
export interface ServiceNetworkStores {
  partners: PartnerRepository;
  assignments: AssignmentRepository;
  visits: VisitRepository;
}

/** Assignments, visits and the figures of the service network; every read takes the caller's scope. */
export class ServiceNetworkService {
  constructor(
    private readonly stores: ServiceNetworkStores,
    private readonly sources: { orders: WorkOrderSource; assets: CommissionedAssetSource },
    private readonly now: () => number = Date.now,
  ) {}

  /** The scope of a partner's users now: its current orders and their assets. */
  async scopeOf(partnerId: string): Promise<Scope> {
    return partnerScope(partnerId, await this.stores.assignments.assignedTo(partnerId));
  }

  /** Whether the partner exists. */
  async exists(partnerId: string): Promise<boolean> {
    return (await this.stores.partners.get(PROVIDER_SCOPE, partnerId)) !== null;
  }

  /** Adds a partner; SERVICE_NETWORK_CONFLICT when its id is taken. */
  async createPartner(partner: Partner): Promise<Partner> {
    const created = await this.stores.partners.insert(partner);
    if (!created)
      throw new ServiceNetworkError('SERVICE_NETWORK_CONFLICT', `partner ${partner.id} exists`);
    return created;
  }

  /** The partner in the scope; NOT_FOUND otherwise. */
  async partner(scope: Scope, id: string): Promise<Partner> {
    const partner = await this.stores.partners.get(scope, id);
    if (!partner) throw new ServiceNetworkError('NOT_FOUND', `partner ${id} not found`);
    return partner;
  }

  /** The partners in the scope (a partner sees itself, a customer none). */
  partners(scope: Scope): Promise<Partner[]> {
    return this.stores.partners.list(scope);
  }

  /** The technicians in the scope (a partner sees its own, a customer none). */
  technicians(scope: Scope): Promise<Technician[]> {
    return this.stores.partners.technicians(scope);
  }

  /** The current assignments in the scope, newest first. */
  currentAssignments(scope: Scope): Promise<Assignment[]> {
    return this.stores.assignments.current(scope);
  }

  /** Adds a technician of the own team (`partnerId` null) or of a partner. */
  async createTechnician(technician: Technician): Promise<Technician> {
    if (technician.partnerId !== null && !(await this.exists(technician.partnerId)))
      throw new ServiceNetworkError('VALIDATION', `partnerId: no partner ${technician.partnerId}`);
    const created = await this.stores.partners.insertTechnician(technician);
    if (!created)
      throw new ServiceNetworkError(
        'SERVICE_NETWORK_CONFLICT',
        `technician ${technician.id} exists`,
      );
    return created;
  }

  /** Assigns (or re-assigns) order `orderId`; the previous assignment stays in its history. */
  async assign(
    scope: Scope,
    orderId: string,
    input: AssignmentInput,
    actor: string,
  ): Promise<Assignment> {
    const order = await this.sources.orders.order(scope, orderId);
    if (!order) throw new ServiceNetworkError('NOT_FOUND', `order ${orderId} not found`);
    const plannedAt = Date.parse(input.plannedAt);
    const { partnerId, technicianId, reason } =
      input.mode === 'RULE'
        ? {
            ...chooseAssignee(
              { ...order, region: input.region, plannedAt },
              await this.stores.partners.list(scope),
              await this.stores.assignments.load(),
            ),
            technicianId: null,
          }
        : await this.byHand(scope, input);
    return this.stores.assignments.assign({
      ...order,
      partnerId,
      technicianId,
      region: input.region,
      method: input.mode,
      reason,
      plannedAt: new Date(plannedAt).toISOString(),
      assignedAt: new Date(this.now()).toISOString(),
      assignedBy: actor,
    });
  }

  private async byHand(scope: Scope, input: Extract<AssignmentInput, { mode: 'HAND' }>) {
    if (input.partnerId !== null && !(await this.stores.partners.get(scope, input.partnerId)))
      throw new ServiceNetworkError('VALIDATION', `partnerId: no partner ${input.partnerId}`);
    if (input.technicianId !== undefined) {
      const technician = await this.stores.partners.technician(scope, input.technicianId);
      if (!technician || technician.partnerId !== input.partnerId)
        throw new ServiceNetworkError(
          'VALIDATION',
          `technicianId: ${input.technicianId} is no technician of ${input.partnerId ?? 'the own team'}`,
        );
    }
    return {
      partnerId: input.partnerId,
      technicianId: input.technicianId ?? null,
      reason: input.reason ?? null,
    };
  }

  /** The order's assignments, oldest first; NOT_FOUND when the scope sees none. */
  async history(scope: Scope, orderId: string): Promise<Assignment[]> {
    const history = await this.stores.assignments.history(scope, orderId);
    if (history.length === 0)
      throw new ServiceNetworkError(
        'NOT_FOUND',
        `order ${orderId} has no assignment in your scope`,
      );
    return history;
  }

  /** Records a visit of the order's current team; NOT_FOUND when the order is not assigned in the scope. */
  async recordVisit(
    scope: Scope,
    orderId: string,
    input: VisitInput,
    actor: string,
  ): Promise<Visit> {
    const current = (await this.history(scope, orderId)).find((a) => a.endedAt === null);
    if (!current) throw new ServiceNetworkError('NOT_FOUND', `order ${orderId} is not assigned`);
    const technician = await this.stores.partners.technician(
      scope.kind === 'partner' ? scope : PROVIDER_SCOPE,
      input.technicianId,
    );
    if (!technician || technician.partnerId !== current.partnerId)
      throw new ServiceNetworkError(
        'VALIDATION',
        `technicianId: ${input.technicianId} is no technician of the assigned team (${current.partnerId ?? 'own team'})`,
      );
    if (
      input.departedAt !== undefined &&
      Date.parse(input.departedAt) < Date.parse(input.arrivedAt)
    )
      throw new ServiceNetworkError('VALIDATION', 'departedAt: before arrivedAt');
    return this.stores.visits.insert({
      orderId,
      technicianId: input.technicianId,
      arrivedAt: new Date(input.arrivedAt).toISOString(),
      departedAt: input.departedAt === undefined ? null : new Date(input.departedAt).toISOString(),
      outcome: input.outcome,
      partsSource: input.partsSource ?? null,
      recordedBy: actor,
    });
  }

  /** The visits of an assigned order, in arrival order. */
  async visits(scope: Scope, orderId: string): Promise<Visit[]> {
    await this.history(scope, orderId);
    return this.stores.visits.ofOrder(scope, orderId);
  }

  /** Sets an assigned order's service revenue and cost. */
  async putAccount(scope: Scope, account: OrderAccount): Promise<OrderAccount> {
    await this.history(scope, account.orderId);
    return this.stores.visits.putAccount(account);
  }

  /** The figures of spec section 1 for the scope and period, from stored rows. */
  async figures(scope: Scope, period: FigurePeriod): Promise<ServiceFigures> {
    const before = new Date(period.to).toISOString();
    const [assignments, visits, accounts, orders, assets] = await Promise.all([
      this.stores.assignments.allBefore(scope, before),
      this.stores.visits.before(scope, before),
      this.stores.visits.accounts(scope),
      this.sources.orders.ordersCreated(
        scope,
        period.from - REPEAT_WINDOW_MS,
        period.to + REPEAT_WINDOW_MS,
      ),
      this.sources.assets.assets(scope),
    ]);
    return computeServiceFigures({ period, assignments, visits, accounts, orders, assets });
  }
}
