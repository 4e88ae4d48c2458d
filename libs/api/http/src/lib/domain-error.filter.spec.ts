import { HttpException, type ArgumentsHost } from '@nestjs/common';
import { BillingError } from '@hourglass/billing-records';
import { DeviceError } from '@hourglass/devices-registry';
import { TaskCostError } from '@hourglass/maintenance-tasks';
import { SqlUnavailableError } from '@hourglass/platform-sql';
import { TelemetryStoreError } from '@hourglass/telemetry-store';
import { UserError } from './auth/user.service';
import { DOMAIN_ERROR_STATUS, type DomainErrorCode } from './domain-error-codes';
import { DomainErrorFilter, NotFoundError, ValidationError } from './domain-error.filter';

interface Answer {
  status: number;
  body: { error: { code: string; message: unknown } };
  headers?: Record<string, string>;
}

function answer(error: unknown, log: (line: string) => void = () => undefined): Answer {
  const out = { status: 0, body: undefined as unknown } as Answer;
  const response = {
    setHeader(name: string, value: string) {
      out.headers = { ...out.headers, [name]: value };
    },
    status(code: number) {
      out.status = code;
      return response;
    },
    json(body: Answer['body']) {
      out.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new DomainErrorFilter(log).catch(error, host);
  return out;
}

const coded = (code: string, message = `a ${code} error`) =>
  Object.assign(new Error(message), { code });

describe(DomainErrorFilter.name, () => {
  it('answers every domain error code with its own status and code, never the unplanned 500', () => {
    const codes = Object.keys(DOMAIN_ERROR_STATUS) as DomainErrorCode[];
    expect(codes.length).toBeGreaterThanOrEqual(18);
    for (const code of codes) {
      const sut = answer(coded(code));
      expect({ code, status: sut.status }).toEqual({ code, status: DOMAIN_ERROR_STATUS[code] });
      expect(sut.body.error).toEqual({ code, message: `a ${code} error` });
    }
  });

  it('answers a corrupt model with 422 and a message that says so', () => {
    const sut = answer(
      coded('MODEL_CORRUPT', 'fd-v3: weights.bin does not match the hash in model-card.json'),
    );
    expect(sut.status).toBe(422);
    expect(sut.body.error).toEqual({
      code: 'MODEL_CORRUPT',
      message: 'fd-v3: weights.bin does not match the hash in model-card.json',
    });
  });

  it.each([
    [new ValidationError('v'), 400],
    [new NotFoundError('n'), 404],
    [new UserError('USER_EXISTS', 'u'), 409],
    [new DeviceError('DEVICE_EXISTS', 'd'), 409],
    [new BillingError('CONTRACT_CONFLICT', 'b'), 409],
    [new TaskCostError('t'), 400],
    [new SqlUnavailableError('s'), 503],
    [new TelemetryStoreError('t', true), 503],
  ])('maps the real error %p to %i', (error, status) => {
    expect(answer(error).status).toBe(status);
  });

  it('answers an unknown error with a 500 that hides its message, and logs it', () => {
    const lines: string[] = [];
    const sut = answer(coded('SOMETHING_ELSE', 'secret detail'), (line) => lines.push(line));
    expect(sut).toEqual({
      status: 500,
      body: { error: { code: 'INTERNAL', message: 'internal error' } },
    });
    expect(lines.join('\n')).toMatch(/secret detail/);
  });

  it('does not take inherited properties for codes', () => {
    expect(answer(coded('toString')).status).toBe(500);
  });

  it('answers a Nest HttpException with its own status and message, and Retry-After when it carries one', () => {
    expect(answer(new HttpException({ message: 'slow down' }, 429))).toEqual({
      status: 429,
      body: { error: { code: 'HTTP_429', message: 'slow down' } },
    });
    const throttled = Object.assign(new HttpException('too many', 429), { retryAfterSeconds: 60 });
    expect(answer(throttled)).toEqual({
      status: 429,
      body: { error: { code: 'HTTP_429', message: 'too many' } },
      headers: { 'Retry-After': '60' },
    });
  });

  it("answers the body parser's exposed 4xx with its status (413 as PAYLOAD_TOO_LARGE), and anything else like it with a hidden 500", () => {
    const parserError = (status: number, type: string, expose = true) =>
      Object.assign(new Error(`parser ${status}`), { status, type, expose });
    expect(answer(parserError(413, 'entity.too.large'))).toEqual({
      status: 413,
      body: { error: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'parser 413' } },
    });
    expect(answer(parserError(400, 'entity.parse.failed'))).toEqual({
      status: 400,
      body: { error: { status: 400, code: 'HTTP_400', message: 'parser 400' } },
    });
    expect(answer(parserError(400, 'x', false)).status).toBe(500);
    expect(answer(parserError(502, 'x')).status).toBe(500);
  });
});
