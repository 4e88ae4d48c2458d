import type {
  CaseSuggestionResponse,
  ContractDetailResponse,
  FailureCodeResponse,
  ListResponse,
  TaskPatchRequest,
  TaskResponse,
  UserResponse,
  UserWithTokenResponse,
} from '@hourglass/contracts-api';
import { SimulatorError, errorMessage } from './simulator-error';

/** What the field technician asks of the platform: its public REST API, nothing else. */
export interface TechnicianApi {
  /** Orders still `OPEN` (not yet acknowledged by anyone). */
  openOrders(): Promise<TaskResponse[]>;
  /** The orders of an asset that are not DONE or CANCELLED. */
  activeOrdersOf(assetId: string): Promise<TaskResponse[]>;
  /** `PATCH /api/tasks/{id}`: the order after the change, or null when the platform refused it (404, 409). */
  patch(orderId: string, change: TaskPatchRequest): Promise<TaskResponse | null>;
  failureCodes(assetType: string): Promise<FailureCodeResponse[]>;
  contract(contractId: string): Promise<ContractDetailResponse | null>;
  /** `POST /api/tasks/{id}/assignment` by hand to the own team; false when refused (404, 409, 400). */
  assign(orderId: string, assignment: OwnTeamAssignment): Promise<boolean>;
  /** `POST /api/tasks/{id}/visits`; false when refused (404, 409, 400). */
  reportVisit(orderId: string, visit: VisitReport): Promise<boolean>;
  /** `GET /api/tasks/{id}/suggestion`: the case library's suggestion for the order; null when refused (404, 409). */
  suggestion(orderId: string): Promise<CaseSuggestionResponse | null>;
}

/** An order assigned by hand to the provider's own team, with its technician. */
export interface OwnTeamAssignment {
  region: string;
  plannedAt: string;
  technicianId: string;
}

/** One trip to the asset, as the service network records it. */
export interface VisitReport {
  technicianId: string;
  arrivedAt: string;
  departedAt: string;
  outcome: 'FIXED' | 'NEEDS_ANOTHER_VISIT';
  /** Where the parts brought came from: the order's suggestion or the default kit. */
  partsSource?: 'SUGGESTION' | 'DEFAULT_KIT';
}

/** Options of {@link TechnicianApiClient}. */
export interface TechnicianApiClientOptions {
  /** Base URL of the platform, e.g. `http://127.0.0.1:8080`. */
  apiUrl: string;
  /** The technician's own bearer token (a `provider` user). */
  token: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const FINAL = new Set(['DONE', 'CANCELLED']);

/** {@link TechnicianApi} over HTTP with the technician's user token. */
export class TechnicianApiClient implements TechnicianApi {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: TechnicianApiClientOptions) {
    this.baseUrl = options.apiUrl.replace(/\/+$/, '');
    this.fetchImpl = options.fetch ?? fetch;
  }

  /**
   * Signs the technician up as a named `provider` user (`POST /api/users` with an admin token), or,
   * when the name is taken, issues it a new token (`POST /api/users/{id}/token`): every change it
   * makes is then audited under its own name.
   */
  static async signUp(
    options: Omit<TechnicianApiClientOptions, 'token'> & { adminToken: string; name: string },
  ): Promise<TechnicianApiClient> {
    const admin = new TechnicianApiClient({ ...options, token: options.adminToken });
    const created = await admin.request('POST', '/api/users', {
      name: options.name,
      role: 'provider',
    });
    let user: UserWithTokenResponse;
    if (created.status === 409) {
      const { items } = (await admin.json(
        'GET',
        '/api/users?limit=1000',
      )) as ListResponse<UserResponse>;
      const existing = items.find((u) => u.name === options.name && !u.disabledAt);
      if (!existing) throw rejected(`user ${options.name} exists but is disabled`, 409);
      user = (await admin.json(
        'POST',
        `/api/users/${encodeURIComponent(existing.id)}/token`,
        {},
      )) as UserWithTokenResponse;
    } else {
      user = (await admin.body(created, 'POST /api/users')) as UserWithTokenResponse;
    }
    return new TechnicianApiClient({ ...options, token: user.token });
  }

  async openOrders(): Promise<TaskResponse[]> {
    return this.list('/api/tasks?status=OPEN&limit=1000');
  }

  async activeOrdersOf(assetId: string): Promise<TaskResponse[]> {
    const orders = await this.list<TaskResponse>(
      `/api/tasks?assetId=${encodeURIComponent(assetId)}&limit=1000`,
    );
    return orders.filter((o) => !FINAL.has(o.status));
  }

  async patch(orderId: string, change: TaskPatchRequest): Promise<TaskResponse | null> {
    const res = await this.request('PATCH', `/api/tasks/${encodeURIComponent(orderId)}`, change);
    if (res.status === 404 || res.status === 409) return null;
    return (await this.body(res, `PATCH /api/tasks/${orderId}`)) as TaskResponse;
  }

  async failureCodes(assetType: string): Promise<FailureCodeResponse[]> {
    return this.list(`/api/failure-codes/${encodeURIComponent(assetType)}`);
  }

  async contract(contractId: string): Promise<ContractDetailResponse | null> {
    const res = await this.request('GET', `/api/contracts/${encodeURIComponent(contractId)}`);
    if (res.status === 404) return null;
    return (await this.body(res, `GET /api/contracts/${contractId}`)) as ContractDetailResponse;
  }

  async assign(orderId: string, a: OwnTeamAssignment): Promise<boolean> {
    const body = { mode: 'HAND', partnerId: null, ...a };
    return this.accepted('POST', `/api/tasks/${encodeURIComponent(orderId)}/assignment`, body);
  }

  async reportVisit(orderId: string, visit: VisitReport): Promise<boolean> {
    return this.accepted('POST', `/api/tasks/${encodeURIComponent(orderId)}/visits`, visit);
  }

  async suggestion(orderId: string): Promise<CaseSuggestionResponse | null> {
    const path = `/api/tasks/${encodeURIComponent(orderId)}/suggestion`;
    const res = await this.request('GET', path);
    if (res.status === 404 || res.status === 409) return null;
    return (await this.body(res, `GET ${path}`)) as CaseSuggestionResponse;
  }

  /** True on 2xx, false when the platform refused the request (400, 404, 409); throws otherwise. */
  private async accepted(method: string, path: string, body: unknown): Promise<boolean> {
    const res = await this.request(method, path, body);
    if ([400, 404, 409].includes(res.status)) return false;
    await this.body(res, `${method} ${path}`);
    return true;
  }

  private async list<T>(path: string): Promise<T[]> {
    return ((await this.json('GET', path)) as ListResponse<T>).items;
  }

  private async json(method: string, path: string, body?: unknown): Promise<unknown> {
    return this.body(await this.request(method, path, body), `${method} ${path}`);
  }

  private async body(res: Response, what: string): Promise<unknown> {
    const text = await res.text();
    if (res.status === 401 || res.status === 403) {
      throw new SimulatorError('API_UNAUTHORIZED', `${what}: token refused (${res.status})`, false);
    }
    if (res.status < 200 || res.status > 299)
      throw rejected(`${what}: ${text.slice(0, 200)}`, res.status);
    return text ? JSON.parse(text) : null;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Response> {
    const url = `${this.baseUrl}${path}`;
    try {
      return await this.fetchImpl(url, {
        method,
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${this.options.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new SimulatorError(
        'API_UNREACHABLE',
        `${method} ${url}: ${errorMessage(error)}`,
        true,
        {
          cause: error,
        },
      );
    }
  }
}

function rejected(message: string, status: number): SimulatorError {
  return new SimulatorError(
    'API_REJECTED',
    `HTTP ${status} ${message}`,
    status >= 500 || status === 429,
  );
}
