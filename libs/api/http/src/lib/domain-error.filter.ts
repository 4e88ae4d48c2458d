import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { domainErrorStatus, type ApiErrorCode } from './domain-error-codes';

/** Maps domain error codes to HTTP responses in one place (`DOMAIN_ERROR_STATUS`): `{ error: { code, message } }`. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  constructor(private readonly log: (line: string) => void = () => undefined) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof HttpException) {
      const body = error.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? error.message);
      response.status(error.getStatus()).json({ error: { code: `HTTP_${error.getStatus()}`, message } });
      return;
    }
    const code = (error as { code?: unknown }).code;
    const status = domainErrorStatus(code);
    if (status) {
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
