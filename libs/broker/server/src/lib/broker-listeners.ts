import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream } from 'ws';

/** How a connection reached the broker (the `transport` label of `hg_broker_connections`). */
export type BrokerTransport = 'tcp' | 'tls' | 'ws';

/** What is known about a connection before any MQTT byte is read. */
export interface AcceptedConnection {
  stream: Duplex;
  ip: string;
  transport: BrokerTransport;
  /** The device id from a verified client certificate (its CN), on the TLS listener. */
  certificateDeviceId?: string;
}

/** TLS listener settings: PEM server certificate and key, and the CA that signs device certificates. */
export interface BrokerTlsOptions {
  port: number;
  cert: string | Buffer;
  key: string | Buffer;
  /** CA of device certificates; a device presenting one it signed may connect without a password (mTLS). */
  ca?: string | Buffer;
}

type Accept = (connection: AcceptedConnection) => void;
type Listening = NetServer | HttpServer;

export async function listen(server: Listening, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

/**
 * MQTT over TCP. `noDelay` turns Nagle off: a PUBACK followed by the forwarded PUBLISH then no
 * longer waits ~40 ms for the client's delayed ACK (round trips of a single device drop from ~90 ms
 * to under 1 ms), at the price of more segments under load (mqtt-packet already corks each packet).
 */
export function tcpListener(accept: Accept, noDelay: boolean): NetServer {
  return createNetServer({ noDelay }, (socket: Socket) =>
    accept({ stream: socket, ip: socket.remoteAddress ?? 'unknown', transport: 'tcp' }),
  );
}

/**
 * MQTT over TLS. With a CA, a client certificate is requested; one that verifies names the device
 * in its subject CN. A client without one may still log in with its password.
 */
export function tlsListener(
  options: BrokerTlsOptions,
  handshakeTimeoutMs: number,
  noDelay: boolean,
  accept: Accept,
): NetServer {
  const server = createTlsServer(
    {
      cert: options.cert,
      key: options.key,
      ca: options.ca,
      requestCert: Boolean(options.ca),
      rejectUnauthorized: false,
      handshakeTimeout: handshakeTimeoutMs,
    },
    (socket: TLSSocket) => {
      socket.setNoDelay(noDelay);
      const cn = socket.authorized ? socket.getPeerCertificate()?.subject?.CN : undefined;
      accept({
        stream: socket,
        ip: socket.remoteAddress ?? 'unknown',
        transport: 'tls',
        certificateDeviceId: typeof cn === 'string' ? cn : undefined,
      });
    },
  );
  server.on('tlsClientError', (_error: Error, socket: TLSSocket) => socket.destroy());
  return server;
}

/** MQTT over WebSocket (subprotocol `mqtt`), frames bounded by the packet limit. */
export function webSocketListener(maxPacketBytes: number, accept: Accept): HttpServer {
  const http = createHttpServer((_req, res) =>
    res.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket only\n'),
  );
  // A WebSocket frame carries at most one MQTT packet plus framing slack.
  const wss = new WebSocketServer({
    server: http,
    maxPayload: maxPacketBytes + 16,
    handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
  });
  wss.on('connection', (ws, req) => {
    const stream = createWebSocketStream(ws);
    stream.on('error', () => ws.terminate());
    accept({ stream, ip: req.socket.remoteAddress ?? 'unknown', transport: 'ws' });
  });
  http.on('close', () => wss.close());
  return http;
}
