import type { Scope } from '@hourglass/platform-tenancy';
import type { CommissionedAsset, LoggedOrder } from './service-figures.types';
import type { AssignedOrder } from './service-network.types';

/** The work orders of `maintenance/tasks`, as the service network reads them. */
export interface WorkOrderSource {
  /** The order in the scope, or null when absent or outside it. */
  order(scope: Scope, id: string): Promise<AssignedOrder | null>;
  /** Orders of the scope created in [from, to) (epoch ms): repeat candidates. */
  ordersCreated(scope: Scope, from: number, to: number): Promise<LoggedOrder[]>;
}

/** The scope's assets with their type and commissioning instant (the asset registry). */
export interface CommissionedAssetSource {
  assets(scope: Scope): Promise<CommissionedAsset[]>;
}
