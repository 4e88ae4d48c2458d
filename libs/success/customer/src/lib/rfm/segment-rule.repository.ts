import type { SqlDatabase } from '@hourglass/platform-sql';
import { SuccessError } from '../success.error';
import { DEFAULT_SEGMENT_RULES, type ScoreBound, type SegmentRule } from './rfm.types';

const SCORE_KEYS = ['r', 'f', 'm'] as const;
const isScore = (v: unknown) =>
  v === undefined || (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5);

function parseBound(v: unknown, where: string): ScoreBound | undefined {
  if (v === undefined) return undefined;
  const b = v as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || Object.keys(b).some((k) => k !== 'min' && k !== 'max'))
    throw new SuccessError('SUCCESS_INVALID', `${where}: {min?, max?} expected`);
  if (!isScore(b.min) || !isScore(b.max))
    throw new SuccessError('SUCCESS_INVALID', `${where}: min and max are scores 1-5`);
  return {
    ...(b.min === undefined ? {} : { min: b.min as number }),
    ...(b.max === undefined ? {} : { max: b.max as number }),
  };
}

/**
 * Checks segment rules given as data: 1-50 rules, each a segment name (A-Z, 0-9, _; up to 40) and
 * bounds on r, f and m (integers 1-5).
 *
 * @throws SuccessError `SUCCESS_INVALID` naming the first offending rule.
 */
export function parseSegmentRules(value: unknown): SegmentRule[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > 50)
    throw new SuccessError('SUCCESS_INVALID', 'rules: an array of 1 to 50 rules');
  return value.map((raw, i) => {
    const rule = raw as { segment?: unknown; when?: Record<string, unknown> };
    if (typeof rule?.segment !== 'string' || !/^[A-Z0-9_]{1,40}$/.test(rule.segment))
      throw new SuccessError('SUCCESS_INVALID', `rules[${i}].segment: A-Z, 0-9 and _, 1-40`);
    const when = rule.when ?? {};
    if (
      typeof when !== 'object' ||
      Object.keys(when).some((k) => !(SCORE_KEYS as readonly string[]).includes(k))
    )
      throw new SuccessError('SUCCESS_INVALID', `rules[${i}].when: bounds on r, f and m only`);
    const bounds: SegmentRule['when'] = {};
    for (const k of SCORE_KEYS) {
      const b = parseBound(when[k], `rules[${i}].when.${k}`);
      if (b) bounds[k] = b;
    }
    return { segment: rule.segment, when: bounds };
  });
}

/** The provider's segment rules (`rfm_segment_rules`); the spec's defaults until changed. */
export class SegmentRuleRepository {
  constructor(private readonly db: SqlDatabase) {}

  async get(): Promise<{
    rules: SegmentRule[];
    updatedBy: string | null;
    updatedAt: string | null;
  }> {
    const [row] = await this.db.query<{ rules: unknown; updated_by: string; updated_at: Date }>(
      `select rules, updated_by, updated_at from rfm_segment_rules where id = 'provider'`,
    );
    if (!row) return { rules: [...DEFAULT_SEGMENT_RULES], updatedBy: null, updatedAt: null };
    const rules = typeof row.rules === 'string' ? JSON.parse(row.rules) : row.rules;
    return {
      rules: parseSegmentRules(rules),
      updatedBy: row.updated_by,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /** Replaces the rules (checked by {@link parseSegmentRules}), recording who changed them. */
  async put(rules: unknown, actor: string): Promise<SegmentRule[]> {
    const parsed = parseSegmentRules(rules);
    await this.db.query(
      `insert into rfm_segment_rules (id, rules, updated_by) values ('provider', $1::jsonb, $2)
       on conflict (id) do update set rules = excluded.rules, updated_by = excluded.updated_by, updated_at = now()`,
      [JSON.stringify(parsed), actor],
    );
    return parsed;
  }
}
