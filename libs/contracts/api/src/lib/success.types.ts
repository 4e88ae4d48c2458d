/** Components of a customer health score. */
export type HealthComponentName =
  'availability' | 'risk' | 'usage' | 'orders' | 'nps' | 'silentDevices';

/** HEALTHY >= 70, WATCH 40-69, AT_RISK < 40. */
export type HealthBand = 'HEALTHY' | 'WATCH' | 'AT_RISK';

/** One component of a health score: 0-100 (null without inputs), its weight and its inputs. */
export interface HealthComponentResponse {
  name: HealthComponentName;
  score: number | null;
  weight: number;
  /** What the score was computed from (counts, ids, periods, answers), as the API names them. */
  inputs: Record<string, unknown>;
}

/** A health score (0-100 rounded to 0.1, null without inputs) with every component. */
export interface HealthScoreResponse {
  score: number | null;
  band: HealthBand | null;
  components: HealthComponentResponse[];
}

/** `GET /api/customers/{tenantId}/health`: the customer's score and each of its contracts'. */
export interface CustomerHealthResponse extends HealthScoreResponse {
  tenantId: string;
  asOf: string;
  contracts: Array<HealthScoreResponse & { contractId: string; name: string }>;
}

/** A churn signal. */
export type ChurnSignalKind =
  | 'USAGE_DOWN'
  | 'DEVICES_SILENT'
  | 'AVAILABILITY_BELOW_TARGET'
  | 'NPS_DETRACTOR'
  | 'ORDERS_ELSEWHERE'
  | 'CONTRACT_ENDING';

/** Churn risk: HIGH >= 5 points, MEDIUM >= 3, LOW below. */
export type ChurnRisk = 'LOW' | 'MEDIUM' | 'HIGH';

/** `GET /api/churn-warnings` item: a customer (contractId null) or a contract with its reasons. */
export interface ChurnWarningResponse {
  tenantId: string;
  contractId: string | null;
  asOf: string;
  risk: ChurnRisk;
  points: number;
  signals: Array<{ kind: ChurnSignalKind; weight: number; evidence: Record<string, unknown> }>;
}

/** The NPS of a set of answers with its counts (`nps` null without answers). */
export interface NpsFigureResponse {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
}

/** `GET /api/nps?from&to`: overall and per tenant, partner (null: own team) and region. */
export interface NpsReportResponse {
  from: string;
  to: string;
  overall: NpsFigureResponse;
  byTenant: Array<NpsFigureResponse & { tenantId: string | null }>;
  byPartner: Array<NpsFigureResponse & { partnerId: string | null }>;
  byRegion: Array<NpsFigureResponse & { region: string | null }>;
}

/** `POST /api/nps` body: a customer's answer (0-10) after a completed order. */
export interface NpsAnswerRequest {
  taskId: string;
  score: number;
  comment?: string | null;
}

/** A bound on one RFM score (1-5), inclusive; a side left out is open. */
export interface ScoreBoundResponse {
  min?: number;
  max?: number;
}

/** A segment rule: the first whose bounds all hold names the segment. */
export interface SegmentRuleResponse {
  segment: string;
  when: { r?: ScoreBoundResponse; f?: ScoreBoundResponse; m?: ScoreBoundResponse };
}

/** A customer's RFM figures over the rolling 12 months, its 1-5 scores and segment. */
export interface RfmEntryResponse {
  tenantId: string;
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  segment: string;
}

/** `GET /api/segments`. */
export interface SegmentsResponse {
  asOf: string;
  from: string;
  rules: SegmentRuleResponse[];
  items: RfmEntryResponse[];
}
