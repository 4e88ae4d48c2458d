/** `asset.state`: an asset's reported state or last contact changed. */
export interface AssetStateEvent {
  type: 'asset.state';
  assetId: string;
  tenantId: string;
  state: string | null;
  lastSeen: string | null;
}

/** `order.raised`: a new work order (by the model, a rule, a plan or a person). */
export interface OrderRaisedEvent {
  type: 'order.raised';
  id: string;
  assetId: string;
  tenantId: string;
  component: string;
  priority: string;
  status: string;
  source: string;
  createdAt: string;
}

/**
 * One event of `GET /api/events` (server-sent events, `event:` the type, `data:` this JSON), only
 * about the tenants the caller sees.
 */
export type LiveEvent = AssetStateEvent | OrderRaisedEvent;
