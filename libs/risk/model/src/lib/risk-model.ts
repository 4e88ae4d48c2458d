import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import {
  FeatureSpec,
  HistoryRow,
  buildFeatures,
  validateFeatureSpec,
} from '@hourglass/risk-features';
import { selectBackend } from './backend-selector';
import { ensembleRul } from './ensemble-predictor';
import {
  FailureCalibration,
  RulCorrection,
  correctRul,
  failureProbability,
} from './failure-calibration';
import {
  ArtifactFiles,
  FileModelLoader,
  hashArtifacts,
  memberFileNames,
  readArtifactFiles,
  sha256,
  writeArtifactFiles,
} from './model-artifacts';
import { ModelCard, renderModelCard } from './model-card';
import { RiskModelError } from './risk-model-errors';

/** The model folder's own description of how to run it (`risk-model.json`). */
export interface RiskModelManifest {
  formatVersion: 1;
  name: string;
  /** Cycles ahead that `probability` looks. */
  horizon: number;
  /** Cap of the RUL target; predictions are clipped to [0, rulCap]. */
  rulCap: number;
  /** Sub-folders holding one TF.js layers model each; their outputs are averaged. */
  members: string[];
  calibration: FailureCalibration;
  /** Applied to the ensemble mean when present (absent in fd001-mlp-v1). */
  rulCorrection?: RulCorrection;
}

/** One unit's prediction. */
export interface RiskPrediction {
  /** Predicted remaining useful life in cycles, in [0, rulCap]. */
  rul: number;
  /** Probability that the unit fails within `horizon` cycles. */
  probability: number;
}

export const PREPARATION_FILE = 'preparation.json';
export const MANIFEST_FILE = 'risk-model.json';
export const CARD_FILE = 'model-card.json';
export const CARD_MARKDOWN_FILE = 'MODEL_CARD.md';

/**
 * The early-warning model: an ensemble of MLPs on engineered features, predicting remaining
 * useful life and the probability of failure within a horizon. Load one with {@link RiskModel.load};
 * release its tensors with {@link dispose}.
 */
export class RiskModel {
  private constructor(
    private readonly members: tf.LayersModel[],
    /** Feature preparation fitted with the model. */
    readonly spec: FeatureSpec,
    readonly manifest: RiskModelManifest,
    private cardState: ModelCard,
    private readonly files: ArtifactFiles,
  ) {}

  /**
   * Loads a model folder, checking the artifacts against the hash in its card.
   *
   * @throws RiskModelError `MODEL_NOT_FOUND` (missing file), `MODEL_CORRUPT` (hash mismatch or
   * unreadable JSON), `MODEL_INCOMPATIBLE` (format or feature count not understood).
   */
  static async load(dir: string): Promise<RiskModel> {
    await selectBackend();
    const card = readJson<ModelCard>(dir, CARD_FILE);
    const manifest = readJson<RiskModelManifest>(dir, MANIFEST_FILE);
    const spec = readJson<FeatureSpec>(dir, PREPARATION_FILE);
    if (manifest.formatVersion !== 1) {
      throw new RiskModelError(
        'MODEL_INCOMPATIBLE',
        `${dir}: unsupported formatVersion ${manifest.formatVersion}`,
      );
    }
    try {
      validateFeatureSpec(spec);
    } catch (error) {
      throw new RiskModelError('MODEL_INCOMPATIBLE', `${dir}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const names = [PREPARATION_FILE, MANIFEST_FILE, ...manifest.members.flatMap(memberFileNames)];
    const files = readArtifactFiles(dir, names);
    const actual = hashArtifacts(files);
    if (actual !== card.artifacts?.sha256) {
      throw new RiskModelError(
        'MODEL_CORRUPT',
        `${dir}: artifacts hash ${actual} differs from the card's`,
      );
    }
    const members = await Promise.all(
      manifest.members.map((member) =>
        tf.loadLayersModel(new FileModelLoader(path.join(dir, member))),
      ),
    );
    const width = spec.featureNames.length;
    if (members.some((m) => m.inputs[0].shape[1] !== width)) {
      members.forEach((m) => m.dispose());
      throw new RiskModelError(
        'MODEL_INCOMPATIBLE',
        `${dir}: a member does not take ${width} features`,
      );
    }
    return new RiskModel(members, spec, manifest, card, files);
  }

  /**
   * Assembles a freshly trained model: serialises the artifacts, hashes them, and completes the
   * card's version and artifact list. Takes ownership of `members`.
   */
  static create(
    members: tf.LayersModel[],
    spec: FeatureSpec,
    manifest: RiskModelManifest,
    memberFiles: ArtifactFiles,
    card: Omit<ModelCard, 'version' | 'artifacts'>,
  ): RiskModel {
    const encode = (value: unknown) =>
      new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
    const files: ArtifactFiles = new Map([
      [PREPARATION_FILE, encode(spec)],
      [MANIFEST_FILE, encode(manifest)],
      ...memberFiles,
    ]);
    const digest = hashArtifacts(files);
    const artifacts = {
      sha256: digest,
      files: [...files]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([p, bytes]) => ({ path: p, bytes: bytes.byteLength, sha256: sha256(bytes) })),
    };
    const complete: ModelCard = {
      ...card,
      version: `${manifest.name}@${digest.slice(0, 12)}`,
      artifacts,
    };
    return new RiskModel(members, spec, manifest, complete, files);
  }

  /** `name@hash`: changes whenever any artifact changes. */
  get version(): string {
    return this.cardState.version;
  }

  /** Cycles ahead that `probability` looks. */
  get horizon(): number {
    return this.manifest.horizon;
  }

  /** What the model is, how it was trained and how well it did (`model-card.json`). */
  get card(): ModelCard {
    return this.cardState;
  }

  /** Length of the feature vectors {@link predictFeatures} expects. */
  get featureCount(): number {
    return this.spec.featureNames.length;
  }

  /**
   * Predicts for each history (one unit's rows, oldest first) at its last row, in one batched
   * tensor call. Each history needs at least one row.
   */
  predict(histories: readonly (readonly HistoryRow[])[]): RiskPrediction[] {
    const width = this.featureCount;
    const features = new Float32Array(histories.length * width);
    histories.forEach((history, i) => features.set(buildFeatures(history, this.spec), i * width));
    return this.predictFeatures(features, histories.length);
  }

  /** Predicts from `n` prepared feature vectors laid out row-major in `features`. */
  predictFeatures(features: Float32Array, n: number): RiskPrediction[] {
    return Array.from(this.predictRul(features, n), (rul) => ({
      rul,
      probability: this.probabilityWithin(rul),
    }));
  }

  /**
   * Ensemble-mean RUL for `n` prepared feature vectors, moved earlier by the model's late-bias
   * correction when it has one, clipped to [0, rulCap].
   */
  predictRul(features: Float32Array, n: number): Float32Array {
    const width = this.featureCount;
    if (!Number.isInteger(n) || n < 0 || features.length !== n * width) {
      throw new RiskModelError(
        'INVALID_DATA',
        `expected ${n} x ${width} features, got ${features.length} values`,
      );
    }
    const { rulCap, rulCorrection } = this.manifest;
    const mean = ensembleRul(this.members, features, n, width, rulCap);
    return rulCorrection ? mean.map((rul) => correctRul(rulCorrection, rul, rulCap)) : mean;
  }

  /** Probability of failure within `horizon` cycles (default: the model's) for a predicted RUL. */
  probabilityWithin(rul: number, horizon = this.manifest.horizon): number {
    return failureProbability(this.manifest.calibration, rul, horizon);
  }

  /** Writes the model folder: artifacts, `model-card.json` and `MODEL_CARD.md`. */
  async saveModel(dir: string): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    writeArtifactFiles(dir, this.files);
    this.writeCard(dir, this.cardState);
  }

  /** Replaces the card (not part of the hashed artifacts) and rewrites it in `dir`. */
  updateCard(dir: string, change: (card: ModelCard) => ModelCard): void {
    const next = change(this.cardState);
    if (
      next.artifacts.sha256 !== this.cardState.artifacts.sha256 ||
      next.version !== this.cardState.version
    ) {
      throw new RiskModelError(
        'INVALID_DATA',
        'a card update cannot change the artifacts or version',
      );
    }
    this.cardState = next;
    this.writeCard(dir, next);
  }

  dispose(): void {
    for (const member of this.members) member.dispose();
  }

  private writeCard(dir: string, card: ModelCard): void {
    fs.writeFileSync(path.join(dir, CARD_FILE), JSON.stringify(card, null, 2) + '\n');
    fs.writeFileSync(path.join(dir, CARD_MARKDOWN_FILE), renderModelCard(card));
  }
}

function readJson<T>(dir: string, name: string): T {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new RiskModelError('MODEL_NOT_FOUND', `cannot read ${file}`, { cause: error });
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new RiskModelError('MODEL_CORRUPT', `${file} is not valid JSON`, { cause: error });
  }
}
