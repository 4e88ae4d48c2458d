import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { DeviceCredentials } from '../device-provisioning.client';

/** A request received by {@link FakeDeviceApi}. */
export interface ApiRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** Options of {@link FakeDeviceApi.start}. */
export interface FakeDeviceApiOptions {
  token: string;
  /** Told about every issued password before the answer is sent (e.g. `TestBroker.allow`). */
  onIssue: (deviceId: string, credentials: DeviceCredentials) => Promise<void>;
  /** Ids that exist already (POST /api/devices answers 409). */
  existing?: string[];
  /** Hand out passwords the broker will not accept. */
  wrongPasswords?: boolean;
}

/**
 * Stands in for the platform's `POST /api/devices` and `POST /api/devices/{id}/credentials` in
 * the simulator's integration tests (the real API is tested with the platform).
 */
export class FakeDeviceApi {
  readonly requests: ApiRequest[] = [];
  private readonly existing: Set<string>;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeDeviceApiOptions,
  ) {
    this.existing = new Set(options.existing ?? []);
    server.on('request', (req, res) => void this.handle(req, res));
  }

  static async start(options: FakeDeviceApiOptions): Promise<FakeDeviceApi> {
    const server = createServer();
    const api = new FakeDeviceApi(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return api;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let text = '';
    for await (const chunk of req) text += chunk;
    const path = req.url ?? '';
    const authorization = req.headers.authorization;
    this.requests.push({
      method: req.method ?? '',
      path,
      authorization,
      body: text ? JSON.parse(text) : undefined,
    });
    if (authorization !== `Bearer ${this.options.token}`)
      return send(res, 401, { message: 'Unauthorized' });
    const rotate = /^\/api\/devices\/([^/]+)\/credentials$/.exec(path);
    if (req.method === 'POST' && path === '/api/devices') {
      const { id, type } = JSON.parse(text) as { id: string; type: string };
      if (this.existing.has(id)) return send(res, 409, { message: `device ${id} exists` });
      this.existing.add(id);
      return send(res, 201, { id, type, tenantId: 'tenant-1', credentials: await this.issue(id) });
    }
    if (req.method === 'POST' && rotate && this.existing.has(decodeURIComponent(rotate[1]))) {
      return send(res, 201, { credentials: await this.issue(decodeURIComponent(rotate[1])) });
    }
    send(res, 404, { message: 'Not Found' });
  }

  private async issue(deviceId: string): Promise<DeviceCredentials> {
    const credentials = { username: deviceId, password: randomBytes(8).toString('hex') };
    const known = this.options.wrongPasswords
      ? { ...credentials, password: 'something else' }
      : credentials;
    await this.options.onIssue(deviceId, known);
    return credentials;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
