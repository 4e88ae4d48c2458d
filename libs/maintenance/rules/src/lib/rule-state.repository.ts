import type { SqlDatabase } from '@hourglass/platform-sql';
import type { RuleArmState, RuleFiring } from './rule-evaluator';

/** Where a rule stands on an asset and up to when its telemetry has been read (epoch ms, exclusive). */
export interface StoredRuleState extends RuleArmState {
  evaluatedTo: number;
}

const ms = (d: unknown) => (d === null || d === undefined ? null : new Date(d as Date).getTime());

/**
 * The evaluation round's bookkeeping (`maintenance_rule_states`, `maintenance_rule_firings`), keyed
 * by rule id: the rule was read in a scope before, so these carry none.
 */
export class RuleStateRepository {
  constructor(private readonly db: SqlDatabase) {}

  async states(ruleId: string): Promise<Map<string, StoredRuleState>> {
    const rows = await this.db.query<Record<string, unknown>>(
      'select * from maintenance_rule_states where rule_id = $1',
      [ruleId],
    );
    return new Map(
      rows.map((r) => [
        String(r.asset_id),
        {
          armed: Boolean(r.armed),
          breachSince: ms(r.breach_since),
          clearSince: ms(r.clear_since),
          evaluatedTo: ms(r.evaluated_to) ?? 0,
        },
      ]),
    );
  }

  async save(ruleId: string, assetId: string, state: StoredRuleState): Promise<void> {
    const at = (v: number | null) => (v === null ? null : new Date(v));
    await this.db.query(
      `insert into maintenance_rule_states (rule_id, asset_id, armed, breach_since, clear_since, evaluated_to)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (rule_id, asset_id) do update set armed = excluded.armed, breach_since = excluded.breach_since,
         clear_since = excluded.clear_since, evaluated_to = excluded.evaluated_to, updated_at = now()`,
      [
        ruleId,
        assetId,
        state.armed,
        at(state.breachSince),
        at(state.clearSince),
        new Date(state.evaluatedTo),
      ],
    );
  }

  async recordFiring(
    ruleId: string,
    assetId: string,
    firing: RuleFiring,
    order: { orderId: string; created: boolean } | null,
  ): Promise<void> {
    await this.db.query(
      `insert into maintenance_rule_firings (rule_id, asset_id, fired_at, value, order_id, order_created)
       values ($1, $2, $3, $4, $5, $6) on conflict do nothing`,
      [
        ruleId,
        assetId,
        new Date(firing.at),
        firing.value,
        order?.orderId ?? null,
        order?.created ?? false,
      ],
    );
  }

  /** The firings of a rule, newest first. */
  async firings(
    ruleId: string,
    limit = 100,
  ): Promise<
    Array<{
      assetId: string;
      firedAt: string;
      value: number;
      orderId: string | null;
      orderCreated: boolean;
    }>
  > {
    const rows = await this.db.query<Record<string, unknown>>(
      'select * from maintenance_rule_firings where rule_id = $1 order by fired_at desc limit $2',
      [ruleId, limit],
    );
    return rows.map((r) => ({
      assetId: String(r.asset_id),
      firedAt: new Date(r.fired_at as Date).toISOString(),
      value: Number(r.value),
      orderId: (r.order_id as string | null) ?? null,
      orderCreated: Boolean(r.order_created),
    }));
  }
}
