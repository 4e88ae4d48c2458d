import {
  createServer,
  request,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import {
  handleShimControl,
  readBody,
  SHIM_CONTROL_PREFIX,
  type InfluxShimState,
} from './influx-compat-shim.control';
import { injectedAnswer } from './influx-compat-shim.faults';
import { countLines, InfluxWriteLog, tokenOf } from './influx-compat-shim.write-log';
import { toV2ErrorBody, translateV2Write } from './influx-v2-write-translation';

/** Options of {@link createInfluxCompatShim}. */
export interface InfluxCompatShimOptions {
  /** Port of influxd's v1 HTTP API on 127.0.0.1. */
  upstreamPort: number;
  /** Receives one line per failed request (default: none). */
  log?: (line: string) => void;
}

/** Request headers forwarded to influxd; Authorization is dropped (1.6 knows no `Token` scheme). */
const FORWARDED_HEADERS = [
  'content-type',
  'content-encoding',
  'content-length',
  'accept',
  'accept-encoding',
];

/**
 * An HTTP server that gives InfluxDB 1.6 the v2 write API of `@influxdata/influxdb-client`:
 *
 * - `POST /api/v2/write?org=..&bucket=db/rp&precision=ns|us|ms|s` -> `POST /write?db=db&rp=rp&precision=n|u|ms|s`,
 *   body and Content-Encoding (gzip) passed through, status passed through, v1 error bodies
 *   rewritten as v2 ones (`{"code","message"}`); any token is accepted.
 * - `GET /health` -> 200 `{"status":"pass"}` while influxd answers `/ping`, else 503 `"fail"`.
 * - `/ping` and `/query` -> passed through unchanged.
 * - While influxd is down (connection refused or reset) every forwarded request gets
 *   503 `{"code":"unavailable"}` without Retry-After, which the client retries with its backoff.
 * - Faults a test sets on `/_shim/faults` (latency, an error status with Retry-After) apply to
 *   writes, and every write is logged on `/_shim/writes` (see influx-compat-shim.control.ts).
 */
export function createInfluxCompatShim(options: InfluxCompatShimOptions): Server {
  const log = options.log ?? (() => undefined);
  const state: InfluxShimState = { faults: {}, writes: new InfluxWriteLog() };
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shim');
    const route = `${req.method} ${url.pathname}`;
    const reply = (status: number, body: string) => {
      if (status >= 400) log(`${route} -> ${status} ${body}`);
      sendJson(res, status, body);
    };
    if (route === 'POST /api/v2/write') {
      const translation = translateV2Write(url.searchParams);
      if (!translation.ok) {
        req.resume();
        return reply(
          translation.status,
          JSON.stringify({ code: translation.code, message: translation.message }),
        );
      }
      return write(state, options.upstreamPort, req, res, translation.path, reply);
    }
    if (url.pathname.startsWith(SHIM_CONTROL_PREFIX)) {
      return handleShimControl(state, req, route, (status, body) => sendJson(res, status, body));
    }
    if (route === 'GET /health') return health(options.upstreamPort, reply);
    if (url.pathname === '/ping' || url.pathname === '/query') {
      return forward(options.upstreamPort, req, res, `${url.pathname}${url.search}`, {
        v2Errors: false,
        onError: reply,
      });
    }
    req.resume();
    if (url.pathname === '/api/v2/query') {
      return reply(
        501,
        JSON.stringify({
          code: 'not implemented',
          message: 'no Flux on InfluxDB 1.6: use InfluxQL on /query',
        }),
      );
    }
    return reply(
      404,
      JSON.stringify({
        code: 'not found',
        message: `the compatibility shim has no route ${route}`,
      }),
    );
  });
}

interface ForwardOptions {
  /** Rewrite error bodies in the v2 shape. */
  v2Errors: boolean;
  onError: (status: number, body: string) => void;
  /** The whole request body, already read (default: the request is piped upstream). */
  body?: Buffer;
  /** Told the status of an answer passed through unchanged. */
  onPassThrough?: (status: number) => void;
}

/**
 * A v2 write: the body is read whole and logged, the faults in force when it arrived are applied
 * (latency, then an injected status), and otherwise it is forwarded. A write whose client leaves
 * during the latency still reaches influxd, as a write the server took before the client crashed.
 */
function write(
  state: InfluxShimState,
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  reply: (status: number, body: string) => void,
): void {
  const faults = state.faults;
  readBody(req).then(
    (body) => {
      const latencyMs = faults.latencyMs ?? 0;
      const answer = injectedAnswer(faults);
      const record = state.writes.received({
        lines: countLines(body, req.headers['content-encoding']),
        token: tokenOf(req.headers.authorization),
        injected: latencyMs > 0 || answer !== undefined,
      });
      const done = (status: number) => state.writes.answered(record, status);
      const go = () => {
        if (answer) {
          done(answer.status);
          return sendJson(res, answer.status, answer.body, answer.headers);
        }
        forward(port, req, res, path, {
          v2Errors: true,
          body,
          onPassThrough: done,
          onError: (status, errorBody) => {
            done(status);
            reply(status, errorBody);
          },
        });
      };
      if (latencyMs > 0) setTimeout(go, latencyMs);
      else go();
    },
    () => res.destroy(), // the client left before its body was complete: nothing to forward
  );
}

function forward(
  port: number,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  options: ForwardOptions,
): void {
  const headers: OutgoingHttpHeaders = {};
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  // A fresh connection per request: a kept-alive socket to a killed influxd would fail the next write.
  const upstream = request(
    { host: '127.0.0.1', port, method: req.method, path, headers, agent: false },
    (answer) => {
      const status = answer.statusCode ?? 502;
      if (options.v2Errors && status >= 400) {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () =>
          options.onError(status, toV2ErrorBody(status, Buffer.concat(chunks).toString('utf8'))),
        );
        answer.on('error', () =>
          options.onError(
            503,
            JSON.stringify({ code: 'unavailable', message: 'influxd closed the connection' }),
          ),
        );
        return;
      }
      options.onPassThrough?.(status);
      res.writeHead(status, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (!options.body) req.resume();
    if (res.headersSent) return void res.destroy(error);
    options.onError(
      503,
      JSON.stringify({
        code: 'unavailable',
        message: `InfluxDB is not reachable: ${error.code ?? error.message}`,
      }),
    );
  });
  if (options.body) upstream.end(options.body);
  else req.pipe(upstream);
}

function health(port: number, reply: (status: number, body: string) => void): void {
  const body = (status: 'pass' | 'fail', message: string, version = '') =>
    JSON.stringify({ name: 'influxdb', message, status, checks: [], version });
  const ping = request(
    { host: '127.0.0.1', port, method: 'GET', path: '/ping', agent: false, timeout: 2_000 },
    (answer) => {
      answer.resume();
      const version = String(answer.headers['x-influxdb-version'] ?? '');
      if (answer.statusCode === 204)
        reply(200, body('pass', 'ready for queries and writes', version));
      else reply(503, body('fail', `influxd answered /ping with ${answer.statusCode}`, version));
    },
  );
  ping.on('timeout', () => ping.destroy(new Error('ping timed out')));
  ping.on('error', (error: NodeJS.ErrnoException) =>
    reply(503, body('fail', `influxd is not reachable: ${error.code ?? error.message}`)),
  );
  ping.end();
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
