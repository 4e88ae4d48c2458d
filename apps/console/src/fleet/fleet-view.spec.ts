import type { AssetResponse } from '@hourglass/contracts-api';
import {
  EMPTY_FILTER,
  filterAssets,
  idRanks,
  nextSort,
  sortAssets,
  statesOf,
  withLiveState,
} from './fleet-view';

const asset = (
  id: string,
  over: Partial<AssetResponse> = {},
  risk: { probability: number; rul: number } | null = null,
): AssetResponse => ({
  id,
  tenantId: 'acme',
  deviceId: id,
  type: 'turbofan',
  state: 'RUN',
  lastSeen: '2026-01-01T00:00:00.000Z',
  installedAt: null,
  connection: 'ONLINE',
  connectionSince: '2026-01-01T00:00:00.000Z',
  risk: risk && {
    ...risk,
    horizon: 30,
    modelVersion: 'fd001-mlp-v2@abc',
    scoredAt: '2026-01-01T00:00:00.000Z',
  },
  ...over,
});

const fleet: AssetResponse[] = [
  asset('engine-10', { state: 'FAULT', connection: 'OFFLINE' }, { probability: 0.9, rul: 4 }),
  asset('engine-2', {}, { probability: 0.2, rul: 80 }),
  asset('engine-1', { state: 'STANDBY', lastSeen: null, connection: null, connectionSince: null }),
  asset('pump-7', { type: 'pump', tenantId: 'globex' }, { probability: 0.55, rul: 25 }),
];
const ids = (list: AssetResponse[]) => list.map((a) => a.id);

describe('filterAssets', () => {
  it('keeps every asset with the empty filter', () => {
    expect(ids(filterAssets(fleet, EMPTY_FILTER))).toEqual(ids(fleet));
  });

  it('matches text case-insensitively in id, type and tenant', () => {
    expect(ids(filterAssets(fleet, { ...EMPTY_FILTER, text: 'ENGINE-1' }))).toEqual([
      'engine-10',
      'engine-1',
    ]);
    expect(ids(filterAssets(fleet, { ...EMPTY_FILTER, text: 'pump' }))).toEqual(['pump-7']);
    expect(ids(filterAssets(fleet, { ...EMPTY_FILTER, text: 'globex' }))).toEqual(['pump-7']);
  });

  it('keeps only the chosen state', () => {
    expect(ids(filterAssets(fleet, { ...EMPTY_FILTER, state: 'FAULT' }))).toEqual(['engine-10']);
  });

  it('keeps only the chosen connection, never an asset that has not connected', () => {
    expect(ids(filterAssets(fleet, { ...EMPTY_FILTER, connection: 'OFFLINE' }))).toEqual([
      'engine-10',
    ]);
    expect(ids(filterAssets(fleet, { ...EMPTY_FILTER, connection: 'ONLINE' }))).toEqual([
      'engine-2',
      'pump-7',
    ]);
  });

  it('keeps risk strictly above the bound and never an unscored asset', () => {
    expect(ids(filterAssets(fleet, { ...EMPTY_FILTER, riskAbove: 0.5 }))).toEqual([
      'engine-10',
      'pump-7',
    ]);
    expect(ids(filterAssets(fleet, { ...EMPTY_FILTER, riskAbove: 0 }))).toEqual([
      'engine-10',
      'engine-2',
      'pump-7',
    ]);
  });

  it('filters 10,000 assets in well under 100 ms', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      asset(`engine-${i}`, {}, { probability: (i % 100) / 100, rul: i % 125 }),
    );
    const t0 = performance.now();
    const out = filterAssets(many, {
      text: 'engine-9',
      state: 'RUN',
      connection: 'ONLINE',
      riskAbove: 0.5,
    });
    expect(performance.now() - t0).toBeLessThan(100);
    expect(out.length).toBeGreaterThan(0);
  });
});

describe('sortAssets', () => {
  it('sorts ids naturally (engine-2 before engine-10)', () => {
    expect(ids(sortAssets(fleet, { key: 'id', direction: 'asc' }))).toEqual([
      'engine-1',
      'engine-2',
      'engine-10',
      'pump-7',
    ]);
  });

  it('sorts by connection with never-connected assets last, ties by id', () => {
    expect(ids(sortAssets(fleet, { key: 'connection', direction: 'asc' }))).toEqual([
      'engine-10',
      'engine-2',
      'pump-7',
      'engine-1',
    ]);
    expect(ids(sortAssets(fleet, { key: 'connection', direction: 'desc' }))).toEqual([
      'engine-2',
      'pump-7',
      'engine-10',
      'engine-1',
    ]);
  });

  it('sorts by risk descending with unscored assets last', () => {
    expect(ids(sortAssets(fleet, { key: 'risk', direction: 'desc' }))).toEqual([
      'engine-10',
      'pump-7',
      'engine-2',
      'engine-1',
    ]);
  });

  it('keeps unscored assets last when ascending too', () => {
    expect(ids(sortAssets(fleet, { key: 'rul', direction: 'asc' }))).toEqual([
      'engine-10',
      'pump-7',
      'engine-2',
      'engine-1',
    ]);
  });

  it('sorts strings naturally as numbers of their rank, ties by id, with ranks of the whole fleet reused', () => {
    const mixed = [
      asset('b-10', { type: 'pump' }),
      asset('b-2', { type: 'turbofan' }),
      asset('b-1', { type: 'pump' }),
    ];
    const expected = ['b-1', 'b-10', 'b-2'];
    expect(ids(sortAssets(mixed, { key: 'type', direction: 'asc' }))).toEqual(expected);
    const ranks = idRanks([...mixed, asset('a-0'), asset('b-3')]);
    expect(ids(sortAssets(mixed, { key: 'type', direction: 'asc' }, ranks))).toEqual(expected);
    expect(ids(sortAssets(mixed, { key: 'id', direction: 'desc' }, ranks))).toEqual([
      'b-10',
      'b-2',
      'b-1',
    ]);
  });

  it('does not reorder its input', () => {
    const before = ids(fleet);
    sortAssets(fleet, { key: 'risk', direction: 'asc' });
    expect(ids(fleet)).toEqual(before);
  });
});

describe('nextSort', () => {
  it('flips the direction of the same column and starts risk descending', () => {
    expect(nextSort({ key: 'id', direction: 'asc' }, 'id')).toEqual({
      key: 'id',
      direction: 'desc',
    });
    expect(nextSort({ key: 'id', direction: 'asc' }, 'risk')).toEqual({
      key: 'risk',
      direction: 'desc',
    });
    expect(nextSort({ key: 'risk', direction: 'desc' }, 'type')).toEqual({
      key: 'type',
      direction: 'asc',
    });
  });
});

describe('statesOf', () => {
  it('lists the distinct states present, sorted', () => {
    expect(statesOf(fleet)).toEqual(['FAULT', 'RUN', 'STANDBY']);
  });
});

describe('withLiveState', () => {
  const base = { type: 'turbofan', tenantId: 'acme', deviceId: 'd', risk: null } as const;
  const assets = [
    { ...base, id: 'a-1', state: 'RUN', lastSeen: '2026-01-01T00:00:00.000Z' },
    { ...base, id: 'a-2', state: 'RUN', lastSeen: '2026-01-01T00:00:00.000Z' },
  ] as unknown as Parameters<typeof withLiveState>[0];

  it('applies the reported state to its asset and leaves the others as loaded', () => {
    const live = new Map([['a-2', { state: 'FAULT', lastSeen: '2026-01-01T00:01:00.000Z' }]]);
    const shown = withLiveState(assets, live);
    expect(shown.map((a) => [a.id, a.state, a.lastSeen])).toEqual([
      ['a-1', 'RUN', '2026-01-01T00:00:00.000Z'],
      ['a-2', 'FAULT', '2026-01-01T00:01:00.000Z'],
    ]);
    expect(shown[0]).toBe(assets[0]);
  });

  it('returns the same array when nothing changed', () => {
    expect(withLiveState(assets, new Map())).toBe(assets);
  });
});
