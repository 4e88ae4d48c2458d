import {
  API_ROUTES,
  apiMethod,
  apiPath,
  type ApiBodyOf,
  type ApiPathParams,
  type ApiResponseOf,
  type ApiRouteKey,
} from '@hourglass/contracts-api';

/** One call of a documented route: its path parameters, query and body, typed by the route table. */
export interface RouteCall<K extends ApiRouteKey> {
  params?: ApiPathParams<K>;
  query?: Record<string, string | number | undefined>;
  /** Typed by the route's body schema where the table has one. */
  body?: ApiBodyOf<K>;
}

/** What a route answered: the status, the body as the route table types it, and the schema's verdict. */
export interface RouteAnswer<K extends ApiRouteKey> {
  status: number;
  body: ApiResponseOf<K>;
  /** The problems the route's documented response schema finds in the body (none: it conforms). */
  issues: string[];
}

/** Calls route `key` on the API at `port` (no token when `token` is null) and checks its answer against the documented schema. */
export async function callRoute<K extends ApiRouteKey>(
  port: number,
  token: string | null,
  key: K,
  call: RouteCall<K> = {},
): Promise<RouteAnswer<K>> {
  const response = await fetch(
    `http://127.0.0.1:${port}${apiPath(key, (call.params ?? {}) as ApiPathParams<K>, call.query)}`,
    {
      method: apiMethod(key),
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    },
  );
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '');
  const body: unknown = json && text ? JSON.parse(text) : text || undefined;
  const spec = API_ROUTES[key];
  const schema = 'response' in spec ? spec.response : undefined;
  const parsed = schema?.safeParse(body);
  const mediaType = (response.headers.get('content-type') ?? '').split(';')[0];
  const documentedType = 'contentType' in spec ? spec.contentType : 'application/json';
  const issues =
    response.status !== spec.status
      ? [`status ${response.status}, documented ${spec.status}: ${text.slice(0, 300)}`]
      : schema && mediaType !== documentedType
        ? [`content-type ${mediaType}, documented ${documentedType}`]
        : parsed && !parsed.success
          ? parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
          : [];
  return { status: response.status, body: body as ApiResponseOf<K>, issues };
}
