/** `GET /api/webhooks` item, `GET/PATCH /api/webhooks/{id}`: never with its secret. */
export interface WebhookResponse {
  id: string;
  tenantId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  enabled: boolean;
  consecutiveFailures: number;
  disabledReason: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** `GET /api/webhooks`: the subscriptions and the event types a subscription may name. */
export interface WebhookListResponse {
  items: WebhookResponse[];
  eventTypes: string[];
}
