/** Codes of billing errors; the HTTP edge maps them (NOT_FOUND 404, VALIDATION 400, CONTRACT_CONFLICT 409). */
export type BillingErrorCode = 'NOT_FOUND' | 'VALIDATION' | 'CONTRACT_CONFLICT';

/** A billing request that cannot be served as asked; never retryable without a change. */
export class BillingError extends Error {
  readonly retryable = false;
  constructor(
    readonly code: BillingErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BillingError';
  }
}
