/** Error codes of feature preparation. */
export type RiskFeatureErrorCode = 'EMPTY_HISTORY' | 'INVALID_SPEC' | 'NO_TRAINING_DATA';

/** Raised when features cannot be prepared from the given history or specification. */
export class RiskFeatureError extends Error {
  constructor(
    readonly code: RiskFeatureErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RiskFeatureError';
  }
}
