import { DeviceProvisioningClient } from './device-provisioning.client';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(responses: (Response | Error)[]) {
  const calls: Call[] = [];
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: init?.headers as Record<string, string>,
      body: JSON.parse(String(init?.body)),
    });
    const next = responses.shift();
    if (!next) throw new Error('unexpected request');
    if (next instanceof Error) throw next;
    return next;
  };
  return { calls, fetch: impl as typeof fetch };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe(DeviceProvisioningClient.name, () => {
  it('creates the device and returns its credentials', async () => {
    const { calls, fetch } = fakeFetch([
      json(201, {
        id: 'engine-1',
        type: 'turbofan',
        tenantId: 't1',
        credentials: { username: 'u', password: 'p' },
      }),
    ]);
    const sut = new DeviceProvisioningClient({ apiUrl: 'http://api:8080/', token: 'tok', fetch });

    await expect(sut.provision('engine-1')).resolves.toEqual({ username: 'u', password: 'p' });

    expect(calls).toEqual([
      {
        url: 'http://api:8080/api/devices',
        method: 'POST',
        headers: expect.objectContaining({
          authorization: 'Bearer tok',
          'content-type': 'application/json',
        }),
        body: { id: 'engine-1', type: 'turbofan' },
      },
    ]);
  });

  it('issues new credentials when the device exists (409)', async () => {
    const { calls, fetch } = fakeFetch([
      json(409, { message: 'exists' }),
      json(200, { credentials: { username: 'u2', password: 'p2' } }),
    ]);
    const sut = new DeviceProvisioningClient({ apiUrl: 'http://api', token: 'tok', fetch });

    await expect(sut.provision('engine/7')).resolves.toEqual({ username: 'u2', password: 'p2' });

    expect(calls[1]).toMatchObject({
      url: 'http://api/api/devices/engine%2F7/credentials',
      method: 'POST',
    });
  });

  it.each([
    [
      [json(401, {})],
      'API_UNAUTHORIZED',
      false,
      /refused the token \(401\) when creating device engine-1: pass --token/,
    ],
    [
      [json(409, {}), json(403, {})],
      'API_UNAUTHORIZED',
      false,
      /\(403\) when rotating the credentials of engine-1/,
    ],
    [
      [json(500, { message: 'db down' })],
      'API_REJECTED',
      true,
      /creating device engine-1 failed: HTTP 500 .*db down/,
    ],
    [[json(400, { message: 'bad id' })], 'API_REJECTED', false, /HTTP 400/],
    [[json(201, { id: 'engine-1' })], 'API_REJECTED', false, /no credentials.username\/password/],
    [
      [
        Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        }),
      ],
      'API_UNREACHABLE',
      true,
      /cannot reach the API at http:\/\/api\/api\/devices: ECONNREFUSED/,
    ],
  ])('fails with a coded error (%#)', async (responses, code, retryable, message) => {
    const { fetch } = fakeFetch(responses);
    const sut = new DeviceProvisioningClient({ apiUrl: 'http://api', token: 'tok', fetch });

    const error = await sut.provision('engine-1').catch((e: unknown) => e);

    expect(error).toMatchObject({ code, retryable, message: expect.stringMatching(message) });
  });
});
