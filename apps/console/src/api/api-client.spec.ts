import { ApiClient } from './api-client';

describe(ApiClient.name, () => {
  const fetchMock = jest.fn();
  const realFetch = globalThis.fetch;
  beforeEach(() => {
    fetchMock.mockReset();
    globalThis.fetch = fetchMock as unknown as typeof fetch;
  });
  afterAll(() => {
    globalThis.fetch = realFetch;
  });

  it('calls a documented route with its method, path, query, body and token', async () => {
    fetchMock.mockResolvedValue(new Response(JSON.stringify({ items: [] }), { status: 200 }));
    const sut = new ApiClient('tok', 'http://api');

    const answer = await sut.route(
      'PUT /api/failure-codes/{assetType}',
      { assetType: 'turbo fan' },
      { body: { codes: [] }, query: { dryRun: undefined } },
    );

    expect(answer.items).toEqual([]);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('http://api/api/failure-codes/turbo%20fan');
    expect(init.method).toBe('PUT');
    expect(init.body).toBe('{"codes":[]}');
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('answers undefined for a route without content', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }));
    const sut = new ApiClient('tok');

    await expect(sut.route('DELETE /api/sessions/current', {})).resolves.toBeUndefined();
    expect((fetchMock.mock.calls[0] as [string, RequestInit])[1].method).toBe('DELETE');
  });
});
