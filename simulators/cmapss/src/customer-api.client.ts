import type { ListResponse, TaskResponse, UserResponse } from '@hourglass/contracts-api';
import type { CustomerVoiceApi } from './customer-voice';
import { SimulatorError, errorMessage } from './simulator-error';

/** {@link CustomerVoiceApi} over HTTP with a customer user's token. */
export class CustomerApiClient implements CustomerVoiceApi {
  private readonly baseUrl: string;

  constructor(
    apiUrl: string,
    private readonly token: string,
  ) {
    this.baseUrl = apiUrl.replace(/\/+$/, '');
  }

  /**
   * Signs the customer up as a `customer` user of `tenantId` with an admin token, or, when the name
   * is taken, issues it a new token: its answers are then recorded under its own name.
   */
  static async signUp(options: {
    apiUrl: string;
    adminToken: string;
    name: string;
    tenantId: string;
  }): Promise<CustomerApiClient> {
    const admin = new CustomerApiClient(options.apiUrl, options.adminToken);
    const { name, tenantId } = options;
    const created = await admin.request('POST', '/api/users', { name, role: 'customer', tenantId });
    if (created.status !== 409) {
      const user = (await admin.body(created, 'POST /api/users')) as { token: string };
      return new CustomerApiClient(options.apiUrl, user.token);
    }
    const { items } = (await admin.body(
      await admin.request('GET', '/api/users?limit=1000'),
      'GET /api/users',
    )) as ListResponse<UserResponse>;
    const existing = items.find((u) => u.name === name && !u.disabledAt);
    if (!existing) throw new SimulatorError('API_REJECTED', `user ${name} is disabled`, false);
    const path = `/api/users/${encodeURIComponent(existing.id)}/token`;
    const user = (await admin.body(await admin.request('POST', path, {}), path)) as {
      token: string;
    };
    return new CustomerApiClient(options.apiUrl, user.token);
  }

  async completedOrders(): Promise<TaskResponse[]> {
    const path = '/api/tasks?status=DONE&limit=1000';
    return ((await this.body(await this.request('GET', path), path)) as ListResponse<TaskResponse>)
      .items;
  }

  async answer(taskId: string, score: number): Promise<'ANSWERED' | 'ALREADY' | 'REFUSED'> {
    const res = await this.request('POST', '/api/nps', { taskId, score });
    if (res.status === 409) return 'ALREADY';
    if ([400, 403, 404].includes(res.status)) return 'REFUSED';
    await this.body(res, 'POST /api/nps');
    return 'ANSWERED';
  }

  private async body(res: Response, what: string): Promise<unknown> {
    const text = await res.text();
    if (res.status < 200 || res.status > 299)
      throw new SimulatorError(
        'API_REJECTED',
        `HTTP ${res.status} ${what}: ${text.slice(0, 200)}`,
        res.status >= 500 || res.status === 429,
      );
    return text ? JSON.parse(text) : null;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    try {
      return await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      throw new SimulatorError(
        'API_UNREACHABLE',
        `${method} ${path}: ${errorMessage(error)}`,
        true,
        {
          cause: error,
        },
      );
    }
  }
}
