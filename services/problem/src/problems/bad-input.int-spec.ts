import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../problem.definition';

jest.setTimeout(120_000);

/** Bad input is refused up front, naming every wrong field, and writes nothing. */
describe('bad input to problems, against real PostgreSQL', () => {
  let api: ServiceUnderTest;

  const count = async () =>
    Number((await api.dataSource.query('SELECT count(*) FROM problems'))[0].count);
  const outbox = async () =>
    Number((await api.dataSource.query('SELECT count(*) FROM outbox'))[0].count);
  const fields = (response: { json(): { errors: Array<{ field: string }> } }) =>
    [...new Set(response.json().errors.map((e) => e.field))].sort();

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('names every invalid field of a new problem at once and opens nothing', async () => {
    const response = await api.call('POST', '/api/v1/problems', {
      as: 'paul',
      payload: {
        shortDescription: ' \t ',
        category: '',
        assignmentGroup: 42,
        configurationItemId: 'not-a-uuid',
        serviceId: 'x',
        causeCategory: 'gremlins',
        analysisMethod: 'guessing',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(fields(response)).toEqual([
      'analysisMethod',
      'assignmentGroup',
      'category',
      'causeCategory',
      'configurationItemId',
      'serviceId',
      'shortDescription',
    ]);
    const enumError = response
      .json()
      .errors.find((e: { field: string }) => e.field === 'causeCategory');
    expect(enumError.allowed).toContain('software');
    const unstorable = await api.call('POST', '/api/v1/problems', {
      as: 'paul',
      payload: { shortDescription: 'Fans', workaround: 'a\u0000b' },
    });
    expect(fields(unstorable)).toEqual(['workaround']);
    expect(await count()).toBe(0);
    expect(await outbox()).toBe(0);
  });

  it('refuses a null short description and bad list filters, naming them', async () => {
    const opened = await api.call('POST', '/api/v1/problems', {
      as: 'paul',
      payload: { shortDescription: 'Fan failures in rack 4' },
    });
    const problem = opened.json();
    const nulled = await api.call('PATCH', `/api/v1/problems/${problem.id}`, {
      as: 'paul',
      payload: { shortDescription: null, assignee: '', version: problem.version },
    });
    expect(nulled.statusCode).toBe(400);
    expect(fields(nulled)).toEqual(['assignee', 'shortDescription']);
    const list = await api.call(
      'GET',
      '/api/v1/problems?state=open&ci=x&knownError=maybe&q=a&limit=0',
      { as: 'sam' },
    );
    expect(list.statusCode).toBe(400);
    expect(fields(list)).toEqual(['ci', 'knownError', 'limit', 'q', 'state']);
    const moved = await api.call('POST', `/api/v1/problems/${problem.id}/transitions`, {
      as: 'paul',
      payload: { to: 'fixed', version: problem.version },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors[0]).toMatchObject({ field: 'to', allowed: expect.any(Array) });
    const after = await api.call('GET', `/api/v1/problems/${problem.id}`, { as: 'paul' });
    expect(after.json().version).toBe(problem.version);
  });

  it('refuses a resolution code outside the list, even on a move that needs none, and moves nothing', async () => {
    const opened = await api.call('POST', '/api/v1/problems', {
      as: 'paul',
      payload: { shortDescription: 'Disk latency on the mail cluster' },
    });
    const problem = opened.json();
    for (const to of ['assess', 'closed']) {
      const moved = await api.call('POST', `/api/v1/problems/${problem.id}/transitions`, {
        as: 'paul',
        payload: {
          to,
          resolutionCode: 'wont_fix',
          resolutionNotes: 'No',
          version: problem.version,
        },
      });
      expect(moved.statusCode).toBe(400);
      expect(moved.json().errors).toEqual([
        expect.objectContaining({
          field: 'resolutionCode',
          allowed: ['fix_applied', 'risk_accepted', 'duplicate', 'canceled'],
        }),
      ]);
    }
    const after = await api.call('GET', `/api/v1/problems/${problem.id}`, { as: 'paul' });
    expect(after.json()).toMatchObject({ state: 'new', version: problem.version });
  });

  it('bounds the category and group filters of the list as a problem bounds them', async () => {
    const list = await api.call(
      'GET',
      `/api/v1/problems?category=${'c'.repeat(65)}&assignmentGroup=${'g'.repeat(129)}`,
      { as: 'sam' },
    );
    expect(list.statusCode).toBe(400);
    expect(fields(list)).toEqual(['assignmentGroup', 'category']);
    const longest = await api.call(
      'GET',
      `/api/v1/problems?category=${'c'.repeat(64)}&assignmentGroup=${'g'.repeat(128)}`,
      { as: 'sam' },
    );
    expect(longest.statusCode).toBe(200);
  });

  it('documents the resolution codes and the bounds of the list filters', async () => {
    const { paths, components } = (await api.call('GET', '/api/v1/openapi.json')).json();
    expect(components.schemas.TransitionProblemRequest.properties.resolutionCode.enum).toEqual([
      'fix_applied',
      'risk_accepted',
      'duplicate',
      'canceled',
      null, // not given, as for every optional field of a body
    ]);
    const parameters = paths['/api/v1/problems'].get.parameters as Array<{
      name: string;
      schema: { maxLength?: number };
    }>;
    const bound = (name: string) => parameters.find((p) => p.name === name)?.schema.maxLength;
    expect([bound('category'), bound('assignmentGroup')]).toEqual([64, 128]);
  });
});
