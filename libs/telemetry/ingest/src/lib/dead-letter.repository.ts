import type { SqlDatabase } from '@hourglass/platform-sql';
import { scopeCondition, type Scope } from '@hourglass/platform-tenancy';

/** A rejected message (or part of one), kept so an operator can see what a device sent. */
export interface DeadLetter {
  deviceId: string | null;
  topic: string;
  reason: string;
  detail: string;
  /** The payload as received (UTF-8, cut at 64 KiB). */
  payload: string;
}

export interface StoredDeadLetter extends DeadLetter {
  id: number;
  receivedAt: string;
}

const MAX_PAYLOAD_CHARS = 65_536;

/** Dead-letter store in the relational database. */
export class DeadLetterRepository {
  constructor(private readonly db: SqlDatabase) {}

  async insert(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await this.db.query(
      `insert into dead_letters (device_id, topic, reason, detail, payload)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      [
        letters.map((l) => l.deviceId) as string[],
        letters.map((l) => l.topic),
        letters.map((l) => l.reason),
        letters.map((l) => l.detail),
        // PostgreSQL text cannot hold NUL; keep everything else as received.
        letters.map((l) => l.payload.slice(0, MAX_PAYLOAD_CHARS).replaceAll('\u0000', '\\u0000')),
      ],
    );
  }

  /** Newest first (`before`: only ids below it, for keyset pages). Dead letters of unknown devices are visible to the provider only. */
  async list(scope: Scope, options: { limit?: number; reason?: string; before?: number } = {}): Promise<StoredDeadLetter[]> {
    const params: unknown[] = [];
    const tenant =
      scope.kind === 'provider' ? 'true' : `d.device_id in (select id from devices where ${scopeCondition(scope, 'tenant_id', params)})`;
    params.push(options.reason ?? null);
    const reasonIndex = params.length;
    params.push(options.before ?? null);
    const beforeIndex = params.length;
    params.push(Math.min(options.limit ?? 100, 1_001));
    const rows = await this.db.query<{
      id: number;
      device_id: string | null;
      topic: string;
      reason: string;
      detail: string;
      payload: string;
      received_at: Date;
    }>(
      `select * from dead_letters d where ${tenant} and ($${reasonIndex}::text is null or d.reason = $${reasonIndex})
         and ($${beforeIndex}::bigint is null or d.id < $${beforeIndex}::bigint)
       order by d.id desc limit $${params.length}`,
      params as string[],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      deviceId: r.device_id,
      topic: r.topic,
      reason: r.reason,
      detail: r.detail,
      payload: r.payload,
      receivedAt: new Date(r.received_at).toISOString(),
    }));
  }
}
