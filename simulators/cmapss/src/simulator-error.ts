/** Why the simulator stopped; the CLI maps every code to a message and an exit status. */
export type SimulatorErrorCode =
  | 'USAGE'
  | 'DATA'
  | 'API_UNREACHABLE'
  | 'API_UNAUTHORIZED'
  | 'API_REJECTED'
  | 'MQTT_UNREACHABLE'
  | 'MQTT_REFUSED'
  | 'NOT_ACKNOWLEDGED';

/** An error of the simulator with a code and whether trying again later may succeed. */
export class SimulatorError extends Error {
  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SimulatorError';
  }
}

/** The message of anything thrown (errors from other realms, e.g. under Jest, included). */
export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
