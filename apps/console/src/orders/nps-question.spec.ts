import { asksNps, markAnswered, NPS_SCORES, npsAnswerBody } from './nps-question';

describe('NPS question', () => {
  it('asks a customer on a completed order, and nobody else', () => {
    expect(asksNps({ id: 'o-1', status: 'DONE' }, 'customer')).toBe(true);
    expect(asksNps({ id: 'o-1', status: 'IN_PROGRESS' }, 'customer')).toBe(false);
    expect(asksNps({ id: 'o-1', status: 'CANCELLED' }, 'customer')).toBe(false);
    for (const role of ['provider-admin', 'account-manager', 'partner'] as const)
      expect(asksNps({ id: 'o-1', status: 'DONE' }, role)).toBe(false);
  });

  it('stops asking once the order was answered here', () => {
    expect(asksNps({ id: 'o-2', status: 'DONE' }, 'customer')).toBe(true);
    markAnswered('o-2');
    expect(asksNps({ id: 'o-2', status: 'DONE' }, 'customer')).toBe(false);
    expect(asksNps({ id: 'o-3', status: 'DONE' }, 'customer')).toBe(true);
  });

  it('offers the scores 0 to 10', () => {
    expect(NPS_SCORES).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('sends a chosen score with the trimmed comment, leaving a blank one out', () => {
    expect(npsAnswerBody('o-1', null, 'x')).toBeNull();
    expect(npsAnswerBody('o-1', 11, '')).toBeNull();
    expect(npsAnswerBody('o-1', 0, '   ')).toEqual({ taskId: 'o-1', score: 0 });
    expect(npsAnswerBody('o-1', 9, ' quick fix ')).toEqual({
      taskId: 'o-1',
      score: 9,
      comment: 'quick fix',
    });
  });
});
