// Reference 1 of the ingest bench, in a process of its own: aedes with no hooks at all.
// node tools/run.js bench/ingest/bare-aedes-host.ts
import { createServer, type Server } from 'node:net';
import { Aedes } from 'aedes';
import { serveCalls } from '../support/child-host';
import { processMemory } from './process-memory';

let broker: Aedes | undefined;
let server: Server | undefined;

async function start(): Promise<{ url: string }> {
  broker = await Aedes.createBroker();
  const tcp = createServer(broker.handle);
  server = tcp;
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const address = tcp.address();
  return { url: `mqtt://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

serveCalls({
  start,
  memory: () => processMemory(),
  cpu: () => process.cpuUsage(),
  stop: async () => {
    if (broker) await new Promise<void>((resolve) => broker?.close(() => resolve()));
    server?.close();
  },
});
