/**
 * Entry point of the compatibility shim's own process (see influx-compat-shim.ts), run with
 * tools/register.js: `node -r tools/register.js influx-compat-shim.main.ts <upstreamPort> [port]`.
 * It listens on 127.0.0.1 (port 0 = any free port), reports `{ port }` over the IPC channel and
 * exits when that channel closes, i.e. when the test process is gone.
 */
import { createInfluxCompatShim } from './influx-compat-shim';

const [upstreamPort, port = '0'] = process.argv.slice(2).map((arg) => Number.parseInt(arg, 10));
if (!upstreamPort) {
  console.error('usage: influx-compat-shim.main.ts <upstreamPort> [port]');
  process.exit(2);
}

const server = createInfluxCompatShim({
  upstreamPort,
  log: (line) => console.log(`${new Date().toISOString()} ${line}`),
});
server.listen({ host: '127.0.0.1', port }, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : 0;
  console.log(
    `${new Date().toISOString()} shim on 127.0.0.1:${bound} -> influxd on 127.0.0.1:${upstreamPort}`,
  );
  process.send?.({ type: 'listening', port: bound });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
