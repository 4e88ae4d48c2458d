/** A quadrant of the strategic value matrix (high is at or above the threshold). */
export type MatrixQuadrant = 'GROWTH_ENGINE' | 'VALUE_ISLAND' | 'COST_RUIN' | 'PROFIT_EXTRACTOR';

/** Where low turns high: customer value 0-100, service margin % -1000 to 100 (defaults 60 and 20). */
export interface MatrixThresholdsResponse {
  customerValue: number;
  marginPct: number;
}

/** A place in the matrix: both axes, its quadrant and the move the quadrant calls for. */
export interface MatrixPlacementResponse {
  /** Mean of the health score and availability against target, 0-100. */
  customerValue: number;
  /** Service margin %: (revenue - service cost) / revenue x 100. */
  commercialValue: number;
  quadrant: MatrixQuadrant;
  move: string;
}

/** A placed contract with the inputs of both axes. */
export interface MatrixContractResponse extends MatrixPlacementResponse {
  contractId: string;
  tenantId: string;
  inputs: {
    health: number | null;
    availability: number | null;
    revenue: number;
    serviceCost: number;
    /** Service revenue / service cost; null without cost. */
    inputOutputRatio: number | null;
  };
}

/** `GET /api/portfolio/matrix` (provider users only): the last 12 months of the scope. */
export interface ValueMatrixResponse {
  asOf: string;
  from: string;
  thresholds: MatrixThresholdsResponse;
  items: MatrixContractResponse[];
  /** Per customer: the revenue-weighted mean of its placed contracts. */
  customers: Array<MatrixPlacementResponse & { tenantId: string; revenue: number }>;
  /** Contracts without an axis (no revenue in the window, or no health nor availability). */
  unplaced: Array<{ contractId: string; tenantId: string; reason: string }>;
}

/** `PUT /api/portfolio/matrix/thresholds` body; the answer is `{thresholds}`. */
export type MatrixThresholdsRequest = MatrixThresholdsResponse;
