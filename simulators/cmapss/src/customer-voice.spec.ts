import type { TaskResponse } from '@hourglass/contracts-api';
import { CustomerVoice, type CustomerVoiceApi } from './customer-voice';

const done = (id: string, completedAt: number): TaskResponse =>
  ({ id, status: 'DONE', completedAt: new Date(completedAt).toISOString() }) as TaskResponse;

class FakeApi implements CustomerVoiceApi {
  orders: TaskResponse[] = [];
  /** Orders the platform already holds an answer for (409). */
  answeredBefore = new Set<string>();
  calls: Array<[string, number]> = [];
  completedOrders = async () => this.orders;
  answer = async (taskId: string, score: number) => {
    this.calls.push([taskId, score]);
    return this.answeredBefore.has(taskId) ? ('ALREADY' as const) : ('ANSWERED' as const);
  };
}

describe(CustomerVoice.name, () => {
  let now: number;
  let api: FakeApi;
  let sut: CustomerVoice;

  beforeEach(() => {
    now = 10_000;
    api = new FakeApi();
    sut = new CustomerVoice({
      api,
      scores: [3, 9],
      answerAfterMs: 2_000,
      pollMs: 0,
      now: () => now,
    });
  });

  it('answers each completed order once, after the wait, with scores from its list', async () => {
    api.orders = [done('o-1', 7_000), done('o-2', 9_000)];
    await sut.round();
    expect(api.calls.map(([id]) => id)).toEqual(['o-1']);
    now = 11_000;
    await sut.round();
    await sut.round();
    expect(api.calls.map(([id]) => id)).toEqual(['o-1', 'o-2']);
    expect(api.calls.every(([, score]) => score === 3 || score === 9)).toBe(true);
    expect([...sut.answered.keys()]).toEqual(['o-1', 'o-2']);
  });

  it('gives the same answers for the same seed, and does not count an order answered before', async () => {
    api.orders = [1, 2, 3, 4, 5, 6].map((i) => done(`o-${i}`, 0));
    api.answeredBefore.add('o-1');
    await sut.round();
    const again = new FakeApi();
    again.orders = api.orders;
    await new CustomerVoice({ api: again, scores: [3, 9], pollMs: 0, now: () => now }).round();
    expect(again.calls).toEqual(api.calls);
    expect(sut.answered.has('o-1')).toBe(false);
    expect(sut.answered.size).toBe(5);
  });
});
