import { connect as tcpConnect, isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { createWebSocketStream, WebSocket } from 'ws';

/** How the subscriber reaches its broker beyond the URL. */
export interface MqttTransportOptions {
  /** PEM of the CA(s) to trust for `mqtts://` and `wss://` (default: Node's root certificates). */
  ca?: string | Buffer;
}

/** One connection to a broker: the byte stream, and when it can carry the CONNECT. */
export interface MqttTransport {
  stream: Duplex;
  onOpen(listener: () => void): void;
}

const DEFAULT_PORTS: Record<string, number> = {
  'mqtt:': 1883,
  'tcp:': 1883,
  'mqtts:': 8883,
  'ssl:': 8883,
  'tls:': 8883,
  'ws:': 80,
  'wss:': 443,
};

/** The schemes {@link openMqttTransport} understands. */
export const MQTT_URL_SCHEMES = Object.keys(DEFAULT_PORTS);

/**
 * Opens `mqtt://` (TCP), `mqtts://` (TLS, the server's certificate verified against `ca` or the
 * system roots) or `ws://` / `wss://` (MQTT over WebSocket, subprotocol `mqtt`). Throws for any
 * other scheme, naming it.
 */
export function openMqttTransport(url: URL, options: MqttTransportOptions = {}): MqttTransport {
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined)
    throw new Error(
      `unsupported MQTT URL scheme ${url.protocol} (use ${MQTT_URL_SCHEMES.join(', ')})`,
    );
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = Number(url.port || defaultPort);
  if (url.protocol === 'ws:' || url.protocol === 'wss:') {
    const socket = new WebSocket(url, 'mqtt', { ca: options.ca });
    return {
      stream: createWebSocketStream(socket),
      onOpen: (listener) => socket.once('open', listener),
    };
  }
  if (defaultPort === 8883) {
    // SNI only for host names (RFC 6066 §3 forbids IP literals); the certificate is checked either way.
    const socket = tlsConnect({
      host,
      port,
      ca: options.ca,
      servername: isIP(host) ? undefined : host,
    });
    socket.setNoDelay(true);
    return { stream: socket, onOpen: (listener) => socket.once('secureConnect', listener) };
  }
  const socket = tcpConnect({ host, port });
  socket.setNoDelay(true);
  return { stream: socket, onOpen: (listener) => socket.once('connect', listener) };
}
