import {
  defaultModel,
  findModel,
  listModels,
  readEvaluation,
  type ModelEntry,
} from './model-catalog';
import {
  ModelDeploymentError,
  type DeploymentAuditEntry,
  type ModelDeploymentRepository,
  type ModelDeployments,
  type ModelRef,
} from './model-deployment.repository';

/** A registry version as `GET /api/models` lists it. */
export interface ModelListing {
  name: string;
  version: string;
  active: boolean;
  shadow: boolean;
  card: Record<string, unknown>;
}

/** Options of {@link ModelRegistryService}. */
export interface ModelRegistryOptions {
  /** The version serving while none was promoted, when known (default: HG_MODEL_VERSION or the newest). */
  serving?: () => string | null;
  /** HG_MODEL_VERSION: pins the default version (default: unset, the newest folder). */
  pinned?: string;
}

/**
 * The engineer's view of the model registry: the versions in the models folder, which one is
 * active and which one scores in shadow, and the calls that change that (persisted in SQL; the
 * alerts service picks the change up on its next scoring round).
 */
export class ModelRegistryService {
  constructor(
    private readonly modelsDir: string,
    private readonly deployments: ModelDeploymentRepository,
    private readonly options: ModelRegistryOptions = {},
  ) {}

  async list(): Promise<{ items: ModelListing[]; deployments: ModelDeployments }> {
    const models = listModels(this.modelsDir);
    const deployments = await this.deployments.current();
    const active = deployments.active?.version ?? this.implicit(models)?.version;
    return {
      items: models.map((m) => ({
        name: m.name,
        version: m.version,
        active: m.version === active,
        shadow: m.version === deployments.shadow?.version,
        card: m.card,
      })),
      deployments,
    };
  }

  /** Makes `ref` (folder name or `name@hash`) the active version. */
  async promote(ref: string, actor: string): Promise<ModelDeployments> {
    const models = listModels(this.modelsDir);
    return this.deployments.promote(
      toRef(this.find(models, ref)),
      actor,
      refOf(this.implicit(models)),
    );
  }

  /** Returns to the previously active version. */
  rollback(actor: string): Promise<ModelDeployments> {
    return this.deployments.rollback(actor);
  }

  /** Scores `ref` in shadow beside the active version. */
  async shadow(ref: string, actor: string): Promise<ModelDeployments> {
    const models = listModels(this.modelsDir);
    return this.deployments.setShadow(
      toRef(this.find(models, ref)),
      actor,
      refOf(this.implicit(models)),
    );
  }

  /** Stops shadow scoring. */
  async clearShadow(actor: string): Promise<ModelDeployments> {
    if (!(await this.deployments.clearShadow(actor))) {
      throw new ModelDeploymentError('MODEL_NOT_FOUND', 'no version scores in shadow');
    }
    return this.deployments.current();
  }

  /** The stored evaluation report of `ref` (folder name or `name@hash`). */
  evaluation(ref: string): Record<string, unknown> {
    const evaluation = readEvaluation(this.find(listModels(this.modelsDir), ref));
    if (!evaluation)
      throw new ModelDeploymentError('MODEL_NOT_FOUND', `model version ${ref} has no evaluation`);
    return evaluation;
  }

  history(limit?: number): Promise<DeploymentAuditEntry[]> {
    return this.deployments.history(limit);
  }

  private find(models: readonly ModelEntry[], ref: string): ModelEntry {
    const entry = findModel(models, ref);
    if (!entry)
      throw new ModelDeploymentError(
        'MODEL_NOT_FOUND',
        `model version ${ref} is not in the registry`,
      );
    return entry;
  }

  private implicit(models: readonly ModelEntry[]): ModelEntry | undefined {
    const serving = this.options.serving?.();
    return (
      (serving ? findModel(models, serving) : undefined) ??
      defaultModel(models, this.options.pinned)
    );
  }
}

const toRef = (m: ModelEntry): ModelRef => ({ name: m.name, version: m.version });
const refOf = (m: ModelEntry | undefined): ModelRef | null => (m ? toRef(m) : null);
