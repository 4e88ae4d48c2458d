import { createServer } from 'node:net';

/** Ports already handed out by this process, so two servers started together never share one. */
const handedOut = new Set<number>();

/**
 * Asks the OS for a free TCP port on 127.0.0.1 (bind to port 0, read it, close).
 *
 * Another process may still take the port between this call and the server binding it; the
 * start functions of this lib retry with a fresh port when the server reports "address in use".
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await bindEphemeral();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: the OS kept returning ports this process already handed out');
}

function bindEphemeral(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() =>
        port > 0 ? resolve(port) : reject(new Error('freePort: no port assigned')),
      );
    });
  });
}
