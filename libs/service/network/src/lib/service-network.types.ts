/** Certification of a partner or technician: valid from/to (ISO instants; null = open-ended). */
export interface Certification {
  certifiedFrom: string | null;
  certifiedTo: string | null;
}

/** A certified service shop: the regions it serves and its skills (asset types or `type/component`). */
export interface Partner extends Certification {
  id: string;
  name: string;
  regions: string[];
  skills: string[];
}

/** A technician of the provider's own team (`partnerId` null) or of one partner. */
export interface Technician extends Certification {
  id: string;
  name: string;
  partnerId: string | null;
  regions: string[];
  skills: string[];
}

/** How an order came to its team: chosen by the rule, or by hand. */
export type AssignmentMethod = 'RULE' | 'HAND';

/** The order facts an assignment keeps (copied from the work order when it is assigned). */
export interface AssignedOrder {
  orderId: string;
  tenantId: string;
  assetId: string;
  assetType: string;
  component: string;
  priority: string;
}

/** One assignment of an order; the current one has `endedAt` null, earlier ones are its history. */
export interface Assignment extends AssignedOrder {
  id: number;
  /** The partner; null = the provider's own team. */
  partnerId: string | null;
  technicianId: string | null;
  region: string;
  method: AssignmentMethod;
  reason: string | null;
  plannedAt: string;
  assignedAt: string;
  assignedBy: string;
  endedAt: string | null;
}

/** What a visit achieved. */
export type VisitOutcome = 'FIXED' | 'NEEDS_ANOTHER_VISIT';

/** Where the parts brought on a visit came from: the order's suggestion, or a default kit. */
export type PartsSource = 'SUGGESTION' | 'DEFAULT_KIT';

/** One trip of a technician to the asset for an order. */
export interface Visit {
  id: number;
  orderId: string;
  technicianId: string;
  arrivedAt: string;
  departedAt: string | null;
  outcome: VisitOutcome;
  /** Where the parts brought came from; null when not said. */
  partsSource: PartsSource | null;
  recordedBy: string;
}

/** An order's service revenue and cost (decimal strings with two places). */
export interface OrderAccount {
  orderId: string;
  revenue: string;
  partsCost: string;
  labourCost: string;
  travelCost: string;
}

/** Codes of service-network errors; the HTTP edge maps them (NOT_FOUND 404, VALIDATION 400, SERVICE_NETWORK_CONFLICT 409). */
export type ServiceNetworkErrorCode = 'NOT_FOUND' | 'VALIDATION' | 'SERVICE_NETWORK_CONFLICT';

/** A refused service-network request, with its code. */
export class ServiceNetworkError extends Error {
  constructor(
    readonly code: ServiceNetworkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceNetworkError';
  }
}
