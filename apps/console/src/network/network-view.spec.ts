import type { ServiceGroupFiguresResponse } from '@hourglass/contracts-api';
import { figuresPath, groupRows } from './network-view';

const group = (
  fixed: number,
  attempted: number,
  meanHours: number | null,
  orders: number,
): ServiceGroupFiguresResponse => ({
  firstTimeFix: { rate: attempted ? fixed / attempted : null, fixedFirstTime: fixed, attempted },
  responseTime: { meanHours, orders },
  revenuePerEngineer: { value: null, revenue: '0.00', activeTechnicians: 0 },
  inputOutput: { ratio: null, revenue: '0.00', cost: '0.00' },
});

describe('groupRows', () => {
  it('reads each group as a row, busiest first, first-time fix in per cent', () => {
    const rows = groupRows({
      'own-team': group(1, 2, 5, 2),
      'north-shop': group(3, 4, 2.5, 4),
      'east-shop': group(0, 0, null, 0),
      'west-shop': group(3, 3, 1, 1),
    });
    expect(rows).toEqual([
      {
        name: 'north-shop',
        firstTimeFixPct: 75,
        fixedFirstTime: 3,
        attempted: 4,
        meanResponseHours: 2.5,
        orders: 4,
      },
      {
        name: 'own-team',
        firstTimeFixPct: 50,
        fixedFirstTime: 1,
        attempted: 2,
        meanResponseHours: 5,
        orders: 2,
      },
      {
        name: 'west-shop',
        firstTimeFixPct: 100,
        fixedFirstTime: 3,
        attempted: 3,
        meanResponseHours: 1,
        orders: 1,
      },
      {
        name: 'east-shop',
        firstTimeFixPct: null,
        fixedFirstTime: 0,
        attempted: 0,
        meanResponseHours: null,
        orders: 0,
      },
    ]);
  });

  it('answers no rows for no groups', () => {
    expect(groupRows({})).toEqual([]);
  });
});

describe('figuresPath', () => {
  it('asks for the days before now up to the end of the current minute', () => {
    const now = Date.parse('2026-06-01T10:20:30.000Z');
    const url = new URL(figuresPath(30, now), 'http://x');
    expect(url.pathname).toBe('/api/service-network/figures');
    expect(url.searchParams.get('from')).toBe('2026-05-02T10:21:00.000Z');
    expect(url.searchParams.get('to')).toBe('2026-06-01T10:21:00.000Z');
  });
});
