import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import {
  apiPath,
  type ApiPathParams,
  type ApiResponseOf,
  type ApiRouteKey,
} from '@hourglass/contracts-api';
import type { ApiClient } from './api-client';

/** The signed-in client; screens render only below a provider of it. */
export const ApiContext = createContext<ApiClient | null>(null);

/** The signed-in API client. */
export function useApiClient(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApiClient outside a signed-in session');
  return client;
}

/** What a read is doing: loading, failed, or done with its data. */
export type Loadable<T> =
  { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ready'; data: T };

/**
 * GETs `path` (null: nothing yet) and re-reads when it changes or `reload` is called; a newer
 * request aborts the older one so a slow answer never overwrites a fresh one.
 */
export function useApiGet<T>(path: string | null): [Loadable<T>, () => void] {
  const client = useApiClient();
  const [state, setState] = useState<Loadable<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    setState((s) => (s.status === 'ready' ? s : { status: 'loading' }));
    client.get<T>(path, abort.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: Error) => {
        if (!abort.signal.aborted) setState({ status: 'error', error });
      },
    );
    return () => abort.abort();
  }, [client, path, generation]);
  return [state, reload];
}

/**
 * {@link useApiGet} of a documented route: the path built from `params` and `query`, the answer
 * typed by the route table of @hourglass/contracts-api.
 */
export function useRouteGet<K extends ApiRouteKey>(
  key: K,
  params: ApiPathParams<K>,
  query?: Record<string, string | number | undefined>,
): [Loadable<ApiResponseOf<K>>, () => void] {
  return useApiGet<ApiResponseOf<K>>(apiPath(key, params, query));
}
