import type { AssetStateEvent, OrderRaisedEvent } from '@hourglass/contracts-api';

/** An asset as the live poll reads it. */
export interface LiveAsset {
  id: string;
  tenantId: string;
  state: string | null;
  lastSeen: string | null;
}

/** An order as the live poll reads it (newest first). */
export interface LiveOrder {
  id: string;
  tenantId: string;
  assetId: string;
  component: string;
  priority: string;
  status: string;
  source: string;
  createdAt: string;
}

/**
 * Tells what changed between two polls: assets whose state differs from the last poll's (a new
 * asset counts), and orders not among the last poll's newest. The first poll only takes note.
 */
export class LiveChangeDetector {
  private states: Map<string, string | null> | null = null;
  private seenOrders: Set<string> | null = null;

  /** State changes since the previous call (none on the first). */
  assetChanges(assets: readonly LiveAsset[]): AssetStateEvent[] {
    const before = this.states;
    this.states = new Map(assets.map((a) => [a.id, a.state]));
    if (!before) return [];
    return assets
      .filter((a) => !before.has(a.id) || before.get(a.id) !== a.state)
      .map((a) => ({
        type: 'asset.state',
        assetId: a.id,
        tenantId: a.tenantId,
        state: a.state,
        lastSeen: a.lastSeen,
      }));
  }

  /**
   * Orders of `newest` (newest first) not seen by the previous call, oldest first; none on the
   * first call. Orders raised faster than one page per poll are missed beyond the page.
   */
  newOrders(newest: readonly LiveOrder[]): OrderRaisedEvent[] {
    const seen = this.seenOrders;
    this.seenOrders = new Set(newest.map((o) => o.id));
    if (!seen) return [];
    return newest
      .filter((o) => !seen.has(o.id))
      .reverse()
      .map((o) => ({
        type: 'order.raised',
        id: o.id,
        assetId: o.assetId,
        tenantId: o.tenantId,
        component: o.component,
        priority: o.priority,
        status: o.status,
        source: o.source,
        createdAt: o.createdAt,
      }));
  }

  /** Forgets everything: the next call takes note again (no one listened in between). */
  reset(): void {
    this.states = null;
    this.seenOrders = null;
  }
}
