import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { AssetResponse } from '@hourglass/contracts-api';
import { yearOfHourlyRows } from './console-fixture';
import { REFERENCE_PAGE } from './reference.page';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const DAY_MS = 86_400_000;

/** What the stub serves: the built console, canned API answers over `fleet`, the reference page. */
export interface ConsoleStubOptions {
  consoleDir: string;
  echartsFile: string;
  fleet: AssetResponse[];
  now: number;
}

function json(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function assetsPage(url: URL, fleet: AssetResponse[]) {
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 100), 1_000);
  const start = Number(url.searchParams.get('cursor') ?? 0);
  const items = fleet.slice(start, start + limit);
  return start + limit < fleet.length ? { items, nextCursor: String(start + limit) } : { items };
}

function telemetry(url: URL, id: string, now: number) {
  const from = Number(url.searchParams.get('from'));
  const to = Number(url.searchParams.get('to'));
  const year = to - from > 30 * DAY_MS;
  const rows = yearOfHourlyRows(now).filter((r) => year || r.ts >= from);
  return {
    assetId: id,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    resolution: '1h',
    items: rows,
  };
}

function api(req: IncomingMessage, res: ServerResponse, url: URL, o: ConsoleStubOptions): void {
  const path = url.pathname;
  if (path === '/api/me')
    return json(res, { name: 'bench', role: 'provider-admin', tenantId: null });
  if (path === '/api/assets') return json(res, assetsPage(url, o.fleet));
  if (path === '/api/events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(': bench\n\n');
    return;
  }
  const telemetryMatch = /^\/api\/assets\/([^/]+)\/telemetry$/.exec(path);
  if (telemetryMatch)
    return json(res, telemetry(url, decodeURIComponent(telemetryMatch[1]), o.now));
  const assetMatch = /^\/api\/assets\/([^/]+)$/.exec(path);
  if (assetMatch) {
    const asset = o.fleet.find((a) => a.id === decodeURIComponent(assetMatch[1]));
    if (asset) return json(res, asset);
    res.writeHead(404).end();
    return;
  }
  json(res, { items: [] });
}

function file(res: ServerResponse, path: string): void {
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  res.end(readFileSync(path));
}

/**
 * A loopback HTTP server standing in for the platform: the console's own build, the API answers
 * the fleet, asset and chart screens read (canned, so the figures are the browser's), and a bare
 * reference page with ECharts.
 */
export async function startConsoleStub(
  o: ConsoleStubOptions,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) return api(req, res, url, o);
    if (url.pathname === '/reference.html') {
      res.writeHead(200, { 'content-type': TYPES['.html'] });
      return res.end(REFERENCE_PAGE);
    }
    if (url.pathname === '/vendor/echarts.min.js') return file(res, o.echartsFile);
    const candidate = normalize(join(o.consoleDir, url.pathname));
    if (candidate.startsWith(o.consoleDir) && extname(candidate) && existsSync(candidate))
      return file(res, candidate);
    file(res, join(o.consoleDir, 'index.html'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
