import type { OpenAPIObject } from '@nestjs/swagger';
import { declareCommonErrors } from './openapi';

function documentWith(paths: OpenAPIObject['paths']): OpenAPIObject {
  return {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    security: [{ bearer: [] }],
    paths,
  };
}

describe('declareCommonErrors', () => {
  it('declares 404 on a path naming a record, and 400 where there is input', () => {
    const document = documentWith({
      '/api/v1/incidents/{id}': {
        get: {
          parameters: [{ name: 'id', in: 'path', required: true }],
          responses: { 200: { description: 'the incident' } },
        },
      },
    });
    declareCommonErrors(document);
    const responses = document.paths['/api/v1/incidents/{id}']!.get!.responses;
    expect(Object.keys(responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
  });

  it('declares 503 with its Retry-After on every operation: any may find the database away or busy', () => {
    const document = documentWith({
      '/api/v1/public': { get: { security: [], responses: { 200: { description: 'ok' } } } },
    });
    declareCommonErrors(document);
    expect(document.paths['/api/v1/public']!.get!.responses[503]).toMatchObject({
      headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
      content: { 'application/problem+json': {} },
    });
  });

  it('declares no 400 for an operation without parameters or body', () => {
    const document = documentWith({
      '/api/v1/priority-matrix': { get: { responses: { 200: { description: 'the matrix' } } } },
    });
    declareCommonErrors(document);
    expect(document.paths['/api/v1/priority-matrix']!.get!.responses).not.toHaveProperty('400');
  });

  it("keeps an operation's own declaration of a status", () => {
    const own = { description: 'Idempotency-Key reused or body invalid' };
    const document = documentWith({
      '/api/v1/things': { post: { requestBody: { content: {} }, responses: { 400: own } } },
    });
    declareCommonErrors(document);
    expect(document.paths['/api/v1/things']!.post!.responses[400]).toBe(own);
  });

  it('declares no 401 or 403 for an operation that needs no token', () => {
    const document = documentWith({
      '/api/v1/public': { get: { security: [], responses: { 200: { description: 'ok' } } } },
    });
    declareCommonErrors(document);
    expect(Object.keys(document.paths['/api/v1/public']!.get!.responses)).toEqual(['200', '503']);
  });

  it('declares no 401 or 403 for an operation authorised by another scheme than the bearer token', () => {
    const document = documentWith({
      '/api/v1/feeds/{id}.ics': {
        get: {
          security: [{ calendarFeedToken: [] }],
          parameters: [{ name: 'id', in: 'path', required: true }],
          responses: { 200: { description: 'the feed' } },
        },
      },
    });
    declareCommonErrors(document);
    expect(Object.keys(document.paths['/api/v1/feeds/{id}.ics']!.get!.responses).sort()).toEqual([
      '200',
      '400',
      '404',
      '503',
    ]);
  });
});
