import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from '@hourglass/platform-metrics';

/** Default probe port of the standalone broker (`HG_PROBE_PORT` overrides it). */
export const BROKER_PROBE_PORT = 9181;
/** Default probe port of a standalone ingest worker (`HG_PROBE_PORT` overrides it). */
export const INGEST_PROBE_PORT = 9182;
/** Default probe port of a scoring replica. */
export const SCORING_PROBE_PORT = 9183;
/** Default probe port of the billing process. */
export const BILLING_PROBE_PORT = 9184;
/** Default probe port of the maintenance process. */
export const MAINTENANCE_PROBE_PORT = 9185;

/**
 * Whether a process is ready to serve, for `/readyz`: not while it starts, nor once it drains at
 * shutdown. Parts report themselves (`set('broker', true)`), and `drain()` turns it false for good.
 * Small and injectable, so the shutdown sequence of `runService` can call `drain()` itself.
 */
export class ServiceReadiness {
  private readonly parts = new Map<string, string | null>();
  private drainingSince?: Date;

  /** Declares the parts that must be ready, all starting as not ready. */
  constructor(parts: readonly string[] = []) {
    for (const part of parts) this.parts.set(part, 'starting');
  }

  /** Marks a part ready (`true`) or not (a reason). */
  set(part: string, state: true | string): void {
    this.parts.set(part, state === true ? null : state);
  }

  /** Shutdown has begun: not ready from now on. */
  drain(): void {
    this.drainingSince ??= new Date();
  }

  /** True when every part is ready and the process is not draining; otherwise what is not ready and why. */
  status(): { ready: boolean; notReady: Record<string, string> } {
    const notReady: Record<string, string> = {};
    if (this.drainingSince)
      notReady['process'] = `draining since ${this.drainingSince.toISOString()}`;
    for (const [part, reason] of this.parts) if (reason !== null) notReady[part] = reason;
    return { ready: Object.keys(notReady).length === 0, notReady };
  }
}

/** What the probe routes answer from. */
export interface ProbeSources {
  readiness: ServiceReadiness;
  metrics: MetricsRegistry;
  /** Extra readiness checks asked on each `/readyz` (e.g. the broker's Redis link): a reason when not ready. */
  checks?: Record<string, () => string | null>;
}

/**
 * Answers `/livez`, `/readyz` and `/metrics`; returns false for any other path (left to the caller).
 * `/livez` is 200 while the process runs; `/readyz` 200 or 503 with the parts not ready.
 */
export function answerProbe(
  req: IncomingMessage,
  res: ServerResponse,
  sources: ProbeSources,
): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/livez') {
    send(res, 200, { status: 'alive' });
    return true;
  }
  if (path === '/readyz') {
    const { ready, notReady } = sources.readiness.status();
    for (const [name, check] of Object.entries(sources.checks ?? {})) {
      const reason = check();
      if (reason) notReady[name] = reason;
    }
    const ok = ready && Object.keys(notReady).length === 0;
    send(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', notReady });
    return true;
  }
  if (path === '/metrics') {
    void sources.metrics.render().then(
      (text) => {
        res.writeHead(200, {
          'Content-Type': sources.metrics.contentType,
          'Cache-Control': 'no-store',
        });
        res.end(text);
      },
      (error: Error) => send(res, 500, { error: error.message }),
    );
    return true;
  }
  return false;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** A running probe listener. */
export interface ProbeServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the probe listener of a process without an API (broker, ingest): `/livez`, `/readyz`, `/metrics`. */
export async function startProbeServer(
  sources: ProbeSources,
  options: { port: number; host: string },
): Promise<ProbeServer> {
  const server = createServer((req, res) => {
    if (!answerProbe(req, res, sources))
      send(res, 404, { error: 'not found: /livez, /readyz and /metrics are served here' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Puts `/livez` and `/readyz` in front of an existing HTTP server's handler (the REST API's, beside
 * its `/health` and `/metrics`), without touching its router.
 */
export function attachProbes(server: Server, sources: ProbeSources): void {
  const handlers = server.listeners('request') as Array<
    (req: IncomingMessage, res: ServerResponse) => void
  >;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if ((path === '/livez' || path === '/readyz') && answerProbe(req, res, sources)) return;
    for (const handler of handlers) handler.call(server, req, res);
  });
}
