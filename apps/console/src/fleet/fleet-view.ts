import type { AssetResponse } from '@hourglass/contracts-api';

/** Columns the fleet list sorts by. */
export type FleetSortKey =
  'id' | 'type' | 'state' | 'connection' | 'lastSeen' | 'risk' | 'rul' | 'model';

/** A device's MQTT connection as the fleet filter takes it: empty for any. */
export type FleetConnectionFilter = '' | 'ONLINE' | 'OFFLINE';

/**
 * The fleet list's filter: free text, a state, a connection (`ONLINE`, `OFFLINE`: an asset never
 * connected matches neither), and a lower bound on the risk probability (0-1).
 */
export interface FleetFilter {
  text: string;
  state: string;
  connection: FleetConnectionFilter;
  riskAbove: number | null;
}

export interface FleetSort {
  key: FleetSortKey;
  direction: 'asc' | 'desc';
}

export const EMPTY_FILTER: FleetFilter = { text: '', state: '', connection: '', riskAbove: null };

/**
 * The assets matching `filter`: `text` (case-insensitive) in the id, device, type, tenant or
 * model version; `state` and `connection` equal (empty: any); risk probability strictly above `riskAbove`
 * (an unscored asset never is).
 */
export function filterAssets(
  assets: readonly AssetResponse[],
  filter: FleetFilter,
): AssetResponse[] {
  const text = filter.text.trim().toLowerCase();
  const { state, connection, riskAbove } = filter;
  return assets.filter((a) => {
    if (state && a.state !== state) return false;
    if (connection && a.connection !== connection) return false;
    if (riskAbove !== null && !(a.risk && a.risk.probability > riskAbove)) return false;
    if (!text) return true;
    return [a.id, a.deviceId, a.type, a.tenantId, a.risk?.modelVersion ?? ''].some((s) =>
      s.toLowerCase().includes(text),
    );
  });
}

type SortValue = string | number | null;

const sortValue: Record<FleetSortKey, (a: AssetResponse) => SortValue> = {
  id: (a) => a.id,
  type: (a) => a.type,
  state: (a) => a.state,
  connection: (a) => a.connection,
  lastSeen: (a) => (a.lastSeen ? Date.parse(a.lastSeen) : null),
  risk: (a) => a.risk?.probability ?? null,
  rul: (a) => a.risk?.rul ?? null,
  model: (a) => a.risk?.modelVersion ?? null,
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Each asset id's place in natural order (`s2` before `s10`): the fleet's tie-breaker, computed once per list. */
export function idRanks(assets: readonly AssetResponse[]): Map<string, number> {
  const ids = assets.map((a) => a.id).sort(collator.compare);
  return new Map(ids.map((id, i) => [id, i]));
}

/** Strings as their rank among the distinct values (few: types, states, models), numbers as they are. */
function numericKeys(values: readonly SortValue[]): Array<number | null> {
  const strings = [...new Set(values.filter((v): v is string => typeof v === 'string'))];
  const rank = new Map(strings.sort(collator.compare).map((v, i) => [v, i]));
  return values.map((v) => (v === null ? null : typeof v === 'number' ? v : (rank.get(v) ?? 0)));
}

/**
 * A sorted copy: missing values (never seen, not scored) last in either direction, ties by id.
 * Keys are computed once per asset and compared as numbers (10,000 assets: no collator call per
 * comparison); pass `ranks` ({@link idRanks} of the whole fleet) to reuse them across sorts.
 */
export function sortAssets(
  assets: readonly AssetResponse[],
  sort: FleetSort,
  ranks: ReadonlyMap<string, number> = idRanks(assets),
): AssetResponse[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const tie = assets.map((a) => ranks.get(a.id) ?? 0);
  const keys = sort.key === 'id' ? tie : numericKeys(assets.map((a) => sortValue[sort.key](a)));
  const order = assets.map((_, i) => i);
  order.sort((i, j) => {
    const x = keys[i];
    const y = keys[j];
    if (x === null || y === null) {
      if (x === y) return tie[i] - tie[j];
      return x === null ? 1 : -1;
    }
    return sign * (x - y) || tie[i] - tie[j];
  });
  return order.map((i) => assets[i]);
}

/** Next sort after clicking `key`: the same column flips, a new one starts descending for risk, else ascending. */
export function nextSort(current: FleetSort, key: FleetSortKey): FleetSort {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'risk' || key === 'lastSeen' ? 'desc' : 'asc' };
}

/** The distinct states present, sorted, for the state filter's options. */
export function statesOf(assets: readonly AssetResponse[]): string[] {
  return [...new Set(assets.map((a) => a.state).filter((s): s is string => s !== null))].sort();
}

/** The loaded assets with the states live updates reported since (the same array when none did). */
export function withLiveState(
  assets: AssetResponse[],
  live: ReadonlyMap<string, { state: string | null; lastSeen: string | null }>,
): AssetResponse[] {
  if (live.size === 0) return assets;
  return assets.map((a) => {
    const update = live.get(a.id);
    return update ? { ...a, state: update.state, lastSeen: update.lastSeen ?? a.lastSeen } : a;
  });
}
