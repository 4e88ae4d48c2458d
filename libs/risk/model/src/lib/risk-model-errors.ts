/** Error codes of the early-warning model. */
export type RiskModelErrorCode =
  'MODEL_NOT_FOUND' | 'MODEL_CORRUPT' | 'MODEL_INCOMPATIBLE' | 'INVALID_DATA' | 'INVALID_OPTIONS';

/** Raised by loading, training and evaluating the early-warning model. None of them is retryable. */
export class RiskModelError extends Error {
  readonly retryable = false;
  constructor(
    readonly code: RiskModelErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RiskModelError';
  }
}
