import { waitFor, WaitForTimeoutError } from './wait-for';

describe(waitFor.name, () => {
  it('resolves as soon as the condition holds, counting throws as "not yet"', async () => {
    let calls = 0;
    await waitFor(
      () => {
        calls++;
        if (calls === 1) throw new Error('not up');
        return calls === 3;
      },
      { intervalMs: 1 },
    );
    expect(calls).toBe(3);
  });

  it('names what it waited for and the last error when the deadline passes', async () => {
    const error = await waitFor(
      async () => {
        throw Object.assign(new Error('connect failed'), { code: 'ECONNREFUSED' });
      },
      { timeoutMs: 20, intervalMs: 5, what: 'redis to answer' },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WaitForTimeoutError);
    expect((error as Error).message).toBe(
      'timed out after 20 ms waiting for redis to answer (last error: connect failed [ECONNREFUSED])',
    );
  });

  it('stops at once when failFast returns an error', async () => {
    const fatal = new Error('process exited');
    const cond = jest.fn(() => false);
    await expect(waitFor(cond, { timeoutMs: 10_000, failFast: () => fatal })).rejects.toBe(fatal);
    expect(cond).not.toHaveBeenCalled();
  });
});
