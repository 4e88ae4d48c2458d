/** One HTTP POST of a delivery. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** What the receiver answered; `statusCode` null when no answer came. */
export interface WebhookResponse {
  statusCode: number | null;
  /** `Retry-After` as sent, if any. */
  retryAfter?: string;
  error?: string;
}

/** Sends deliveries; the job takes one so tests and other transports can stand in. */
export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookResponse>;
}

/**
 * POSTs with `fetch`. Redirects are not followed (a 3xx is a failure): a receiver must give its
 * final URL, and a redirect must not carry a signed event somewhere else.
 */
export class FetchWebhookSender implements WebhookSender {
  async send(request: WebhookRequest): Promise<WebhookResponse> {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(request.timeoutMs),
      });
      // Drain the body so the connection is released; its content is not logged (it may be large).
      await response.arrayBuffer().catch(() => undefined);
      return {
        statusCode: response.status,
        retryAfter: response.headers.get('retry-after') ?? undefined,
      };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const detail =
        e.name === 'TimeoutError'
          ? `timed out after ${request.timeoutMs} ms`
          : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { statusCode: null, error: detail };
    }
  }
}
