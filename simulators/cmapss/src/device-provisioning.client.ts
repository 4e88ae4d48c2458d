import { SimulatorError, errorMessage } from './simulator-error';

/** MQTT credentials issued by the platform for one device. */
export interface DeviceCredentials {
  username: string;
  password: string;
}

/** Options of {@link DeviceProvisioningClient}. */
export interface DeviceProvisioningClientOptions {
  /** Base URL of the platform, e.g. `http://127.0.0.1:8080`. */
  apiUrl: string;
  /** Bearer token allowed to create devices. */
  token: string;
  /** Device type sent on creation (default `turbofan`). */
  deviceType?: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** HTTP implementation (default the global `fetch`). */
  fetch?: typeof fetch;
}

/**
 * Gets MQTT credentials for a device through the public REST API: creates it with
 * `POST /api/devices`, or, when it exists already (409), issues new credentials with
 * `POST /api/devices/{id}/credentials` (the password is shown only once, so it cannot be read back).
 */
export class DeviceProvisioningClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: DeviceProvisioningClientOptions) {
    this.baseUrl = options.apiUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
  }

  /** Credentials for `deviceId`, creating the device when needed. */
  async provision(deviceId: string): Promise<DeviceCredentials> {
    const type = this.options.deviceType ?? 'turbofan';
    const created = await this.post('/api/devices', { id: deviceId, type });
    if (created.status === 409) {
      const path = `/api/devices/${encodeURIComponent(deviceId)}/credentials`;
      const rotated = await this.post(path, {});
      return this.credentialsOf(rotated, `rotating the credentials of ${deviceId}`);
    }
    return this.credentialsOf(created, `creating device ${deviceId}`);
  }

  private async post(path: string, body: unknown): Promise<Response> {
    const url = `${this.baseUrl}${path}`;
    try {
      return await this.fetchImpl(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${this.options.token}`,
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const reason = describeFetchError(error);
      throw new SimulatorError(
        'API_UNREACHABLE',
        `cannot reach the API at ${url}: ${reason}`,
        true,
        {
          cause: error,
        },
      );
    }
  }

  private async credentialsOf(response: Response, what: string): Promise<DeviceCredentials> {
    const text = await response.text();
    if (response.status === 401 || response.status === 403) {
      throw new SimulatorError(
        'API_UNAUTHORIZED',
        `the API refused the token (${response.status}) when ${what}: pass --token or set HG_ADMIN_TOKEN`,
        false,
      );
    }
    if (response.status !== 200 && response.status !== 201) {
      const retryable = response.status >= 500 || response.status === 429;
      const detail = text.slice(0, 200);
      throw new SimulatorError(
        'API_REJECTED',
        `${what} failed: HTTP ${response.status} ${detail}`,
        retryable,
      );
    }
    const credentials = parseCredentials(text);
    if (!credentials) {
      throw new SimulatorError(
        'API_REJECTED',
        `${what}: the answer has no credentials.username/password`,
        false,
      );
    }
    return credentials;
  }
}

function parseCredentials(text: string): DeviceCredentials | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const credentials = (body as { credentials?: unknown } | null)?.credentials;
  if (typeof credentials !== 'object' || credentials === null) return undefined;
  const { username, password } = credentials as Record<string, unknown>;
  if (typeof username !== 'string' || typeof password !== 'string') return undefined;
  return { username, password };
}

function describeFetchError(error: unknown): string {
  const { name, cause } = (error ?? {}) as { name?: unknown; cause?: unknown };
  if (name === 'TimeoutError') return 'no answer (timed out)';
  if (cause !== undefined && cause !== null) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} (${errorMessage(cause)})` : errorMessage(cause);
  }
  return errorMessage(error);
}
