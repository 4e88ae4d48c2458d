import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { DeviceCredentials } from '../device-provisioning.client';
import { BrokerCommand, BrokerReport } from './test-broker.protocol';

/** A publish seen by the broker from a client. */
export interface CapturedPublish {
  clientId: string;
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Command = WithoutId<Exclude<BrokerCommand, { type: 'close' }>>;

/**
 * An aedes broker on a free loopback port for integration tests, run in a child process (see
 * test-broker.protocol.ts). Publishes reach {@link published} asynchronously: wait for them.
 */
export class TestBroker {
  readonly published: CapturedPublish[] = [];
  connectedClients = 0;
  private nextId = 1;
  private readonly pending = new Map<number, () => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: BrokerReport) => {
      if (message.type === 'publish') {
        const { clientId, topic, payload, qos, retain } = message;
        this.published.push({ clientId, topic, payload, qos, retain });
      } else if (message.type === 'clients') {
        this.connectedClients = message.count;
      } else if (message.type === 'done') {
        this.pending.get(message.id)?.();
        this.pending.delete(message.id);
      }
    });
  }

  /** Starts a broker; with `checkCredentials`, only clients {@link allow}ed may connect. */
  static async start(checkCredentials: boolean): Promise<TestBroker> {
    const runner = join(__dirname, '..', '..', '..', '..', 'tools', 'run.js');
    const child = fork(
      runner,
      [join(__dirname, 'test-broker.process.ts'), checkCredentials ? 'auth' : 'open'],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`test broker exited with ${code}`)));
      child.on('message', (message: BrokerReport) => {
        if (message.type === 'ready') resolve(message.port);
      });
    });
    child.removeAllListeners('exit');
    return new TestBroker(child, `mqtt://127.0.0.1:${port}`);
  }

  /** Lets `clientId` connect with these credentials; resolves once the broker knows. */
  allow(clientId: string, credentials: DeviceCredentials): Promise<void> {
    return this.send({ type: 'allow', clientId, ...credentials });
  }

  /** Drops a client's connection from the broker side. */
  disconnect(clientId: string): Promise<void> {
    return this.send({ type: 'disconnect', clientId });
  }

  /** Publishes seen on `topic`, in arrival order. */
  on(topic: string): CapturedPublish[] {
    return this.published.filter((p) => p.topic === topic);
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ type: 'close', id: 0 } satisfies BrokerCommand);
    await exited;
  }

  private send(command: Command): Promise<void> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.child.send({ ...command, id } as BrokerCommand);
    });
  }
}
