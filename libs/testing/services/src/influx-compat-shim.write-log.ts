import { gunzipSync } from 'node:zlib';

/** One `POST /api/v2/write` the shim received, as `InfluxServer.writeLog()` returns it. */
export interface InfluxWriteRecord {
  /** Sequence number in this shim, from 1. */
  id: number;
  /** Epoch ms when the request body was complete. */
  receivedAt: number;
  /** Epoch ms when the answer went out; null while the write is in flight (or its client left). */
  answeredAt: number | null;
  /** Status answered; null while in flight or when no answer could be sent. */
  status: number | null;
  /** Non-empty lines of line protocol in the body. */
  lines: number;
  /** The token of `Authorization: Token <token>` (any token is accepted), to tell writers apart. */
  token: string | null;
  /** True when a fault (latency or status) was applied to this write. */
  injected: boolean;
}

/** The last `capacity` writes the shim received, oldest first. */
export class InfluxWriteLog {
  private readonly records: InfluxWriteRecord[] = [];
  private nextId = 1;

  constructor(private readonly capacity = 10_000) {}

  /** Records a received write; the returned record is completed by {@link answered}. */
  received(entry: Pick<InfluxWriteRecord, 'lines' | 'token' | 'injected'>, at = Date.now()) {
    const record: InfluxWriteRecord = {
      id: this.nextId++,
      receivedAt: at,
      answeredAt: null,
      status: null,
      ...entry,
    };
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.shift();
    return record;
  }

  /** Completes a record once its answer is out (`status` null: the client went away first). */
  answered(record: InfluxWriteRecord, status: number | null, at = Date.now()): void {
    record.answeredAt = at;
    record.status = status;
  }

  list(): InfluxWriteRecord[] {
    return this.records.map((record) => ({ ...record }));
  }
}

/** Non-empty line-protocol lines in a write body (gunzipped when `encoding` is gzip). */
export function countLines(body: Buffer, encoding?: string): number {
  let text: string;
  try {
    text = (encoding === 'gzip' ? gunzipSync(body) : body).toString('utf8');
  } catch {
    return 0; // influxd will refuse the body anyway
  }
  let lines = 0;
  for (const line of text.split('\n')) if (line.trim() !== '') lines++;
  return lines;
}

/** The token of an `Authorization: Token <token>` (or `Bearer`) header, else null. */
export function tokenOf(authorization: string | undefined): string | null {
  const match = /^(?:Token|Bearer)\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match ? match[1] : null;
}
