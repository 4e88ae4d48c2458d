import type { ListResponse } from '@hourglass/contracts-api';

/** The largest page the API gives (`limit` at most 1,000). */
export const MAX_PAGE_LIMIT = 1000;

/** `path` with `limit` and, after the first page, the `cursor` of the previous one. */
export function pagePath(path: string, cursor?: string, limit?: number): string {
  const params = new URLSearchParams();
  if (limit !== undefined) params.set('limit', String(limit));
  if (cursor !== undefined) params.set('cursor', cursor);
  const query = params.toString();
  if (!query) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${query}`;
}

/** How `fetchAllPages` reads. */
export interface AllPagesOptions {
  /** Stop once this many items are loaded (the rest is not fetched). */
  cap: number;
  limit?: number;
  /** Called after each page with the number of items loaded so far. */
  onProgress?(loaded: number): void;
}

/** Every item of a paginated list, following `nextCursor` until the last page or `cap`. */
export async function fetchAllPages<T>(
  get: (path: string) => Promise<ListResponse<T>>,
  path: string,
  { cap, limit = MAX_PAGE_LIMIT, onProgress }: AllPagesOptions,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await get(pagePath(path, cursor, Math.min(limit, cap - items.length)));
    items.push(...page.items);
    cursor = page.nextCursor;
    onProgress?.(items.length);
  } while (cursor !== undefined && items.length < cap);
  return { items: items.slice(0, cap), truncated: cursor !== undefined };
}
