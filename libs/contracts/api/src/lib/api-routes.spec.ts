import { apiMethod, apiPath } from './api-path';
import { API_ROUTES } from './api-routes';

describe('apiPath', () => {
  it('puts each encoded parameter in its place', () => {
    expect(apiPath('GET /api/tasks/{id}/history', { id: 'a b/c' })).toBe(
      '/api/tasks/a%20b%2Fc/history',
    );
    expect(
      apiPath('DELETE /api/contracts/{id}/windows/{windowId}', { id: 'c-1', windowId: 'w-2' }),
    ).toBe('/api/contracts/c-1/windows/w-2');
  });

  it('appends the query, leaving out what is undefined', () => {
    expect(apiPath('GET /api/tasks', {}, { status: 'OPEN', cursor: undefined, limit: 5 })).toBe(
      '/api/tasks?status=OPEN&limit=5',
    );
    expect(apiPath('GET /api/tasks', {}, { cursor: undefined })).toBe('/api/tasks');
  });

  it('refuses a missing parameter', () => {
    expect(() => apiPath('GET /api/tasks/{id}', {} as { id: string })).toThrow(
      'GET /api/tasks/{id}: no value for {id}',
    );
  });
});

describe('apiMethod', () => {
  it('is the first word of the key', () => {
    expect(apiMethod('PATCH /api/tasks/{id}')).toBe('PATCH');
  });
});

describe('API_ROUTES', () => {
  it('gives every answered route a response schema and 204 routes none', () => {
    const wrong = Object.entries(API_ROUTES).filter(
      ([, spec]) => (spec.status === 204) === 'response' in spec,
    );
    expect(wrong.map(([key]) => key)).toEqual([]);
  });
});
