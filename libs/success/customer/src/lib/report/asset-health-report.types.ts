/** One metric's trend over the report's period: `[epoch ms, value]`, oldest first. */
export interface ReportMetricSeries {
  name: string;
  points: ReadonlyArray<readonly [number, number]>;
}

/** A part used by the last completed order; `unitCost` only in reports for the provider's users. */
export interface ReportPart {
  partNumber: string;
  quantity: number;
  unitCost?: string;
}

/** What the last completed order did. `cost` only in reports for the provider's users. */
export interface ReportCompletedOrder {
  id: string;
  component: string;
  completedAt: string | null;
  outcome: string;
  failureCode: string;
  parts: readonly ReportPart[];
  labourHours: number;
  cost?: string;
}

/** An order not yet done. */
export interface ReportOpenOrder {
  id: string;
  component: string;
  status: string;
  priority: string;
  replaceBy: string;
  plannedFor: string | null;
}

/** The next due date of a maintenance plan covering the asset. */
export interface ReportPlanDue {
  plan: string;
  component: string;
  dueDate: string;
  basis: 'DAYS' | 'HOURS' | null;
}

/** Billing's figures of the contract covering the asset, for its current period. */
export interface ReportContractFigures {
  contract: string;
  period: string;
  availabilityPct: string;
  targetPct: string;
  meetsTarget: boolean;
  runHours: string;
}

/**
 * Everything an asset health report shows (customer success, section 6), already cut to what its
 * reader may see: the caller's edge leaves out costs for users outside the provider.
 */
export interface AssetHealthReport {
  asset: { id: string; type: string; tenantId: string; state: string | null };
  generatedAt: string;
  period: { from: string; to: string; resolution: string };
  risk: {
    probability: number;
    horizon: number;
    rul: number;
    modelVersion: string;
    scoredAt: string;
  } | null;
  metrics: readonly ReportMetricSeries[];
  lastOrder: ReportCompletedOrder | null;
  openOrders: readonly ReportOpenOrder[];
  nextPlanDue: ReportPlanDue | null;
  contract: ReportContractFigures | null;
}
