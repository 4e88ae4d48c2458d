import type { Certification, Partner } from './service-network.types';

/** What the rule matches an order on. */
export interface AssignmentRequest {
  region: string;
  assetType: string;
  component: string;
  /** The planned date of the work (epoch ms): the certification must be valid then. */
  plannedAt: number;
}

/** The rule's answer: a partner, or the own team when no partner qualifies, with why. */
export interface RuleDecision {
  partnerId: string | null;
  reason: string;
}

/** Whether a certification is valid at `at` (epoch ms); bounds are inclusive. */
export function certifiedAt(c: Certification, at: number): boolean {
  const from = c.certifiedFrom === null ? -Infinity : Date.parse(c.certifiedFrom);
  const to = c.certifiedTo === null ? Infinity : Date.parse(c.certifiedTo);
  return from <= at && at <= to;
}

/** Whether `skills` cover the asset type (`turbofan`) or the type and component (`turbofan/hpc-module`). */
export function hasSkill(skills: readonly string[], assetType: string, component: string): boolean {
  return skills.includes(assetType) || skills.includes(`${assetType}/${component}`);
}

/**
 * Assignment by rule: the partners serving the region with the skill and a certification valid on
 * the planned date qualify; the one with the fewest current orders wins (ties by id, so the rule is
 * reproducible). Without a qualifying partner the order stays with the own team.
 */
export function chooseAssignee(
  request: AssignmentRequest,
  partners: readonly Partner[],
  load: ReadonlyMap<string, number>,
): RuleDecision {
  const qualified = partners
    .filter(
      (p) =>
        p.regions.includes(request.region) &&
        hasSkill(p.skills, request.assetType, request.component) &&
        certifiedAt(p, request.plannedAt),
    )
    .sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id.localeCompare(b.id));
  const chosen = qualified[0];
  if (!chosen) {
    return {
      partnerId: null,
      reason: `no partner serves ${request.region} for ${request.assetType}/${request.component} with a certification valid on ${new Date(request.plannedAt).toISOString()}: own team`,
    };
  }
  return {
    partnerId: chosen.id,
    reason: `${chosen.id}: serves ${request.region}, skilled for ${request.assetType}/${request.component}, certified on the planned date, ${load.get(chosen.id) ?? 0} current orders (${qualified.length} qualified)`,
  };
}
