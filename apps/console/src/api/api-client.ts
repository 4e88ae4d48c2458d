import {
  apiMethod,
  apiPath,
  type ApiBodyOf,
  type ApiPathParams,
  type ApiResponseOf,
  type ApiRouteKey,
  type ErrorResponse,
  type SessionResponse,
  type SignInRequest,
} from '@hourglass/contracts-api';

/** What {@link ApiClient.route} sends besides the path parameters. */
export interface RouteOptions<K extends ApiRouteKey> {
  query?: Record<string, string | number | undefined>;
  body?: ApiBodyOf<K>;
  signal?: AbortSignal;
}

/** An API answer that was not 2xx: the status and the API's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Calls the REST API of the serving platform with the caller's bearer token. */
export class ApiClient {
  constructor(
    private readonly token: string,
    private readonly base = '',
  ) {}

  /**
   * Calls a documented route (`'GET /api/tasks/{id}'`, ...): the path built from `params` and the
   * answer typed by the route table of @hourglass/contracts-api, the one the API's OpenAPI
   * document is generated from.
   */
  route<K extends ApiRouteKey>(
    key: K,
    params: ApiPathParams<K>,
    options: RouteOptions<K> = {},
  ): Promise<ApiResponseOf<K>> {
    const path = apiPath(key, params, options.query);
    return this.send<ApiResponseOf<K>>(apiMethod(key), path, options.body, options.signal);
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.send<T>('GET', path, undefined, signal);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PATCH', path, body);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  /**
   * GETs `path` as a file (a report's HTML or PDF) with the bearer token, which a plain link or
   * `window.open` could not send; the caller shows it through a blob URL.
   */
  async getBlob(path: string): Promise<Blob> {
    const res = await fetch(`${this.base}${path}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (!res.ok) throw new ApiError(res.status, await errorMessage(res));
    return res.blob();
  }

  /** The bearer token this client sends (the live-updates stream sends it too). */
  get bearer(): string {
    return this.token;
  }

  /** Signs in with a user name and password (`POST /api/sessions`): a session token that expires. */
  static async signIn(request: SignInRequest, base = ''): Promise<SessionResponse> {
    const res = await fetch(`${base}/api/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
    });
    if (!res.ok) throw new ApiError(res.status, await errorMessage(res));
    return (await res.json()) as SessionResponse;
  }

  private async send<T>(
    method: string,
    path: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      signal,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new ApiError(res.status, await errorMessage(res));
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

async function errorMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const json = JSON.parse(text) as Partial<ErrorResponse> & { message?: unknown };
    // The API's errors are `{error: {code, message}}`; a bare `{message}` is kept for proxies.
    const message = json.error?.message ?? json.message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  } catch {
    // not JSON: the text itself
  }
  return text || res.statusText || `HTTP ${res.status}`;
}
