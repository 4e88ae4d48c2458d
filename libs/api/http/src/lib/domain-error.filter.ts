import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

const STATUS_BY_CODE: Record<string, number> = {
  DEVICE_NOT_FOUND: 404,
  DEVICE_EXISTS: 409,
  DEVICE_INVALID: 400,
  NOT_FOUND: 404,
  MODEL_NOT_FOUND: 404,
  MODEL_CONFLICT: 409,
  CONTRACT_CONFLICT: 409,
  USER_EXISTS: 409,
  VALIDATION: 400,
  SQL_UNAVAILABLE: 503,
  TELEMETRY_STORE: 503,
};

/** Maps domain error codes to HTTP responses in one place: `{ error: { code, message } }`. */
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
    const status = typeof code === 'string' ? STATUS_BY_CODE[code] : undefined;
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
  readonly code = 'VALIDATION';
}

/** A resource that is not there (or not in the caller's scope); answered with 404. */
export class NotFoundError extends Error {
  readonly code = 'NOT_FOUND';
}
