import type { Response } from 'express';
import type { TelemetryRange, TelemetryRow, TelemetryStore } from '@hourglass/telemetry-store';
import { encodeCursor } from '../paging/page-cursor';
import { JsonStreamWriter } from './json-stream-writer';
import type { TelemetryReadLimits } from './telemetry-read-limits';

/** Room kept under the byte budget for the closing `],"nextCursor":"..."}`. */
const TAIL_BYTES = 128;

/** A read of one device's series: the range with its row limit settled. */
export type TelemetryRead = TelemetryRange & { limit: number };

/**
 * Streams a telemetry answer: reads the store in chunks (keyset on `ts`, unique per device and
 * resolution) and writes each row as it comes, so the process never holds the whole answer. Ends the
 * page early at the row limit or the byte budget with `nextCursor` = the first row left out.
 */
export class TelemetryReadService {
  constructor(
    private readonly store: TelemetryStore,
    private readonly limits: TelemetryReadLimits,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Answers `{...head, items: [...], nextCursor?}` on `res`; errors before the first byte are thrown (the filter answers them). */
  async stream(
    res: Response,
    deviceId: string,
    head: Record<string, unknown>,
    read: TelemetryRead,
  ): Promise<void> {
    const first = await this.chunk(deviceId, read, read.from, read.limit);
    res.status(200).type('application/json');
    const out = new JsonStreamWriter(res);
    try {
      await out.write(`${JSON.stringify(head).slice(0, -1)},"items":[`);
      const next = await this.writeRows(out, deviceId, read, first);
      await out.end(
        next === null ? ']}' : `],"nextCursor":${JSON.stringify(encodeCursor([next]))}}`,
      );
    } catch (error) {
      // Headers are gone: the only honest signal left is a cut connection.
      this.log(
        `http: telemetry stream of ${deviceId} failed: ${(error as Error)?.stack ?? String(error)}`,
      );
      res.destroy(error as Error);
    }
  }

  /** Writes rows until the range, the row limit or the byte budget ends; the `ts` to resume from, or null. */
  private async writeRows(
    out: JsonStreamWriter,
    deviceId: string,
    read: TelemetryRead,
    first: TelemetryRow[],
  ): Promise<number | null> {
    let rows = first;
    let sent = 0;
    for (;;) {
      for (const row of rows) {
        if (sent === read.limit) return row.ts;
        const text = (sent === 0 ? '' : ',') + JSON.stringify(row);
        if (
          sent > 0 &&
          out.bytes + Buffer.byteLength(text) + TAIL_BYTES > this.limits.maxResponseBytes
        )
          return row.ts;
        await out.write(text);
        sent += 1;
        if (out.closed) return null;
      }
      const asked = this.chunkSize(read.limit - (sent - rows.length));
      if (rows.length < asked || rows.length === 0) return null;
      rows = await this.chunk(deviceId, read, rows[rows.length - 1].ts + 1, read.limit - sent);
    }
  }

  private chunkSize(remaining: number): number {
    return Math.min(this.limits.chunkRows, remaining + 1);
  }

  /** Up to a chunk of rows from `from` on; one more than `remaining` tells whether the limit cuts the range. */
  private chunk(
    deviceId: string,
    read: TelemetryRead,
    from: number,
    remaining: number,
  ): Promise<TelemetryRow[]> {
    return this.store.query(deviceId, { ...read, from, limit: this.chunkSize(remaining) });
  }
}
