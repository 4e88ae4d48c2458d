import type { SqlDatabase, SqlValue } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';

/** One customer's answer to the question after a completed order. */
export interface NpsAnswer {
  taskId: string;
  tenantId: string;
  assetId: string;
  score: number;
  comment: string | null;
  answeredBy: string;
  orderCompletedAt: string;
  answeredAt: string;
  partnerId: string | null;
  region: string | null;
}

interface AnswerRow {
  task_id: string;
  tenant_id: string;
  asset_id: string;
  score: number;
  comment: string | null;
  answered_by: string;
  order_completed_at: Date | string;
  answered_at: Date | string;
  partner_id: string | null;
  region: string | null;
}

const toAnswer = (r: AnswerRow): NpsAnswer => ({
  taskId: r.task_id,
  tenantId: r.tenant_id,
  assetId: r.asset_id,
  score: Number(r.score),
  comment: r.comment,
  answeredBy: r.answered_by,
  orderCompletedAt: new Date(r.order_completed_at).toISOString(),
  answeredAt: new Date(r.answered_at).toISOString(),
  partnerId: r.partner_id,
  region: r.region,
});

/** The `nps_answers` table: one answer per order, scoped by tenant. */
export class NpsAnswerRepository {
  constructor(private readonly db: SqlDatabase) {}

  /** Stores `answer` unless the order was answered already; returns it, or null when one existed. */
  async insertIfNone(answer: NpsAnswer): Promise<NpsAnswer | null> {
    const rows = await this.db.query<AnswerRow>(
      `insert into nps_answers (task_id, tenant_id, asset_id, score, comment, answered_by, order_completed_at, answered_at, partner_id, region)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       on conflict (task_id) do nothing returning *`,
      [
        answer.taskId,
        answer.tenantId,
        answer.assetId,
        answer.score,
        answer.comment,
        answer.answeredBy,
        answer.orderCompletedAt,
        answer.answeredAt,
        answer.partnerId,
        answer.region,
      ],
    );
    return rows[0] ? toAnswer(rows[0]) : null;
  }

  /** The answer to order `taskId` in `scope`, or null. */
  async get(scope: Scope, taskId: string): Promise<NpsAnswer | null> {
    const params: unknown[] = [taskId];
    const rows = await this.db.query<AnswerRow>(
      `select * from nps_answers where task_id = $1 and ${scopeCondition(scope, 'tenant_id', params)}`,
      params as SqlValue[],
    );
    return rows[0] ? toAnswer(rows[0]) : null;
  }

  /** Answers given in `[from, to)` (ISO instants) in `scope`, oldest first. */
  async answeredIn(scope: Scope, from: string, to: string): Promise<NpsAnswer[]> {
    const params: unknown[] = [from, to];
    const rows = await this.db.query<AnswerRow>(
      `select * from nps_answers where answered_at >= $1 and answered_at < $2
         and ${scopeCondition(scope, 'tenant_id', params)}
       order by answered_at, task_id`,
      params as SqlValue[],
    );
    return rows.map(toAnswer);
  }

  /**
   * The latest `perTenant` answers given before `before` of each tenant in `scope` (newest first):
   * the NPS input of the health score, one statement for the whole portfolio.
   */
  async latestPerTenant(scope: Scope, before: string, perTenant: number): Promise<NpsAnswer[]> {
    const params: unknown[] = [before, perTenant];
    const rows = await this.db.query<AnswerRow>(
      `select * from (
         select a.*, row_number() over (partition by tenant_id order by answered_at desc, task_id) as rn
         from nps_answers a where answered_at < $1 and ${scopeCondition(scope, 'tenant_id', params)}) ranked
       where rn <= $2 order by tenant_id, answered_at desc, task_id`,
      params as SqlValue[],
    );
    return rows.map(toAnswer);
  }
}
