import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import type { ApiRouteSpec } from '@hourglass/contracts-api';
import { attachRouteSchemas, operationsWithoutResponseSchema } from './route-schemas';

/** A document as @nestjs/swagger writes it before the schemas: bare 2xx descriptions. */
function nestDocument(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/api/things/{id}': {
        get: { responses: { '200': { description: 'the thing' } } },
        delete: { responses: { '204': { description: '' } } },
      },
      '/api/report': {
        get: {
          responses: {
            '200': {
              description: 'HTML',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/api/other': { post: { responses: { '201': { description: '' } } } },
    },
  };
}

const ROUTES: Record<string, ApiRouteSpec> = {
  'GET /api/things/{id}': { status: 200, response: z.strictObject({ id: z.string() }) },
  'DELETE /api/things/{id}': { status: 204 },
  'GET /api/report': { status: 200, response: z.object({ ignored: z.string() }) },
};

describe('attachRouteSchemas', () => {
  it("writes each route's success schema, keeping the controller's description", () => {
    const sut = nestDocument();
    attachRouteSchemas(sut, ROUTES);
    expect(sut.paths['/api/things/{id}'].get?.responses['200']).toEqual({
      description: 'the thing',
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: { id: { type: 'string' } },
            required: ['id'],
            additionalProperties: false,
          },
        },
      },
    });
    expect(sut.paths['/api/things/{id}'].delete?.responses['204']).toEqual({
      description: 'no content',
    });
  });

  it('keeps a success answer a controller described with content', () => {
    const sut = nestDocument();
    attachRouteSchemas(sut, ROUTES);
    expect(sut.paths['/api/report'].get?.responses['200']).toEqual(
      nestDocument().paths['/api/report'].get?.responses['200'],
    );
  });

  it('gives every operation the error body as its default answer', () => {
    const sut = nestDocument();
    attachRouteSchemas(sut, ROUTES);
    expect(sut.paths['/api/other'].post?.responses['default']).toMatchObject({
      content: { 'application/json': { schema: { required: ['error'] } } },
    });
  });
});

describe('operationsWithoutResponseSchema', () => {
  it('names the operations with neither a 2xx schema nor a 204', () => {
    expect(operationsWithoutResponseSchema(nestDocument())).toEqual([
      'GET /api/things/{id}',
      'POST /api/other',
    ]);
    const documented = nestDocument();
    attachRouteSchemas(documented, ROUTES);
    expect(operationsWithoutResponseSchema(documented)).toEqual(['POST /api/other']);
  });
});
