/** What went wrong in a fleet export; the command maps each code to its message and exit status. */
export type FleetExportErrorCode =
  'INVALID_ARGUMENT' | 'UNKNOWN_ASSET' | 'NO_ASSETS' | 'EMPTY_RANGE' | 'STORE_UNREACHABLE';

/** An error of the fleet export; `retryable` says whether running the same export later may succeed. */
export class FleetExportError extends Error {
  constructor(
    readonly code: FleetExportErrorCode,
    message: string,
    readonly retryable = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FleetExportError';
  }
}
