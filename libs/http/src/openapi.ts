import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { PROBLEM_CONTENT } from './api-responses';
import { documentValidators } from './documented-validators';
import { refineOpenApiDocument } from './openapi-refinements';

export const OPENAPI_PATH = '/api/v1/openapi.json';

export interface ApiDescription {
  title: string;
  description: string;
  version: string;
}

/** The OpenAPI 3.1 document of a service, generated from its controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication, api: ApiDescription): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(api.title)
    .setDescription(api.description)
    .setVersion(api.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    // A calendar feed's URL carries its own secret: calendar clients cannot send a bearer token.
    .addApiKey({ type: 'apiKey', in: 'query', name: 'token' }, 'calendarFeedToken')
    // Every documented operation needs a token: only health, metrics and this document are public.
    .addSecurityRequirements('bearer')
    .build();
  documentValidators();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  declareCommonErrors(document);
  refineOpenApiDocument(document);
  return document;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The errors every operation can answer, declared on each so that generated clients and fuzzers
 * know them: 400 wherever input is validated (every parameter and body goes through the validation
 * pipe), 401 (with its `WWW-Authenticate` challenge) and 403 for every operation behind a bearer token
 * (a calendar feed's own token answers 404 when wrong, like a missing feed),
 * 404 for a path naming a record (missing, or not the caller's to see), 503 with `Retry-After` for
 * a request not carried out (the database away, or another transaction in the way). An operation's
 * own declaration of a status wins.
 */
export function declareCommonErrors(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const errors: Record<number, ResponseObject> = {};
      if (operation.parameters?.length || operation.requestBody) {
        errors[400] = problemResponse('The request is invalid: `errors` names each field');
      }
      if ((operation.security ?? document.security ?? []).some((scheme) => 'bearer' in scheme)) {
        errors[401] = {
          ...problemResponse('No valid bearer token'),
          headers: {
            'WWW-Authenticate': {
              description: 'The Bearer challenge, with the error when a token was refused',
              schema: { type: 'string' },
            },
          },
        };
        errors[403] = problemResponse('The token is valid but its roles do not allow this');
      }
      if (path.includes('{')) errors[404] = problemResponse('No such record the caller may see');
      errors[503] = {
        ...problemResponse(
          'Not carried out, so it may be sent again after `Retry-After`: the database is unavailable (`database-unavailable`) or another request held what this one needed (`busy`)',
        ),
        headers: {
          'Retry-After': {
            description: 'Seconds to wait before sending the request again',
            schema: { type: 'integer', minimum: 1 },
          },
        },
      };
      operation.responses = { ...errors, ...operation.responses };
    }
  }
}

function problemResponse(description: string): ResponseObject {
  return {
    description,
    content: PROBLEM_CONTENT,
  };
}

/** Serves the document at /api/v1/openapi.json (public, like health and metrics). */
export function serveOpenApiDocument(app: INestApplication, document: OpenAPIObject): void {
  app
    .getHttpAdapter()
    .get(
      OPENAPI_PATH,
      (
        _request: unknown,
        reply: { header(name: string, value: string): { send(body: unknown): void } },
      ) => {
        reply.header('content-type', 'application/json').send(document);
      },
    );
}

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details; `errors` names each invalid field.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          allowed: { type: 'array', items: {} },
        },
      },
    },
  },
};
