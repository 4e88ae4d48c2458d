import type { AssetResponse } from '@hourglass/contracts-api';

/** Columns the fleet list sorts by. */
export type FleetSortKey = 'id' | 'type' | 'state' | 'lastSeen' | 'risk' | 'rul' | 'model';

/** The fleet list's filter: free text, a state, and a lower bound on the risk probability (0-1). */
export interface FleetFilter {
  text: string;
  state: string;
  riskAbove: number | null;
}

export interface FleetSort {
  key: FleetSortKey;
  direction: 'asc' | 'desc';
}

export const EMPTY_FILTER: FleetFilter = { text: '', state: '', riskAbove: null };

/**
 * The assets matching `filter`: `text` (case-insensitive) in the id, device, type, tenant or
 * model version; `state` equal (empty: any); risk probability strictly above `riskAbove`
 * (an unscored asset never is).
 */
export function filterAssets(
  assets: readonly AssetResponse[],
  filter: FleetFilter,
): AssetResponse[] {
  const text = filter.text.trim().toLowerCase();
  const { state, riskAbove } = filter;
  return assets.filter((a) => {
    if (state && a.state !== state) return false;
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
  lastSeen: (a) => (a.lastSeen ? Date.parse(a.lastSeen) : null),
  risk: (a) => a.risk?.probability ?? null,
  rul: (a) => a.risk?.rul ?? null,
  model: (a) => a.risk?.modelVersion ?? null,
};

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compare(x: SortValue, y: SortValue): number {
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return collator.compare(String(x), String(y));
}

/** A sorted copy: missing values (never seen, not scored) last in either direction, ties by id. */
export function sortAssets(assets: readonly AssetResponse[], sort: FleetSort): AssetResponse[] {
  const value = sortValue[sort.key];
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...assets].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) {
      if (x === y) return collator.compare(a.id, b.id);
      return x === null ? 1 : -1;
    }
    return sign * compare(x, y) || collator.compare(a.id, b.id);
  });
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
