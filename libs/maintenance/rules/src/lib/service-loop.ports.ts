import type { Scope } from '@hourglass/platform-tenancy';

/** Where an order comes from: a rule condition or a maintenance plan (the model's policy raises its own). */
export type OrderSource = 'RULE' | 'PLAN';

/** An order a rule or plan asks for. */
export interface OrderRequest {
  tenantId: string;
  assetId: string;
  component: string;
  source: OrderSource;
  /** The rule's or plan's id. */
  sourceRef: string;
  priority: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  /** When the work should be done by. */
  dueBy: Date;
  /** Why, in a sentence (the breach, the plan's due date). */
  reason: string;
}

/**
 * The open order of the asset and component after a raise: the new one (`created`), or the one that
 * was open already (one open order per asset and component).
 */
export interface RaisedOrder {
  orderId: string;
  created: boolean;
}

/**
 * Raises work orders with the work-order dedupe. Declared here because the order lib's service is
 * being built alongside; the composition root passes an adapter.
 */
export interface OrderRaiser {
  /** Null when no order could be raised or found (e.g. the asset is gone). */
  raise(order: OrderRequest): Promise<RaisedOrder | null>;
}

/** An asset as rules and plans need it. */
export interface FleetAsset {
  id: string;
  tenantId: string;
  type: string;
}

/** The asset registry, read through its owner's API (adapter in the composition root). */
export interface FleetAssets {
  /** Assets of `assetType` in `scope`, ordered by id. */
  ofType(scope: Scope, assetType: string): Promise<FleetAsset[]>;
  /** One asset in `scope`, or null. */
  get(scope: Scope, assetId: string): Promise<FleetAsset | null>;
}
