import type { OpenAPIObject } from '@nestjs/swagger';
import {
  closeRequestBodies,
  expressNullability,
  optionalBodiesAreOptional,
  parametersAreNeverNull,
  refuseNul,
  typeRecordIds,
} from './openapi-refinements';

describe('refining the generated OpenAPI document', () => {
  it('says null is one of the types, as OpenAPI 3.1 does', () => {
    const text = { type: 'string', nullable: true, enum: ['a'] };
    expressNullability(text);
    expect(text).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    const reference: Record<string, unknown> = {
      $ref: '#/components/schemas/Sla',
      nullable: true,
      description: 'the SLA',
    };
    expressNullability(reference);
    expect(reference).toEqual({
      description: 'the SLA',
      anyOf: [{ $ref: '#/components/schemas/Sla' }, { type: 'null' }],
    });
    const nestReference: Record<string, unknown> = {
      type: 'object',
      nullable: true,
      allOf: [{ $ref: '#/components/schemas/Price' }],
    };
    expressNullability(nestReference);
    expect(nestReference).toEqual({
      anyOf: [{ allOf: [{ $ref: '#/components/schemas/Price' }] }, { type: 'null' }],
    });
  });

  it('closes request bodies and the objects nested in them, not the answers', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      components: {
        schemas: {
          Create: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              owner: { $ref: '#/components/schemas/Owner' },
              tags: { type: 'array', items: { $ref: '#/components/schemas/Tag' } },
            },
          },
          Owner: { type: 'object', properties: { id: { type: 'string' } } },
          Tag: { type: 'object', properties: { name: { type: 'string' } } },
          Answer: { type: 'object', properties: { id: { type: 'string' } } },
        },
      },
      paths: {
        '/things': {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Create' } } },
            },
            responses: {},
          },
        },
      },
    } as unknown as OpenAPIObject;
    closeRequestBodies(document);
    const schemas = document.components!.schemas as Record<string, Record<string, unknown>>;
    expect(schemas.Create!.additionalProperties).toBe(false);
    expect(schemas.Owner!.additionalProperties).toBe(false);
    expect(schemas.Tag!.additionalProperties).toBe(false);
    expect(schemas.Answer).not.toHaveProperty('additionalProperties');
  });

  it('types a path id as a UUID, and a path parameter named like one', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/things/{id}/parts/{partId}/{name}': {
          get: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'partId', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'name', in: 'path', required: true, schema: { type: 'string' } },
            ],
            responses: {},
          },
        },
      },
    } as unknown as OpenAPIObject;
    typeRecordIds(document);
    expect(
      document.paths['/things/{id}/parts/{partId}/{name}']!.get!.parameters!.map(
        (parameter) => (parameter as { schema: object }).schema,
      ),
    ).toEqual([
      { type: 'string', format: 'uuid' },
      { type: 'string', format: 'uuid' },
      { type: 'string' },
    ]);
  });

  it('keeps null out of query parameters, which are absent or text', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/things': {
          get: {
            parameters: [
              { name: 'q', in: 'query', schema: { type: ['string', 'null'] } },
              {
                name: 'kind',
                in: 'query',
                schema: { type: ['string', 'null'], enum: ['a', null] },
              },
            ],
            responses: {},
          },
        },
      },
    } as unknown as OpenAPIObject;
    parametersAreNeverNull(document);
    expect(document.paths['/things']!.get!.parameters).toEqual([
      { name: 'q', in: 'query', schema: { type: 'string' } },
      { name: 'kind', in: 'query', schema: { type: 'string', enum: ['a'] } },
    ]);
  });

  it('says a NUL is refused in free text, and leaves patterns, formats and enums as they are', () => {
    const free: Record<string, unknown> = { type: ['string', 'null'], maxLength: 10 };
    refuseNul(free);
    expect(new RegExp(free.pattern as string).test('a\u0000b')).toBe(false);
    expect(new RegExp(free.pattern as string).test('ab')).toBe(true);
    const id = { type: 'string', format: 'uuid' };
    refuseNul(id);
    expect(id).toEqual({ type: 'string', format: 'uuid' });
  });

  it('lets a body whose fields are all optional be left out', () => {
    const body = (schema: string) => ({
      required: true,
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
    });
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      components: {
        schemas: {
          Retire: { type: 'object', properties: { version: { type: 'integer' } } },
          Create: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        },
      },
      paths: {
        '/retire': { post: { requestBody: body('Retire'), responses: {} } },
        '/create': { post: { requestBody: body('Create'), responses: {} } },
      },
    } as unknown as OpenAPIObject;
    optionalBodiesAreOptional(document);
    expect(document.paths['/retire']!.post!.requestBody).toMatchObject({ required: false });
    expect(document.paths['/create']!.post!.requestBody).toMatchObject({ required: true });
  });
});
