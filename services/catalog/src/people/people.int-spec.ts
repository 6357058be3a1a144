import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../catalog.definition';

jest.setTimeout(120_000);

/** The people directory's writes: created or replaced, with the version the caller read. */
describe('the people directory, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  const put = (user: string, payload: object, ifMatch?: string, as = 'kate') =>
    api.call('PUT', `/api/v1/people/${user}`, {
      as,
      payload,
      ...(ifMatch !== undefined && { headers: { 'if-match': ifMatch } }),
    });
  const get = (user: string, as = 'kate') => api.call('GET', `/api/v1/people/${user}`, { as });
  const fieldsOf = (answer: { json(): { errors?: Array<{ field: string }> } }) =>
    (answer.json().errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('creates a person with 201, their Location and ETag, and replaces them with 200 and the next ETag', async () => {
    const created = await put('erin', { managerId: 'bob', groups: ['network', 'network'] });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/api/v1/people/erin');
    expect(created.headers.etag).toBe('W/"1"');
    expect(created.json()).toMatchObject({
      id: 'erin',
      managerId: 'bob',
      groups: ['network'],
      updatedBy: 'kate',
      version: 1,
    });

    const read = await get('erin');
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('W/"1"');

    const replaced = await put('erin', { managerId: 'ivy', groups: [] }, 'W/"1"');
    expect(replaced.statusCode).toBe(200);
    expect(replaced.headers.location).toBeUndefined();
    expect(replaced.headers.etag).toBe('W/"2"');
    expect(replaced.json()).toMatchObject({ managerId: 'ivy', groups: [], version: 2 });

    const unconditional = await put('erin', { managerId: null, groups: ['cab'] });
    expect(unconditional.statusCode).toBe(200);
    expect(unconditional.json()).toMatchObject({ managerId: null, groups: ['cab'], version: 3 });
    expect((await get('erin')).headers.etag).toBe('W/"3"');
  });

  it('writes a history line for each field a write changes, with who changed it', async () => {
    await put('fred', { managerId: 'bob', groups: [] });
    await put('fred', { managerId: 'ivy', groups: [] }, 'W/"1"');
    const lines = await api.dataSource.query(
      `SELECT operation, field, old_value, new_value, actor FROM audit_trail
        WHERE entity_type = 'person' AND entity_id = 'fred' ORDER BY id`,
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operation: 'create', field: 'managerId', new_value: 'bob' }),
        {
          operation: 'update',
          field: 'managerId',
          old_value: 'bob',
          new_value: 'ivy',
          actor: 'kate',
        },
      ]),
    );
    expect(lines.filter((l: { operation: string }) => l.operation === 'update')).toHaveLength(1);
  });

  it('refuses a replacement based on a stale If-Match with a 409 naming the current version, changing nothing', async () => {
    await put('gina', { managerId: 'bob', groups: [] });
    await put('gina', { managerId: 'ivy', groups: [] }, 'W/"1"');
    const stale = await put('gina', { managerId: 'carl', groups: [] }, 'W/"1"');
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(stale.json()).toMatchObject({ status: 409, currentVersion: 2 });
    expect((await get('gina')).json()).toMatchObject({ managerId: 'ivy', version: 2 });
  });

  it('answers 404 for If-Match on a person the directory does not hold, and creates nobody', async () => {
    const unknown = await put('hank', { managerId: 'bob', groups: [] }, 'W/"1"');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get('hank')).statusCode).toBe(404);
  });

  it('refuses a malformed If-Match and invalid fields with a 400 naming them', async () => {
    const malformed = await put('ines', { managerId: 'bob', groups: [] }, 'version 1');
    expect(malformed.statusCode).toBe(400);
    expect(fieldsOf(malformed)).toEqual(['If-Match']);
    const invalid = await put('ines', { managerId: 'not a user', groups: [] });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fieldsOf(invalid)).toEqual(['managerId']);
    expect((await get('ines')).statusCode).toBe(404);
  });

  it('lets only catalog managers read and write the directory (403 for the rest)', async () => {
    await put('jade', { managerId: 'bob', groups: [] });
    for (const as of ['alice', 'sam']) {
      expect((await put('jade', { managerId: 'ivy', groups: [] }, undefined, as)).statusCode).toBe(
        403,
      );
      expect((await get('jade', as)).statusCode).toBe(403);
    }
    expect((await get('jade')).json()).toMatchObject({ managerId: 'bob', version: 1 });
  });

  it('declares both answers of a write, their headers and the optional If-Match in its OpenAPI document', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    const operation = paths['/api/v1/people/{user}'].put;
    expect(Object.keys(operation.responses).sort()).toEqual(
      ['200', '201', '400', '401', '403', '404', '409', '503'].sort(),
    );
    expect(Object.keys(operation.responses['201'].headers).sort()).toEqual(['ETag', 'Location']);
    expect(Object.keys(operation.responses['200'].headers)).toEqual(['ETag']);
    expect(operation.parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: false }),
    );
    expect(paths['/api/v1/people/{user}'].get.responses['200'].headers).toHaveProperty('ETag');
  });
});
