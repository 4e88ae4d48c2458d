/**
 * Codes of {@link SuccessError}: `NPS_NOT_FOUND` (404: no such completed order in the caller's
 * scope), `NPS_FORBIDDEN` (403: only the customer's own users answer), `NPS_CONFLICT` (409: the
 * order is not done, or it was answered already), `SUCCESS_INVALID` (400), `TOUCH_NOT_FOUND` (404: no such touch in the
 * caller's scope).
 */
export type SuccessErrorCode =
  'NPS_NOT_FOUND' | 'NPS_FORBIDDEN' | 'NPS_CONFLICT' | 'SUCCESS_INVALID' | 'TOUCH_NOT_FOUND';

/** A customer-success request refused as asked; never retryable without a change. */
export class SuccessError extends Error {
  readonly retryable = false;
  constructor(
    readonly code: SuccessErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SuccessError';
  }
}
