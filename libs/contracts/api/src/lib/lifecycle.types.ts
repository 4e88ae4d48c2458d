/** A lifecycle stage of a customer or asset, earliest first. */
export type LifecycleStageName =
  'ONBOARDING' | 'ACTIVATION' | 'RETENTION' | 'EXPANSION' | 'ADVOCACY';

/** The rule a touch comes from. */
export type TouchRuleName =
  | 'ONBOARDING_WELCOME'
  | 'ONBOARDING_RUNNING_CHECK'
  | 'ONBOARDING_USAGE_REVIEW'
  | 'FIRST_SERVICE_REPORT'
  | 'FIRST_SERVICE_SATISFACTION'
  | 'MAINTENANCE_REMINDER'
  | 'CONTRACT_RENEWAL';

/** What an account manager records as the outcome of a touch. */
export type TouchOutcomeName = 'DONE' | 'NO_RESPONSE' | 'DECLINED' | 'NOT_NEEDED';

/** `PUT /api/touches/{id}/outcome` body. */
export interface TouchOutcomeRequest {
  outcome: TouchOutcomeName;
  note?: string | null;
}

/** `GET /api/touches?from&to` item: an action due for an account manager. */
export interface TouchResponse {
  /** Stable: `<rule>:<subject id>:<due date YYYY-MM-DD>`. */
  id: string;
  tenantId: string;
  rule: TouchRuleName;
  stage: LifecycleStageName;
  subject: { kind: 'asset' | 'contract' | 'order'; id: string };
  dueAt: string;
  action: string;
  outcome: {
    outcome: TouchOutcomeName;
    note: string | null;
    recordedBy: string;
    recordedAt: string;
  } | null;
}

/** One stage's count at the end of the period and the movement during it. */
export interface StageMovementResponse {
  stage: LifecycleStageName;
  customers: number;
  entered: number;
  movedOn: number;
  fellBack: number;
  lost: number;
}

/** `GET /api/lifecycle-stages?from&to`. */
export interface LifecycleStagesResponse {
  from: string;
  to: string;
  customers: Array<{
    tenantId: string;
    stage: LifecycleStageName;
    assets: Array<{ assetId: string; stage: LifecycleStageName }>;
  }>;
  stages: StageMovementResponse[];
}
