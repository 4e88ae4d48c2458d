import { TelemetryStoreError } from '@hourglass/telemetry-store';
import type { InfluxV2Answer, InfluxV2Api } from './influx-v2-setup';

/** {@link InfluxV2Api} over `fetch`, with the store's token; a refused connection is a retryable store error. */
export class FetchInfluxV2Api implements InfluxV2Api {
  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  async call(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body?: unknown,
  ): Promise<InfluxV2Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers['authorization'] = `Token ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(new URL(path, this.url), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TelemetryStoreError(`InfluxDB unreachable: ${(error as Error).message}`, true);
    }
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { message: text };
    }
    return { status: response.status, body: parsed };
  }
}
