/** Which side of the limit is a breach. */
export type RuleOperator = 'ABOVE' | 'BELOW';

/**
 * `THRESHOLD`: a telemetry metric beyond a limit for at least `forSeconds`; `HEALTH_INDEX`: a health
 * metric (e.g. `battery_health` in %) under a value, usually at once (`forSeconds` 0). Both are
 * evaluated the same way; the kind says what the metric is.
 */
export type RuleKind = 'THRESHOLD' | 'HEALTH_INDEX';

export type RulePriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/**
 * When a rule fires and when it may fire again (hysteresis): it fires once the metric has been beyond
 * `limit` for `forSeconds`; then it stays quiet until the metric has been back past the limit by
 * `clearMargin` for `clearForSeconds`.
 */
export interface RuleCondition {
  kind: RuleKind;
  metric: string;
  operator: RuleOperator;
  limit: number;
  /** How long the breach must last before the rule fires (0: the first breaching sample). */
  forSeconds: number;
  /** How far back past the limit the metric must go to count as cleared (>= 0, metric units). */
  clearMargin: number;
  /** How long it must stay cleared before the rule re-arms (0: the first cleared sample). */
  clearForSeconds: number;
}

/** A rule condition raising a care order for a component on every asset of a type. */
export interface MaintenanceRule {
  id: string;
  /** The tenant the rule applies to; null: every tenant's assets of the type. */
  tenantId: string | null;
  assetType: string;
  name: string;
  condition: RuleCondition;
  /** The component the order is for (one open order per asset and component). */
  component: string;
  priority: RulePriority;
  enabled: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** What a rule is created from (the repository adds id, author and times). */
export type NewMaintenanceRule = Omit<
  MaintenanceRule,
  'id' | 'createdBy' | 'createdAt' | 'updatedAt'
>;

/** A change of a rule: any field but its id, author and times. */
export type MaintenanceRulePatch = Partial<NewMaintenanceRule>;
