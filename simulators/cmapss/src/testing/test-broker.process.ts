// Child process of TestBroker: an aedes broker on a free loopback port, reporting over IPC.
// Argument: `auth` to accept only clients whose credentials were allowed, `open` to accept all.
import { createServer } from 'node:net';
import { AddressInfo } from 'node:net';
import { Aedes, AuthenticateError } from 'aedes';
import { BrokerCommand, BrokerReport } from './test-broker.protocol';

const report = (message: BrokerReport) => process.send?.(message);

async function main(checkCredentials: boolean): Promise<void> {
  const allowed = new Map<string, { username: string; password: string }>();
  const aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      const expected = allowed.get(client.id);
      const ok =
        expected && username === expected.username && password?.toString() === expected.password;
      if (!checkCredentials || ok) return done(null, true);
      const error = Object.assign(new Error('bad username or password'), { returnCode: 4 });
      return done(error as AuthenticateError, false);
    },
  });
  const clients = new Map<string, { close: () => void }>();
  aedes.on('client', (client) => clients.set(client.id, client));
  aedes.on('clientReady', () => report({ type: 'clients', count: aedes.connectedClients }));
  aedes.on('clientDisconnect', () => report({ type: 'clients', count: aedes.connectedClients }));
  aedes.on('publish', (packet, client) => {
    if (!client) return;
    const { topic, payload, qos, retain } = packet;
    report({
      type: 'publish',
      clientId: client.id,
      topic,
      payload: payload.toString(),
      qos,
      retain,
    });
  });
  const server = createServer(aedes.handle);
  process.on('message', (command: BrokerCommand) => {
    if (command.type === 'allow') {
      allowed.set(command.clientId, { username: command.username, password: command.password });
    } else if (command.type === 'disconnect') {
      clients.get(command.clientId)?.close();
    } else {
      aedes.close(() => server.close(() => process.exit(0)));
      return;
    }
    report({ type: 'done', id: command.id });
  });
  process.on('disconnect', () => process.exit(0));
  server.listen(0, '127.0.0.1', () =>
    report({ type: 'ready', port: (server.address() as AddressInfo).port }),
  );
}

main(process.argv[2] === 'auth').catch((error: unknown) => {
  process.stderr.write(`test broker: ${String(error)}\n`);
  process.exit(1);
});
