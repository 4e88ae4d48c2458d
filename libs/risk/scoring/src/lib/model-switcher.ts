import type { MetricsRegistry } from '@hourglass/platform-metrics';
import type { ScorerModel } from './scorer-model';
import { defaultModel, findModel, listModels, type ModelEntry } from './model-catalog';
import type { ModelDeploymentRepository, ModelRef } from './model-deployment.repository';

/** A loaded model version that holds resources until disposed. */
export interface LoadedModel extends ScorerModel {
  dispose(): void;
}

/** The models of one scoring round. */
export interface ScoringModels {
  active: LoadedModel;
  shadow: LoadedModel | null;
}

/** Options of {@link ModelSwitcher}. */
export interface ModelSwitcherOptions {
  /** HG_MODEL_VERSION: the version serving while none was promoted (default: the newest folder). */
  pinned?: string;
  /** Log line sink (default: silent). */
  log?: (line: string) => void;
}

/**
 * Keeps the loaded models in step with the deployment rows in SQL: {@link refresh}, called at the
 * start of every scoring round, loads a newly promoted or shadowed version and disposes the one it
 * replaces, so a promotion or rollback takes effect on the next round of every replica, without a
 * restart. A version that fails to load is logged and counted, and the loaded one keeps serving.
 */
export class ModelSwitcher {
  private active?: LoadedModel;
  private shadow: LoadedModel | null = null;
  /** Versions that failed to load: not retried every round (their files do not change under a version). */
  private readonly failed = new Set<string>();
  private readonly log: (line: string) => void;
  private readonly m;

  constructor(
    private readonly modelsDir: string,
    private readonly deployments: ModelDeploymentRepository,
    private readonly load: (entry: ModelEntry) => Promise<LoadedModel>,
    metrics: MetricsRegistry,
    private readonly options: ModelSwitcherOptions = {},
  ) {
    this.log = options.log ?? (() => undefined);
    this.m = {
      switches: metrics.counter(
        'hg_model_switches_total',
        'model versions loaded after a deployment change',
        ['slot'],
      ),
      failures: metrics.counter(
        'hg_model_load_failures_total',
        'model versions that could not be loaded',
        ['slot'],
      ),
    };
  }

  /** The active version now (after the first refresh). */
  get current(): LoadedModel | undefined {
    return this.active;
  }

  /** The challenger scoring in shadow, if any. */
  get challenger(): LoadedModel | null {
    return this.shadow;
  }

  /**
   * Reads the deployment rows and loads what changed. The first call throws when the active
   * version cannot be loaded (nothing would serve); later failures keep the loaded version.
   */
  async refresh(): Promise<ScoringModels> {
    const slots = await this.deployments.current();
    const models = listModels(this.modelsDir);
    const wanted = slots.active ?? refOf(defaultModel(models, this.options.pinned));
    if (!wanted) throw new Error(`no model in ${this.modelsDir} (train one: npm run model:train)`);
    if (wanted.version !== this.active?.version) {
      const next = await this.tryLoad('active', models, wanted, this.active === undefined);
      if (next) {
        const previous = this.active;
        this.active = next;
        previous?.dispose();
      }
    }
    const wantedShadow = slots.shadow;
    if (wantedShadow?.version !== this.shadow?.version) {
      const next = wantedShadow ? await this.tryLoad('shadow', models, wantedShadow, false) : null;
      if (next || !wantedShadow) {
        this.shadow?.dispose();
        this.shadow = next;
        if (!next) this.log('scoring: shadow scoring stopped');
      }
    }
    return { active: this.active as LoadedModel, shadow: this.shadow };
  }

  dispose(): void {
    this.active?.dispose();
    this.shadow?.dispose();
    this.active = undefined;
    this.shadow = null;
  }

  private async tryLoad(
    slot: string,
    models: readonly ModelEntry[],
    wanted: ModelRef,
    mustLoad: boolean,
  ): Promise<LoadedModel | null> {
    if (this.failed.has(wanted.version) && !mustLoad) return null;
    try {
      const entry = findModel(models, wanted.name);
      if (!entry) throw new Error(`model version ${wanted.version} is not in ${this.modelsDir}`);
      if (entry.version !== wanted.version) {
        throw new Error(
          `folder ${wanted.name} now holds ${entry.version}, not the deployed ${wanted.version}`,
        );
      }
      const model = await this.load(entry);
      this.m.switches.inc({ slot });
      this.log(`scoring: ${slot} model ${model.version} (horizon ${model.horizon} cycles)`);
      return model;
    } catch (error) {
      this.m.failures.inc({ slot });
      if (mustLoad) throw error;
      this.failed.add(wanted.version);
      this.log(
        `scoring: cannot load ${slot} model ${wanted.version}, keeping ${slot === 'active' ? this.active?.version : (this.shadow?.version ?? 'none')}: ${(error as Error).message}`,
      );
      return null;
    }
  }
}

const refOf = (m: ModelEntry | undefined): ModelRef | null =>
  m ? { name: m.name, version: m.version } : null;
