import { orderMarks, scoreSeries, scoresPath } from './risk-history-view';

describe('risk history view', () => {
  it('asks for the range ending now with RFC 3339 bounds', () => {
    const now = Date.parse('2026-04-10T12:00:00Z');
    expect(scoresPath('engine 1', '7d', now)).toBe(
      '/api/assets/engine%201/scores?from=2026-04-03T12%3A00%3A00.000Z&to=2026-04-10T12%3A00%3A00.000Z',
    );
    expect(scoresPath('e', '1y', now)).toContain('from=2025-04-10T12');
  });

  it('draws risk and RUL as two lines of the same instants', () => {
    const items = [
      { scoredAt: '2026-04-10T09:50:00.000Z', probability: 0.45, rul: 55, modelVersion: 'm@1' },
      { scoredAt: '2026-04-10T20:00:00.000Z', probability: 0.5, rul: 50, modelVersion: 'm@1' },
    ];
    const t1 = Date.parse(items[0].scoredAt);
    const t2 = Date.parse(items[1].scoredAt);
    expect(scoreSeries(items, { risk: 'Risk', rul: 'RUL' })).toEqual({
      risk: [
        {
          name: 'Risk',
          points: [
            [t1, 0.45],
            [t2, 0.5],
          ],
        },
      ],
      rul: [
        {
          name: 'RUL',
          points: [
            [t1, 55],
            [t2, 50],
          ],
        },
      ],
    });
  });

  it('marks the orders raised within the range, oldest first', () => {
    const orders = [
      { id: 'o-3', component: 'fan', createdAt: '2026-04-09T00:00:00Z' },
      { id: 'o-1', component: 'hpc', createdAt: '2026-01-01T00:00:00Z' },
      { id: 'o-2', component: 'lpt', createdAt: '2026-04-05T00:00:00Z' },
      { id: 'o-4', component: 'fan', createdAt: '2026-04-10T12:00:00Z' },
    ];
    const marks = orderMarks(
      orders,
      Date.parse('2026-04-03T12:00:00Z'),
      Date.parse('2026-04-10T12:00:00Z'),
    );
    expect(marks).toEqual([
      { at: Date.parse('2026-04-05T00:00:00Z'), label: 'lpt' },
      { at: Date.parse('2026-04-09T00:00:00Z'), label: 'fan' },
    ]);
  });
});
