import { Session } from 'node:inspector';
import { readFileSync, writeFileSync } from 'node:fs';

/** A V8 CPU profile (.cpuprofile), the parts the summary reads. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Where the time went: share of samples by self time, per function and per package. */
export interface CpuProfileSummary {
  seconds: number;
  /** Percent of the profiled wall time by package or area (idle = the event loop waiting). */
  byArea: Record<string, number>;
  /** The functions with the most self time, `percent name (file:line)`. */
  topFunctions: string[];
  file: string;
}

/** Profiles this process's main thread between start() and stop(), through the inspector. */
export class CpuProfiler {
  private readonly session = new Session();

  async start(): Promise<void> {
    this.session.connect();
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 500 });
    await this.post('Profiler.start');
  }

  /** Stops, writes the .cpuprofile to `file` (open it in Chrome DevTools) and summarises it. */
  async stop(file: string, top = 25): Promise<CpuProfileSummary> {
    const { profile } = (await this.post('Profiler.stop')) as { profile: CpuProfile };
    this.session.disconnect();
    writeFileSync(file, JSON.stringify(profile));
    return { ...summarize(profile, top), file };
  }

  private post(method: string, params: object = {}): Promise<unknown> {
    return new Promise((resolve, reject) =>
      this.session.post(method, params, (error, result) =>
        error ? reject(error) : resolve(result),
      ),
    );
  }
}

/**
 * The `profileStart` / `profileStop` calls a bench child host serves (see child-host.ts): one
 * profile of the host's main thread at a time.
 */
export function profilerCalls() {
  let profiler: CpuProfiler | undefined;
  return {
    profileStart: async (): Promise<void> => {
      profiler = new CpuProfiler();
      await profiler.start();
    },
    profileStop: async (params: { file: string }): Promise<CpuProfileSummary | null> => {
      const summary = (await profiler?.stop(params.file)) ?? null;
      profiler = undefined;
      return summary;
    },
  };
}

/** Summarises a saved .cpuprofile. */
export function summarizeCpuProfile(file: string, top = 25): CpuProfileSummary {
  return { ...summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top), file };
}

type Frame = CpuProfile['nodes'][number]['callFrame'];

/** The package or lib a frame belongs to, or null for Node internals, native code and WebAssembly. */
function ownArea(frame: Frame): string | null {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (pkg) return pkg[1];
  const lib = /\/(libs\/[^/]+\/[^/]+|apps\/[^/]+|bench)\//.exec(frame.url);
  return lib ? lib[1] : null;
}

/**
 * Self time goes to the frame's package or lib; Node internals, native code (a socket's writev) and
 * WebAssembly (PGlite) go to the nearest caller that has one, so that "who made the syscall" shows.
 */
function areaOf(id: number, byId: Map<number, Frame>, parents: Map<number, number>): string {
  const frame = byId.get(id) as Frame;
  if (!frame.url && frame.functionName.startsWith('(')) return frame.functionName.slice(1, -1); // (idle), (garbage collector), (program)
  for (let cur: number | undefined = id; cur !== undefined; cur = parents.get(cur)) {
    const found = ownArea(byId.get(cur) as Frame);
    if (!found) continue;
    if (frame.url.startsWith('wasm')) return `${found} (wasm)`;
    return frame.url ? found : `${found} (native: ${frame.functionName})`;
  }
  return frame.url.startsWith('node:') ? 'node' : 'native';
}

function summarize(profile: CpuProfile, top: number): Omit<CpuProfileSummary, 'file'> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const child of n.children ?? []) parents.set(child, n.id);
  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    const frame = byId.get(id);
    const dt = deltas[i + 1] ?? 0; // a sample's duration is the delta to the next one
    if (!frame) return;
    total += dt;
    const file = frame.url.replace(/^.*\/(node_modules|libs|apps|bench)\//, '$1/');
    const key = `${frame.functionName || '(anonymous)'} (${file || 'native'}:${frame.lineNumber + 1})`;
    self.set(key, (self.get(key) ?? 0) + dt);
    const area = areaOf(id, byId, parents);
    areas.set(area, (areas.get(area) ?? 0) + dt);
  });
  const pct = (us: number) => Math.round((us / Math.max(1, total)) * 1000) / 10;
  return {
    seconds: Math.round((profile.endTime - profile.startTime) / 1e5) / 10,
    byArea: Object.fromEntries(
      [...areas]
        .sort((a, b) => b[1] - a[1])
        .filter(([, us]) => pct(us) >= 0.5)
        .map(([k, us]) => [k, pct(us)]),
    ),
    topFunctions: [...self]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${pct(us)}% ${k}`),
  };
}
