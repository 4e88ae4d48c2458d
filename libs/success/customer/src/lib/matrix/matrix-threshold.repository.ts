import type { SqlDatabase } from '@hourglass/platform-sql';
import {
  DEFAULT_MATRIX_THRESHOLDS,
  parseMatrixThresholds,
  type MatrixThresholds,
} from './value-matrix';

/** The provider's value-matrix thresholds (`value_matrix_thresholds`); the spec's defaults until changed. */
export class MatrixThresholdRepository {
  constructor(private readonly db: SqlDatabase) {}

  async get(): Promise<{
    thresholds: MatrixThresholds;
    updatedBy: string | null;
    updatedAt: string | null;
  }> {
    const [row] = await this.db.query<{
      customer_value: number | string;
      margin_pct: number | string;
      updated_by: string;
      updated_at: Date;
    }>(
      `select customer_value, margin_pct, updated_by, updated_at from value_matrix_thresholds where id = 'provider'`,
    );
    if (!row)
      return { thresholds: { ...DEFAULT_MATRIX_THRESHOLDS }, updatedBy: null, updatedAt: null };
    return {
      thresholds: {
        customerValue: Number(row.customer_value),
        marginPct: Number(row.margin_pct),
      },
      updatedBy: row.updated_by,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /** Replaces the thresholds (checked by {@link parseMatrixThresholds}), recording who changed them. */
  async put(thresholds: unknown, actor: string): Promise<MatrixThresholds> {
    const parsed = parseMatrixThresholds(thresholds);
    await this.db.query(
      `insert into value_matrix_thresholds (id, customer_value, margin_pct, updated_by) values ('provider', $1, $2, $3)
       on conflict (id) do update set customer_value = excluded.customer_value, margin_pct = excluded.margin_pct,
         updated_by = excluded.updated_by, updated_at = now()`,
      [parsed.customerValue, parsed.marginPct, actor],
    );
    return parsed;
  }
}
