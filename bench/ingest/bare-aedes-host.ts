// The bare-aedes references of the ingest bench, in a process of their own: aedes as
// `Aedes.createBroker()` makes it, on the same kind of TCP listener as the platform's broker.
// node tools/run.js bench/ingest/bare-aedes-host.ts
import { createServer, type Server } from 'node:net';
import { Aedes, type AuthorizePublishHandler } from 'aedes';
import { serveCalls } from '../support/child-host';
import { processMemory } from './process-memory';

/**
 * forwarding: no hooks at all (the generator's subscriber receives every message);
 * in-process: an `authorizePublish` hook that counts each device message and lets aedes acknowledge
 * it at once, where the platform's broker hands the message to ingest before its PUBACK.
 */
export type BareAedesMode = 'forwarding' | 'in-process';

let broker: Aedes | undefined;
let server: Server | undefined;
let handled = 0;

const countAndAcknowledge: AuthorizePublishHandler = (_client, _packet, done) => {
  handled++;
  done(null);
};

async function start(params: { mode?: BareAedesMode }): Promise<{ url: string }> {
  broker = await Aedes.createBroker(
    params.mode === 'in-process' ? { authorizePublish: countAndAcknowledge } : {},
  );
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
  handled: () => handled,
  stop: async () => {
    if (broker) await new Promise<void>((resolve) => broker?.close(() => resolve()));
    server?.close();
  },
});
