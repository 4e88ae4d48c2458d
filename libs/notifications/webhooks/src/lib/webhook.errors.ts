/** Codes of {@link WebhookError}: the API maps them to 404 and 400. */
export type WebhookErrorCode = 'WEBHOOK_NOT_FOUND' | 'WEBHOOK_INVALID';

/** A webhook request that names nothing in scope, or breaks a rule of subscriptions. */
export class WebhookError extends Error {
  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}
