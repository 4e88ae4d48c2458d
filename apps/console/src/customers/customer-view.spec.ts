import type { ChurnWarningResponse, SegmentsResponse } from '@hourglass/contracts-api';
import {
  customerRows,
  inputEntries,
  inputText,
  isRecordList,
  npsPath,
  warningsOf,
} from './customer-view';

const rfm = (tenantId: string, segment: string) => ({
  tenantId,
  recencyDays: 10,
  frequency: 3,
  monetary: 1200,
  r: 4,
  f: 3,
  m: 4,
  segment,
});
const segments: SegmentsResponse = {
  asOf: '2026-06-01T00:00:00.000Z',
  from: '2025-06-01T00:00:00.000Z',
  rules: [],
  items: [rfm('acme', 'LOYAL'), rfm('bolt', 'CHAMPIONS'), rfm('cora', 'OTHER')],
};
const warning = (
  tenantId: string,
  contractId: string | null,
  risk: ChurnWarningResponse['risk'],
  points: number,
): ChurnWarningResponse => ({
  tenantId,
  contractId,
  asOf: '2026-06-01T00:00:00.000Z',
  risk,
  points,
  signals: [],
});

describe('customerRows', () => {
  it('lists every customer riskiest first, each with its worst warning and its segment', () => {
    const rows = customerRows(segments, [
      warning('acme', null, 'MEDIUM', 3),
      warning('acme', 'acme-c', 'HIGH', 5),
      warning('cora', null, 'MEDIUM', 4),
      warning('dune', null, 'LOW', 1),
    ]);
    expect(rows.map((r) => [r.tenantId, r.risk, r.points, r.warnings, r.rfm?.segment])).toEqual([
      ['acme', 'HIGH', 5, 2, 'LOYAL'],
      ['cora', 'MEDIUM', 4, 1, 'OTHER'],
      ['dune', 'LOW', 1, 1, undefined],
      ['bolt', null, 0, 0, 'CHAMPIONS'],
    ]);
  });

  it('answers no rows when there are neither segments nor warnings', () => {
    expect(customerRows({ ...segments, items: [] }, [])).toEqual([]);
  });
});

describe('warningsOf', () => {
  it("keeps one customer's warnings, its own first, then its contracts' riskiest first", () => {
    const all = [
      warning('acme', 'acme-a', 'LOW', 1),
      warning('bolt', null, 'HIGH', 7),
      warning('acme', 'acme-b', 'HIGH', 6),
      warning('acme', null, 'MEDIUM', 3),
    ];
    expect(warningsOf('acme', all).map((w) => w.contractId)).toEqual([null, 'acme-b', 'acme-a']);
  });
});

describe('inputText', () => {
  const fmt = (n: number) => n.toFixed(1);
  it('reads numbers, nulls, id lists and lists of records', () => {
    expect(inputText(12.345, fmt)).toBe('12.3');
    expect(inputText(null, fmt)).toBe('—');
    expect(inputText([], fmt)).toBe('—');
    expect(inputText(['e-1', 'e-2'], fmt)).toBe('e-1, e-2');
    expect(
      inputText(
        [
          { period: '2026-04', availabilityPct: 97.5, score: 75 },
          { period: '2026-05', availabilityPct: 99, score: 100 },
        ],
        fmt,
      ),
    ).toBe(
      'period 2026-04, availabilityPct 97.5, score 75.0; period 2026-05, availabilityPct 99.0, score 100.0',
    );
  });

  it('tells a list of records (one a line) from a list of ids', () => {
    expect(isRecordList([{ taskId: 't-1', score: 9 }])).toBe(true);
    expect(isRecordList(['e-1', 'e-2'])).toBe(false);
    expect(isRecordList([])).toBe(false);
    expect(isRecordList([{ a: 1 }, 'x'])).toBe(false);
    expect(isRecordList([null])).toBe(false);
    expect(isRecordList([['e-1']])).toBe(false);
    expect(isRecordList({ a: 1 })).toBe(false);
  });

  it('orders the entries of an inputs object by name', () => {
    expect(inputEntries({ open: 2, assets: 5, overdue: 1 })).toEqual([
      ['assets', 5],
      ['open', 2],
      ['overdue', 1],
    ]);
  });
});

describe('npsPath', () => {
  it('asks for the days before now up to the end of the current minute', () => {
    const now = Date.parse('2026-06-01T10:20:30.000Z');
    const url = new URL(npsPath(90, now), 'http://x');
    expect(url.pathname).toBe('/api/nps');
    expect(url.searchParams.get('to')).toBe('2026-06-01T10:21:00.000Z');
    expect(url.searchParams.get('from')).toBe('2026-03-03T10:21:00.000Z');
    expect(npsPath(90, now + 1_000)).toBe(npsPath(90, now));
  });
});
