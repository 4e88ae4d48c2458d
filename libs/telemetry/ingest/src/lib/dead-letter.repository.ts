import type { SqlDatabase } from '@hourglass/platform-sql';

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

/** Which dead letters {@link DeadLetterRepository.list} answers. */
export interface DeadLetterListOptions {
  /** At most this many (default 100, at most 1,001). */
  limit?: number;
  /** Only this reason. */
  reason?: string;
  /** Only ids below this one (the next keyset page). */
  before?: number;
  /** Only letters of these devices (a customer's tenant's); unknown devices' letters are then left out. Default: every letter. */
  deviceIds?: readonly string[];
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

  /**
   * Newest first (`before`: only ids below it, for keyset pages). `deviceIds` keeps only those devices'
   * letters (ingest knows no tenants: the caller passes a tenant's devices); without it, every letter,
   * those of unknown devices included, which only the provider may see.
   */
  async list(options: DeadLetterListOptions = {}): Promise<StoredDeadLetter[]> {
    const params: unknown[] = [
      options.deviceIds ?? null,
      options.reason ?? null,
      options.before ?? null,
      Math.min(options.limit ?? 100, 1_001),
    ];
    const rows = await this.db.query<{
      id: number;
      device_id: string | null;
      topic: string;
      reason: string;
      detail: string;
      payload: string;
      received_at: Date;
    }>(
      `select * from dead_letters d where ($1::text[] is null or d.device_id = any($1::text[])) and ($2::text is null or d.reason = $2)
         and ($3::bigint is null or d.id < $3::bigint)
       order by d.id desc limit $4`,
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
