import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { domainErrorStatus, type ApiErrorCode } from './domain-error-codes';

/** What the request body parser says of a body it refuses (http-errors: 413 too large, 400 malformed, 415). */
interface BodyParserError {
  status: number;
  expose: boolean;
  type?: string;
}

/**
 * The parser's own 4xx answer for a body it refused (an oversized one is 413, not a 500); null for
 * anything else. Its message is meant for the client (`expose`).
 */
function clientError(error: unknown): { status: number; code: string; message: string } | null {
  const e = error as Partial<BodyParserError> & { message?: string };
  if (!e || typeof e.status !== 'number' || e.expose !== true || e.status < 400 || e.status > 499)
    return null;
  const code = e.type === 'entity.too.large' ? 'PAYLOAD_TOO_LARGE' : `HTTP_${e.status}`;
  return { status: e.status, code, message: e.message ?? 'bad request' };
}

/** Maps domain error codes to HTTP responses in one place (`DOMAIN_ERROR_STATUS`): `{ error: { code, message } }`. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  constructor(private readonly log: (line: string) => void = () => undefined) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
      const body = error.getResponse();
      const message =
        typeof body === 'string'
          ? body
          : ((body as { message?: unknown }).message ?? error.message);
      response
        .status(error.getStatus())
        .json({ error: { code: `HTTP_${error.getStatus()}`, message } });
      return;
    }
    const client = clientError(error);
    if (client) {
      response.status(client.status).json({ error: client });
      return;
    }
    const code = (error as { code?: unknown }).code;
    const status = domainErrorStatus(code);
    if (status) {
      const retryAfter = (error as { retryAfterSeconds?: unknown }).retryAfterSeconds;
      if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
      response.status(status).json({ error: { code, message: (error as Error).message } });
      return;
    }
    this.log(`http: unhandled error: ${(error as Error)?.stack ?? String(error)}`);
    response.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  }
}

/** A request that breaks an API rule; answered with 400. */
export class ValidationError extends Error {
  readonly code: ApiErrorCode = 'VALIDATION';
}

/** A resource that is not there (or not in the caller's scope); answered with 404. */
export class NotFoundError extends Error {
  readonly code: ApiErrorCode = 'NOT_FOUND';
}
