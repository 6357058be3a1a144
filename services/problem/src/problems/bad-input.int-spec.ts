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
        shortDescription: '',
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
});
