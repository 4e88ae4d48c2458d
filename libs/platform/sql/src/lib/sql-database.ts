/** A value that can be bound to a `$n` placeholder. */
export type SqlValue = string | number | boolean | Date | null | string[] | number[] | Buffer;

/** Runs statements; implemented by both the embedded database and PostgreSQL. */
export interface SqlExecutor {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** The relational store of the platform: PGlite embedded by default, PostgreSQL when configured. */
export interface SqlDatabase extends SqlExecutor {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; rolls back when it throws. */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** An infrastructure error from the database; `retryable` says whether trying again may help. */
export class SqlUnavailableError extends Error {
  readonly code = 'SQL_UNAVAILABLE';
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SqlUnavailableError';
  }
}
