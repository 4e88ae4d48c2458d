import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { RiskModelError } from './risk-model-errors';

/** Files of a model folder, by path relative to the folder (forward slashes). */
export type ArtifactFiles = Map<string, Uint8Array>;

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/**
 * Serialises a layers model to the standard TF.js files (`model.json` whose weights manifest
 * points at `weights.bin`), under `prefix/`. Same bytes for the same weights.
 */
export async function layersModelToFiles(
  model: tf.LayersModel,
  prefix: string,
): Promise<ArtifactFiles> {
  let files: ArtifactFiles | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      files = artifactsToFiles(artifacts, prefix);
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  if (!files) throw new Error('the model was not serialised');
  return files;
}

function artifactsToFiles(artifacts: tf.io.ModelArtifacts, prefix: string): ArtifactFiles {
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? []));
  const modelJson = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
  };
  return new Map([
    [`${prefix}/${MODEL_JSON}`, new TextEncoder().encode(JSON.stringify(modelJson))],
    [`${prefix}/${WEIGHTS_BIN}`, weights],
  ]);
}

/**
 * A TF.js IOHandler reading a layers model from a folder on the local file system
 * (`model.json` plus the weight files its manifest names): the `file://` loader that
 * `@tensorflow/tfjs-node` would otherwise provide.
 */
export class FileModelLoader implements tf.io.IOHandler {
  constructor(private readonly directory: string) {}

  async load(): Promise<tf.io.ModelArtifacts> {
    const json = JSON.parse(
      readFile(path.join(this.directory, MODEL_JSON)).toString('utf8'),
    ) as tf.io.ModelJSON;
    return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
      const specs = manifest.flatMap((group) => group.weights);
      const buffers = manifest.flatMap((group) =>
        group.paths.map((p) => {
          const bytes = readFile(path.join(this.directory, p));
          return bytes.buffer.slice(
            bytes.byteOffset,
            bytes.byteOffset + bytes.byteLength,
          ) as ArrayBuffer;
        }),
      );
      return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
    });
  }
}

/** Writes artifact files under `directory`, creating sub-folders. */
export function writeArtifactFiles(directory: string, files: ArtifactFiles): void {
  for (const [relative, bytes] of files) {
    const target = path.join(directory, ...relative.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
}

/** Reads the named artifact files from `directory`. */
export function readArtifactFiles(directory: string, names: readonly string[]): ArtifactFiles {
  return new Map(
    names.map((name) => [name, new Uint8Array(readFile(path.join(directory, ...name.split('/'))))]),
  );
}

/** The per-member files of a model folder for a member prefix. */
export function memberFileNames(prefix: string): string[] {
  return [`${prefix}/${MODEL_JSON}`, `${prefix}/${WEIGHTS_BIN}`];
}

/**
 * SHA-256 over a set of files, independent of insertion order: for each file sorted by path,
 * the path, a NUL byte, the length in decimal, a NUL byte, then the bytes.
 */
export function hashArtifacts(files: ArtifactFiles): string {
  const hash = createHash('sha256');
  for (const name of [...files.keys()].sort()) {
    const bytes = files.get(name) as Uint8Array;
    hash.update(`${name}\0${bytes.byteLength}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** SHA-256 of one byte string, hex. */
export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new RiskModelError('MODEL_NOT_FOUND', `cannot read ${file}`, { cause: error });
  }
}
