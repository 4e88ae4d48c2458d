import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** TF.js backends in the order {@link selectBackend} tries them. */
export type RiskBackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Options of {@link selectBackend}. */
export interface SelectBackendOptions {
  /** Backends to try, in order. Default: native TensorFlow, then WASM, then plain JS. */
  prefer?: readonly RiskBackendName[];
  /** Called with each backend that could not start and why (default: silent). */
  onSkip?: (backend: RiskBackendName, reason: string) => void;
}

const DEFAULT_ORDER: readonly RiskBackendName[] = ['tensorflow', 'wasm', 'cpu'];

// The optional native binding is loaded by a computed name so that neither the compiler nor a
// bundler insists on it being installed.
const NATIVE_PACKAGE = ['@tensorflow', 'tfjs-node'].join('/');

/**
 * Chooses the fastest TF.js backend available in this process and makes it current: the native
 * binding `@tensorflow/tfjs-node` when installed, else WASM (loading the `.wasm` binaries from
 * `node_modules/@tensorflow/tfjs-backend-wasm/dist` by file path), else the JS `cpu` backend.
 * Calling it again returns the backend already chosen.
 *
 * @returns the name of the backend in use.
 */
export async function selectBackend(options: SelectBackendOptions = {}): Promise<string> {
  const order = options.prefer ?? DEFAULT_ORDER;
  const current = tf.getBackend() as string | undefined;
  if (current && order.includes(current as RiskBackendName) && current !== 'cpu') return current;
  for (const name of order) {
    try {
      if (await activate(name)) return name;
      options.onSkip?.(name, 'not available');
    } catch (error) {
      options.onSkip?.(name, error instanceof Error ? error.message : String(error));
    }
  }
  throw new Error(`no TF.js backend could start (tried ${order.join(', ')})`);
}

async function activate(name: RiskBackendName): Promise<boolean> {
  if (name === 'tensorflow') {
    require(NATIVE_PACKAGE);
  }
  if (name === 'wasm') setWasmPaths(wasmDirectory());
  const ok = await tf.setBackend(name);
  await tf.ready();
  return ok && tf.getBackend() === name;
}

function wasmDirectory(): string {
  const entry = require.resolve('@tensorflow/tfjs-backend-wasm');
  return path.dirname(entry) + path.sep;
}
