import { join, resolve } from 'node:path';
import { SupervisedProcess } from './process-supervisor';
import { ServiceStartError } from './service-start.error';
import { waitFor } from './wait-for';

/** The repository's TypeScript loader (SWC), so the shim runs from source like the CLIs do. */
const REGISTER = resolve(__dirname, '../../../../tools/register.js');
const ENTRY = join(__dirname, 'influx-compat-shim.main.ts');

/** The shim's process and the URL it answers on. */
export interface InfluxCompatShimProcess {
  url: string;
  port: number;
  process: SupervisedProcess;
}

/**
 * Starts the compatibility shim as a separate Node process in front of influxd's `upstreamPort`,
 * so it keeps answering (503 while influxd is down) whatever the test's own event loop is doing.
 */
export async function startInfluxCompatShim(
  dir: string,
  upstreamPort: number,
): Promise<InfluxCompatShimProcess> {
  const logFile = join(dir, 'shim.log');
  const env = { ...process.env };
  delete env['NODE_OPTIONS']; // e.g. an --inspect meant for the test process
  const child = SupervisedProcess.spawn({
    name: 'influx-compat-shim',
    command: process.execPath,
    args: ['-r', REGISTER, ENTRY, String(upstreamPort)],
    logFile,
    env,
    ipc: true,
  });
  let port = 0;
  child.child.on('message', (message: { type?: string; port?: number }) => {
    if (message.type === 'listening' && message.port) port = message.port;
  });
  try {
    await waitFor(() => port > 0, {
      timeoutMs: 30_000,
      intervalMs: 10,
      what: 'the InfluxDB compatibility shim to listen',
      failFast: () => (child.running ? undefined : new Error(`the shim ${child.exitDescription}`)),
    });
  } catch (cause) {
    await child.kill();
    throw new ServiceStartError('influxdb', 'PROCESS_EXITED', (cause as Error).message, {
      logFile,
      logTail: child.logTail(),
      cause,
    });
  }
  child.child.channel?.unref();
  return { url: `http://127.0.0.1:${port}`, port, process: child };
}
