import type { Scope } from '@hourglass/platform-tenancy';

/** A completed work order as customer success reads it (from the tasks lib, through an adapter). */
export interface CompletedOrder {
  taskId: string;
  tenantId: string;
  assetId: string;
  /** ISO 8601 when the order became DONE; null while it is not done. */
  completedAt: string | null;
}

/** Work orders, from the maintenance domain; the composition root passes an adapter on `TaskRepository`. */
export interface CompletedOrderPort {
  /** The order `taskId` in `scope`, or null when unknown or another tenant's. */
  order(scope: Scope, taskId: string): Promise<CompletedOrder | null>;
}

/** Who served an order: the partner and region NPS is grouped by (spec section 2). */
export interface OrderAttribution {
  partnerId: string | null;
  region: string | null;
}

/**
 * The seam for the service network (libs/service/network, being built): which partner and region
 * served an order. Until it exists {@link UNATTRIBUTED} answers null for both.
 */
export interface OrderAttributionPort {
  attribution(tenantId: string, taskId: string): Promise<OrderAttribution>;
}

/** The attribution before partners exist: every order served by the provider's own team, no region. */
export const UNATTRIBUTED: OrderAttributionPort = {
  attribution: async () => ({ partnerId: null, region: null }),
};
