/** A registry version: its folder name and `name@hash` version. */
export interface ModelRefResponse {
  name: string;
  version: string;
}

/** The version in a slot, with who put it there and when. */
export interface DeployedModelResponse extends ModelRefResponse {
  changedBy: string;
  changedAt: string;
}

/** A model version as `GET /api/models` lists it. */
export interface ModelListingResponse {
  name: string;
  version: string;
  active: boolean;
  shadow: boolean;
  /** The model card (`model-card.json`). */
  card: Record<string, unknown>;
}

/** `GET /api/models`. */
export interface ModelListResponse {
  items: ModelListingResponse[];
  deployments: { active: DeployedModelResponse | null; shadow: DeployedModelResponse | null };
}

/** `GET /api/models/history` items. */
export interface ModelDeploymentAuditResponse {
  id: number;
  action: 'PROMOTE' | 'ROLLBACK' | 'SHADOW' | 'UNSHADOW';
  slot: 'active' | 'shadow';
  from: ModelRefResponse | null;
  to: ModelRefResponse | null;
  actor: string;
  at: string;
}
