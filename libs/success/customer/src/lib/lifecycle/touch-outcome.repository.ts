import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';
import { SuccessError } from '../success.error';
import { TOUCH_OUTCOMES, type TouchOutcome, type TouchOutcomeKind } from './lifecycle.types';

interface OutcomeRow {
  touch_id: string;
  outcome: string;
  note: string | null;
  recorded_by: string;
  recorded_at: Date | string;
}

/** What a caller sends to record an outcome: `{outcome, note?}`. */
export function parseTouchOutcome(body: unknown): {
  outcome: TouchOutcomeKind;
  note: string | null;
} {
  const b = (body ?? {}) as { outcome?: unknown; note?: unknown };
  if (!TOUCH_OUTCOMES.includes(b.outcome as TouchOutcomeKind))
    throw new SuccessError(
      'SUCCESS_INVALID',
      `outcome must be one of ${TOUCH_OUTCOMES.join(', ')}`,
    );
  if (
    b.note !== undefined &&
    b.note !== null &&
    (typeof b.note !== 'string' || b.note.length > 2000)
  )
    throw new SuccessError('SUCCESS_INVALID', 'note must be a string of at most 2000 characters');
  return { outcome: b.outcome as TouchOutcomeKind, note: (b.note as string | undefined) ?? null };
}

/** The recorded outcomes of touches (`touch_outcomes`), by the touch's stable id. */
export class TouchOutcomeRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** The outcomes of `touchIds` visible in `scope`. */
  async outcomes(scope: Scope, touchIds: readonly string[]): Promise<Map<string, TouchOutcome>> {
    const params: unknown[] = [[...touchIds]];
    const rows = await this.db.query<OutcomeRow>(
      `select touch_id, outcome, note, recorded_by, recorded_at from touch_outcomes
        where touch_id = any($1::text[]) and ${scopeCondition(scope, 'tenant_id', params)}`,
      params as SqlValue[],
    );
    return new Map(
      rows.map((r) => [
        r.touch_id,
        {
          outcome: r.outcome as TouchOutcomeKind,
          note: r.note,
          recordedBy: r.recorded_by,
          recordedAt: new Date(r.recorded_at).toISOString(),
        },
      ]),
    );
  }

  /** Records (or replaces) the outcome of touch `touchId` of `tenantId`, by `actor`. */
  async record(
    touchId: string,
    tenantId: string,
    outcome: { outcome: TouchOutcomeKind; note: string | null },
    actor: string,
  ): Promise<void> {
    await this.db.query(
      `insert into touch_outcomes (touch_id, tenant_id, outcome, note, recorded_by) values ($1, $2, $3, $4, $5)
       on conflict (touch_id) do update set outcome = excluded.outcome, note = excluded.note,
         recorded_by = excluded.recorded_by, recorded_at = now()`,
      [touchId, tenantId, outcome.outcome, outcome.note, actor],
    );
  }
}
