import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';
import { errorResponseSchema, type ApiRouteSpec } from '@hourglass/contracts-api';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A zod schema as OpenAPI 3.0 writes it: what is sent (`output`) or what is accepted (`input`). */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  return z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as SchemaObject;
}

/** Every operation of `document` as `METHOD /path` with the operation itself. */
export function operationsOf(document: OpenAPIObject): Array<[string, OperationObject]> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((m) => {
      const op = item[m];
      return op ? [[`${m.toUpperCase()} ${path}`, op] as [string, OperationObject]] : [];
    }),
  );
}

/**
 * Writes each route's success response (and request body) of `routes` into `document`, from the
 * zod schemas of @hourglass/contracts-api, and the error body (`ErrorResponse`) as every
 * operation's `default` response. A response a controller already describes with content (the
 * HTML of a health report) is kept.
 */
export function attachRouteSchemas(
  document: OpenAPIObject,
  routes: Readonly<Record<string, ApiRouteSpec>>,
): void {
  const error: ResponseObject = {
    description: 'an error: `{error: {code, message}}`',
    content: { 'application/json': { schema: openApiSchema(errorResponseSchema, 'output') } },
  };
  for (const [key, op] of operationsOf(document)) {
    op.responses.default ??= error;
    const spec = routes[key];
    if (!spec) continue;
    const described = Object.entries(op.responses).some(
      ([code, r]) => /^2/.test(code) && r && 'content' in r && r.content,
    );
    if (!described) {
      const said = op.responses[String(spec.status)];
      for (const code of Object.keys(op.responses)) if (/^2/.test(code)) delete op.responses[code];
      op.responses[String(spec.status)] = successResponse(
        spec,
        said && 'description' in said ? said.description : '',
      );
    }
    if (spec.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: openApiSchema(spec.body, 'input') } },
      };
    }
  }
}

/** The success answer of `spec`, keeping the description a controller gave it. */
function successResponse(spec: ApiRouteSpec, description: string): ResponseObject {
  if (!spec.response) return { description: description || 'no content' };
  return {
    description: description || 'success',
    content: {
      [spec.contentType ?? 'application/json']: { schema: openApiSchema(spec.response, 'output') },
    },
  };
}

/**
 * The operations of `document` without a documented 2xx answer: no 2xx response, or one that is
 * neither 204 nor carries a schema.
 */
export function operationsWithoutResponseSchema(document: OpenAPIObject): string[] {
  return operationsOf(document)
    .filter(([, op]) => {
      const success = Object.entries(op.responses).filter(([code]) => /^2/.test(code));
      return !success.some(
        ([code, r]) =>
          code === '204' ||
          (r !== undefined &&
            'content' in r &&
            Object.values(r.content ?? {}).some((media) => media.schema)),
      );
    })
    .map(([key]) => key);
}
