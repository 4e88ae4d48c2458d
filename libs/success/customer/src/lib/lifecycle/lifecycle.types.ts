import type { Scope } from '@hourglass/platform-tenancy';
import type { CustomerContractPort, OpenOrderPort } from '../portfolio/portfolio.ports';

/** The lifecycle stages of spec section 4, earliest first (the order a customer moves on in). */
export const LIFECYCLE_STAGES = [
  'ONBOARDING',
  'ACTIVATION',
  'RETENTION',
  'EXPANSION',
  'ADVOCACY',
] as const;

/** One stage of {@link LIFECYCLE_STAGES}. */
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

/** An asset with the dates its stage is computed from. */
export interface LifecycleAsset {
  assetId: string;
  tenantId: string;
  /** ISO 8601 of commissioning (the registry's registration, as the service network takes it). */
  commissionedAt: string;
  /** ISO 8601 of the first completed work order on the asset, null before one. */
  firstServiceAt: string | null;
}

/** The assets of a scope with their commissioning and first completed service. */
export interface LifecycleAssetPort {
  assets(scope: Scope): Promise<LifecycleAsset[]>;
}

/** What the late stages read of a customer now: its health score and whether it has a promoter answer. */
export interface CustomerStanding {
  tenantId: string;
  /** The current customer health score (section 3), null without inputs. */
  healthScore: number | null;
  /** At least one NPS answer of 9 or 10 (section 2). */
  promoter: boolean;
}

/** The standing of each customer in a scope (health score and NPS, through adapters). */
export interface CustomerStandingPort {
  standings(scope: Scope): Promise<CustomerStanding[]>;
}

/** Everything the lifecycle stages and the touch calendar read from the other domains. */
export interface LifecyclePorts {
  assets: LifecycleAssetPort;
  standing: CustomerStandingPort;
  orders: OpenOrderPort;
  contracts: CustomerContractPort;
}

/** The touch rules implemented (spec section 4); the README lists those not yet implemented. */
export type TouchRule =
  | 'ONBOARDING_WELCOME'
  | 'ONBOARDING_RUNNING_CHECK'
  | 'ONBOARDING_USAGE_REVIEW'
  | 'FIRST_SERVICE_REPORT'
  | 'FIRST_SERVICE_SATISFACTION'
  | 'MAINTENANCE_REMINDER'
  | 'CONTRACT_RENEWAL';

/** Outcomes an account manager records for a touch. */
export const TOUCH_OUTCOMES = ['DONE', 'NO_RESPONSE', 'DECLINED', 'NOT_NEEDED'] as const;

/** One outcome of {@link TOUCH_OUTCOMES}. */
export type TouchOutcomeKind = (typeof TOUCH_OUTCOMES)[number];

/** The recorded outcome of a touch: what happened, a note, who recorded it and when. */
export interface TouchOutcome {
  outcome: TouchOutcomeKind;
  note: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** A touch: an action for the account manager with a due date, derived from the stage rules. */
export interface Touch {
  /** Stable: `<rule>:<subject id>:<due date YYYY-MM-DD>`, so a recorded outcome stays attached. */
  id: string;
  tenantId: string;
  rule: TouchRule;
  stage: LifecycleStage;
  subject: { kind: 'asset' | 'contract' | 'order'; id: string };
  /** ISO 8601 the touch is due. */
  dueAt: string;
  /** What the account manager does. */
  action: string;
  outcome: TouchOutcome | null;
}
