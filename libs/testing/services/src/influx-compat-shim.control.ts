import type { IncomingMessage } from 'node:http';
import { parseInfluxFaults, type InfluxFaults } from './influx-compat-shim.faults';
import type { InfluxWriteLog } from './influx-compat-shim.write-log';

/** What a test can change in a running shim: the faults in force and the log of writes. */
export interface InfluxShimState {
  faults: InfluxFaults;
  readonly writes: InfluxWriteLog;
}

/** Path prefix of the control endpoint; InfluxDB has no route under it. */
export const SHIM_CONTROL_PREFIX = '/_shim/';

const MAX_CONTROL_BODY = 64 * 1024;

/**
 * The test's control endpoint on the shim:
 *
 * - `GET /_shim/faults` -> the faults in force; `PUT /_shim/faults` with an {@link InfluxFaults}
 *   document replaces them (`{}` turns every fault off) and answers the new ones.
 * - `GET /_shim/writes` -> the write log (`InfluxWriteRecord[]`, oldest first).
 */
export function handleShimControl(
  state: InfluxShimState,
  req: IncomingMessage,
  route: string,
  reply: (status: number, body: string) => void,
): void {
  if (route === 'GET /_shim/faults') {
    req.resume();
    return reply(200, JSON.stringify(state.faults));
  }
  if (route === 'GET /_shim/writes') {
    req.resume();
    return reply(200, JSON.stringify(state.writes.list()));
  }
  if (route === 'PUT /_shim/faults') {
    readBody(req, MAX_CONTROL_BODY).then(
      (body) => {
        let document: unknown;
        try {
          document = JSON.parse(body.toString('utf8'));
        } catch {
          return reply(400, JSON.stringify({ code: 'invalid', message: 'faults must be JSON' }));
        }
        const parsed = parseInfluxFaults(document);
        if (!parsed.ok)
          return reply(400, JSON.stringify({ code: 'invalid', message: parsed.message }));
        state.faults = parsed.faults;
        reply(200, JSON.stringify(state.faults));
      },
      (error: Error) => reply(400, JSON.stringify({ code: 'invalid', message: error.message })),
    );
    return;
  }
  req.resume();
  reply(404, JSON.stringify({ code: 'not found', message: `no control route ${route}` }));
}

/** Reads a whole request body (at most `limit` bytes). */
export function readBody(req: IncomingMessage, limit = Number.POSITIVE_INFINITY): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new Error(`body larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('aborted', () => reject(new Error('the client aborted the request')));
    req.once('error', reject);
  });
}
