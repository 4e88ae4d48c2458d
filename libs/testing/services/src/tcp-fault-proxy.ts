import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './free-port';
import { DelayedStream, type ChunkFate } from './tcp-fault-proxy.stream';

/**
 * How the proxy degrades a healthy connection's stream, in both directions. TCP over loopback never
 * loses a segment, and a byte dropped from a TCP stream would corrupt the protocol above it (a
 * real network's loss never does: TCP retransmits), so loss is emulated as what the endpoints see
 * of it: each chunk read from one side is "lost" with probability `lossRate` and then arrives only
 * after a retransmission timeout (`retransmitMs`, doubled for each further loss of the same chunk,
 * as TCP backs off), stalling everything behind it; a chunk lost `resetAfterLosses` times in a row
 * resets the connection (both sides destroyed), as a sender whose retransmissions all fail gives up.
 */
export interface TcpFaults {
  /** One-way delay added to every chunk (ms, default 0). */
  latencyMs?: number;
  /** Probability (0-1) that a chunk is lost once (default 0). */
  lossRate?: number;
  /** Stall of the first retransmission of a lost chunk (ms, default 200: Linux's minimum RTO). */
  retransmitMs?: number;
  /** Consecutive losses of one chunk after which the connection is reset (default 3). */
  resetAfterLosses?: number;
  /** Seed of the loss draws, so a run can be repeated (default: random). */
  seed?: number;
}

/** What the proxy saw and did since it started. */
export interface TcpFaultProxyStats {
  connections: number;
  chunks: number;
  /** Chunks that were lost at least once (and stalled). */
  lost: number;
  /** Connections reset by the loss emulation. */
  resets: number;
  /** Connections accepted while black-holing. */
  blackHoled: number;
}

type Mode = 'pass' | 'blackhole' | 'refuse';

/**
 * A TCP proxy on a fixed loopback port in front of a server, for outages as clients see them:
 * `refuse()` cuts every connection and stops listening (connections refused); `blackhole()` keeps
 * accepting but never forwards or answers a byte (the client's timeout has to fire); `restore()`
 * forwards again on the same port. `faults()` degrades forwarded connections (latency, loss; see
 * {@link TcpFaults}).
 */
export class TcpFaultProxy {
  readonly stats: TcpFaultProxyStats = {
    connections: 0,
    chunks: 0,
    lost: 0,
    resets: 0,
    blackHoled: 0,
  };
  private server?: Server;
  private mode: Mode = 'pass';
  private settings: Required<Omit<TcpFaults, 'seed'>> = defaults();
  private random: () => number = Math.random;
  private readonly sockets = new Set<Socket>();
  /** Connections that dropped bytes: their streams are corrupt, so restore() destroys them. */
  private readonly poisoned = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly targetPort: number,
  ) {}

  /** Starts forwarding 127.0.0.1:`port` (default: a free one) to 127.0.0.1:`targetPort`. */
  static async start(targetPort: number, port?: number): Promise<TcpFaultProxy> {
    const proxy = new TcpFaultProxy(port ?? (await freePort()), targetPort);
    await proxy.listen();
    return proxy;
  }

  /** `scheme://127.0.0.1:port`, e.g. `url('http')` or `url('mqtt')`. */
  url(scheme: string): string {
    return `${scheme}://127.0.0.1:${this.port}`;
  }

  /** Replaces the degradation of forwarded connections (`{}`: none). */
  faults(faults: TcpFaults): void {
    this.settings = { ...defaults(), ...faults };
    this.random = faults.seed === undefined ? Math.random : seededRandom(faults.seed);
  }

  /** Outage: every connection cut, the port closed (connects are refused). */
  async refuse(): Promise<void> {
    this.mode = 'refuse';
    for (const socket of this.sockets) socket.destroy();
    await this.unlisten();
  }

  /** Outage: connections accepted, nothing forwarded or answered, on new and open connections alike. */
  async blackhole(): Promise<void> {
    this.mode = 'blackhole';
    await this.listen();
  }

  /** Forwards again (on the same port); connections that lost bytes while black-holed are cut. */
  async restore(): Promise<void> {
    this.mode = 'pass';
    for (const socket of this.poisoned) socket.destroy();
    this.poisoned.clear();
    await this.listen();
  }

  async stop(): Promise<void> {
    await this.refuse();
  }

  private async listen(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  private async unlisten(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.poisoned.delete(socket);
    });
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.mode === 'blackhole') {
      this.stats.blackHoled++;
      this.poisoned.add(client);
      client.resume(); // read and discard: the sender sees its writes succeed, and no answer
      return;
    }
    this.stats.connections++;
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.track(upstream);
    const reset = () => {
      this.stats.resets++;
      client.destroy();
      upstream.destroy();
    };
    const toUpstream = this.pipe(client, upstream, reset);
    const toClient = this.pipe(upstream, client, reset);
    client.on('close', () => toUpstream.endAfterQueued());
    upstream.on('close', () => toClient.endAfterQueued());
  }

  private pipe(from: Socket, to: Socket, reset: () => void): DelayedStream {
    const out = new DelayedStream(to);
    from.on('data', (chunk: Buffer) => {
      if (this.mode === 'blackhole') {
        this.poisoned.add(from).add(to);
        return;
      }
      const fate = this.fate();
      if (fate === 'reset') return reset();
      out.push(chunk, fate.delayMs);
    });
    return out;
  }

  /** Draws what happens to one chunk: its delay, or a reset. */
  private fate(): ChunkFate {
    const { latencyMs, lossRate, retransmitMs, resetAfterLosses } = this.settings;
    this.stats.chunks++;
    let stall = 0;
    let losses = 0;
    while (lossRate > 0 && this.random() < lossRate) {
      if (++losses >= resetAfterLosses) return 'reset';
      stall += retransmitMs * 2 ** (losses - 1);
    }
    if (losses > 0) this.stats.lost++;
    return { delayMs: latencyMs + stall };
  }
}

function defaults(): Required<Omit<TcpFaults, 'seed'>> {
  return { latencyMs: 0, lossRate: 0, retransmitMs: 200, resetAfterLosses: 3 };
}

/** mulberry32: a small seeded generator, so a flaky-looking run can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
