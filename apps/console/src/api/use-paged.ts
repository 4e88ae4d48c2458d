import type { ListResponse } from '@hourglass/contracts-api';
import { useCallback, useEffect, useState } from 'react';
import { fetchAllPages, pagePath } from './paging';
import { useApiClient, useApiGet, type Loadable } from './use-api';

/** Every item of a list up to `cap`, with the count loaded so far while it reads. */
export function useAllPages<T>(
  path: string,
  cap: number,
): [Loadable<{ items: T[]; truncated: boolean }>, number, () => void] {
  const client = useApiClient();
  const [state, setState] = useState<Loadable<{ items: T[]; truncated: boolean }>>({
    status: 'loading',
  });
  const [loaded, setLoaded] = useState(0);
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    const abort = new AbortController();
    setState({ status: 'loading' });
    setLoaded(0);
    fetchAllPages<T>((p) => client.get<ListResponse<T>>(p, abort.signal), path, {
      cap,
      onProgress: (n) => !abort.signal.aborted && setLoaded(n),
    }).then(
      (data) => !abort.signal.aborted && setState({ status: 'ready', data }),
      (error: Error) => !abort.signal.aborted && setState({ status: 'error', error }),
    );
    return () => abort.abort();
  }, [client, path, cap, generation]);
  return [state, loaded, reload];
}

/** A list read page by page: the first page, then `loadMore` appends the next. */
export interface PagedList<T> {
  first: Loadable<ListResponse<T>>;
  items: T[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: Error | null;
  loadMore(): void;
  reload(): void;
}

/** The first page of `path`, and the following ones on demand ("load more"). */
export function usePagedList<T>(path: string): PagedList<T> {
  const client = useApiClient();
  const [first, reloadFirst] = useApiGet<ListResponse<T>>(path);
  const [more, setMore] = useState<{ items: T[]; cursor?: string }>({ items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<Error | null>(null);
  useEffect(() => {
    setMore({ items: [], cursor: first.status === 'ready' ? first.data.nextCursor : undefined });
    setMoreError(null);
  }, [first]);
  const loadMore = useCallback(() => {
    if (more.cursor === undefined) return;
    setLoadingMore(true);
    setMoreError(null);
    client
      .get<ListResponse<T>>(pagePath(path, more.cursor))
      .then(
        (page) => setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor })),
        (error: Error) => setMoreError(error),
      )
      .finally(() => setLoadingMore(false));
  }, [client, path, more.cursor]);
  const items = first.status === 'ready' ? [...first.data.items, ...more.items] : [];
  return {
    first,
    items,
    hasMore: more.cursor !== undefined,
    loadingMore,
    moreError,
    loadMore,
    reload: reloadFirst,
  };
}
