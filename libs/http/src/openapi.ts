import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

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
    // Every documented operation needs a token: only health, metrics and this document are public.
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA },
  };
  return document;
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
