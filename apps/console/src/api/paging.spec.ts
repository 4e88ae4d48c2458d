import type { ListResponse } from '@hourglass/contracts-api';
import { fetchAllPages, pagePath } from './paging';

/** A fake API of `total` numbered items answering `limit`/`cursor` like the REST lists. */
function fakeList(total: number) {
  const calls: string[] = [];
  const get = async (path: string): Promise<ListResponse<number>> => {
    calls.push(path);
    const q = new URLSearchParams(path.split('?')[1] ?? '');
    const from = Number(q.get('cursor') ?? 0);
    const to = Math.min(total, from + Number(q.get('limit') ?? 100));
    const items = Array.from({ length: to - from }, (_, i) => from + i);
    return to < total ? { items, nextCursor: String(to) } : { items };
  };
  return { get, calls };
}

describe('paging', () => {
  it('adds limit and cursor to a path with or without a query', () => {
    expect(pagePath('/api/assets')).toBe('/api/assets');
    expect(pagePath('/api/assets', undefined, 1000)).toBe('/api/assets?limit=1000');
    expect(pagePath('/api/tasks?status=OPEN', 'a b', 50)).toBe(
      '/api/tasks?status=OPEN&limit=50&cursor=a+b',
    );
  });

  it('follows nextCursor to the last page and reports progress', async () => {
    const api = fakeList(2500);
    const progress: number[] = [];
    const all = await fetchAllPages(api.get, '/api/assets', {
      cap: 20_000,
      onProgress: (n) => progress.push(n),
    });
    expect(all.items).toHaveLength(2500);
    expect(all.items[2499]).toBe(2499);
    expect(all.truncated).toBe(false);
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it('stops at the cap and says the list was cut', async () => {
    const api = fakeList(5000);
    const all = await fetchAllPages(api.get, '/api/assets', { cap: 1500 });
    expect(all.items).toHaveLength(1500);
    expect(all.truncated).toBe(true);
    expect(api.calls).toEqual(['/api/assets?limit=1000', '/api/assets?limit=500&cursor=1000']);
  });
});
