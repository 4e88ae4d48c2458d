/** `GET /api/dead-letters?reason&limit` items: telemetry that ingest rejected. */
export interface DeadLetterResponse {
  id: number;
  /** Null when the topic named no valid device. */
  deviceId: string | null;
  topic: string;
  /** A telemetry reject reason (`invalid_json`, `type_mismatch`, ...). */
  reason: string;
  detail: string;
  /** The payload as received (UTF-8, cut at 64 KiB). */
  payload: string;
  receivedAt: string;
}
