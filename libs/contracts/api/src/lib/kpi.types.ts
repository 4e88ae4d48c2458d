/** A component with confirmed defects in the period (`replacementCost` for provider roles only). */
export interface FailingComponentResponse {
  assetType: string;
  component: string;
  failures: number;
  replacementCost?: number;
}

/** Service cost of an asset type per operating year (provider roles only). */
export interface LifecycleCostResponse {
  assetType: string;
  serviceCost: number;
  operatingHours: number;
  costPerOperatingYear: number | null;
}

/** `GET /api/kpis?from&to&assetType`: a figure that cannot be computed is null. */
export interface KpiResponse {
  from: string;
  to: string;
  assetType: string | null;
  mtbfHours: number | null;
  mttrHours: number | null;
  meanDowntimeHours: number | null;
  availability: number | null;
  firstTimeFixRate: number | null;
  predictiveHitRate: number | null;
  pmCompliance: number | null;
  uptimeHours: number;
  failures: number;
  topFailingComponents: FailingComponentResponse[];
  /** Absent for customers. */
  lifecycleCosts?: LifecycleCostResponse[];
}

/** One part of `GET /api/parts/forecast`: expected count and the interval at `level`. */
export interface PartForecastResponse {
  partNumber: string;
  expected: number;
  low: number;
  high: number;
  method: string;
}

/** `GET /api/parts/forecast?horizonDays=30|60|90`. */
export interface PartsForecastResponse {
  horizonDays: number;
  level: number;
  items: PartForecastResponse[];
}
