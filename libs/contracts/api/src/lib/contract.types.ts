/** Whether a contract runs on or has an end date. */
export type ContractStatus = 'ACTIVE' | 'TERMINATED';

/** One effective-dated coverage interval of an asset by a (non-fleet) contract. */
export interface CoverageIntervalResponse {
  assetId: string;
  from: string;
  /** Null while the coverage has not ended. */
  to: string | null;
}

/** `GET /api/contracts` items. */
export interface ContractResponse {
  id: string;
  tenantId: string;
  name: string;
  currency: string;
  /** Decimal strings. */
  ratePerHour: string;
  slaTarget: string;
  tz: string;
  heartbeatTimeoutSeconds: number;
  /** A fleet contract covers every asset of its tenant. */
  fleet: boolean;
  assetIds: string[];
  coverage: CoverageIntervalResponse[];
  createdAt: string;
  status: ContractStatus;
  endsAt: string | null;
}

/**
 * The terms of a contract version. The four fields every version has are named; the others
 * (tiers, credit bands, rounding, policies, ...) are those of the billing engine's `ContractTerms`.
 */
export interface ContractTermsResponse {
  tz: string;
  currency: string;
  ratePerHour: string;
  slaTarget: string;
  [term: string]: unknown;
}

/** One version of a contract's terms. */
export interface ContractVersionResponse {
  contractId: string;
  tenantId: string;
  version: number;
  effectiveFromUs: number;
  effectiveToUs: number | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  terms: ContractTermsResponse;
  createdBy: string;
  createdAt: string;
}

/** `GET /api/contracts/{id}` (and the answer of the calls that change a contract). */
export interface ContractDetailResponse extends ContractResponse {
  versions: ContractVersionResponse[];
  /** The terms in force now, null before the first version starts or after the end. */
  currentTerms: ContractTermsResponse | null;
}
