import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';

jest.setTimeout(120_000);

const HOUR = 3600 * 1000;

/** A pipeline's deployment reports, against real PostgreSQL: its retries record one deployment. */
describe('deployment reports, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let change: { id: string; number: string; version: number };

  const move = async (to: string) => {
    change = (
      await api.call('POST', `/api/v1/changes/${change.id}/transitions`, {
        as: 'dan',
        payload: { to, version: change.version },
      })
    ).json();
  };
  const report = (payload: object, key?: string) =>
    api.call('POST', `/api/v1/changes/${change.id}/deployments`, {
      as: 'chloe',
      payload,
      ...(key && { headers: { 'idempotency-key': key } }),
    });
  const recorded = async () => {
    const [row] = (await api.dataSource.query(
      `SELECT (SELECT count(*) FROM change_deployments WHERE change_id = $1)::int AS deployments,
              (SELECT count(*) FROM outbox WHERE aggregate_id = $1::text
                 AND event_type LIKE '%deployment_recorded%')::int AS events`,
      [change.id],
    )) as Array<{ deployments: number; events: number }>;
    return row;
  };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    change = (
      await api.call('POST', '/api/v1/changes', {
        as: 'dan',
        payload: {
          type: 'emergency',
          shortDescription: 'Hotfix payments',
          assignmentGroup: 'database',
          justification: 'Payments fail',
          implementationPlan: 'Deploy 3.1.1',
          backoutPlan: 'Deploy 3.1.0',
          testPlan: 'Smoke tests',
          plannedStart: new Date(Date.now() - HOUR).toISOString(),
          plannedEnd: new Date(Date.now() + HOUR).toISOString(),
          affectedCiIds: [randomUUID()],
        },
      })
    ).json();
    await move('authorize');
    await api.call('POST', `/api/v1/changes/${change.id}/approvals`, {
      as: 'cora',
      payload: { decision: 'approved', comment: 'Go' },
    });
    change = (await api.call('GET', `/api/v1/changes/${change.id}`, { as: 'dan' })).json();
    await move('scheduled');
    await move('implement');
  });
  afterAll(() => api.close());

  it('answers a retry with the same Idempotency-Key with the first report, recording it once', async () => {
    const payload = { outcome: 'succeeded', pipeline: 'payments/deploy', version: '3.1.1' };
    const first = await report(payload, '4711-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers.location).toBe(`/api/v1/changes/${change.id}/history`);
    expect(first.headers.etag).toBeUndefined();

    await move('review');
    const retry = await report(payload, '4711-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await recorded()).toEqual({ deployments: 1, events: 1 });

    const other = await report({ ...payload, outcome: 'failed' }, '4711-1');
    expect(other.statusCode).toBe(422);
    expect((await report(payload, '4711-2')).statusCode).toBe(201);
    expect((await report(payload)).statusCode).toBe(201);
    expect(await recorded()).toEqual({ deployments: 3, events: 3 });
  });

  it('refuses an Idempotency-Key that is not 1–255 visible characters, naming it', async () => {
    const refused = await report({ outcome: 'succeeded' }, 'two words');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('Idempotency-Key');
  });

  it('refuses a url that is not an http or https address or carries credentials, naming it, and records nothing', async () => {
    const before = await recorded();
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ci.example.com/1',
      'https:// x',
      'https://deployer:s3cret@ci.example.com/job/7',
    ]) {
      const refused = await report({ outcome: 'succeeded', url });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors[0].field).toBe('url');
    }
    expect(await recorded()).toEqual(before);
    for (const url of ['http://jenkins:8080/job/7', 'https://ci.example.com/p?run=4711&by=a@b'])
      expect((await report({ outcome: 'succeeded', url })).statusCode).toBe(201);
  });

  it('refuses a CI named twice in two letter cases, naming ciIds, and records nothing', async () => {
    const before = await recorded();
    const [ciId] = (await api.call('GET', `/api/v1/changes/${change.id}`, { as: 'dan' })).json()
      .affectedCiIds as string[];
    const refused = await report({ outcome: 'succeeded', ciIds: [ciId, ciId!.toUpperCase()] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('ciIds');
    expect(await recorded()).toEqual(before);
    const { paths, components } = (await api.call('GET', '/api/v1/openapi.json')).json();
    const body = paths['/api/v1/changes/{id}/deployments'].post.requestBody;
    const ref = body.content['application/json'].schema.$ref.split('/').pop();
    expect(components.schemas[ref].properties.ciIds).toMatchObject({
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
    });
  });

  it('declares the members of its 409: the current state and the states a report is taken in', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    const conflict = paths['/api/v1/changes/{id}/deployments'].post.responses['409'];
    const [, members] = conflict.content['application/problem+json'].schema.allOf;
    expect(members.properties.allowedStates.items.enum).toEqual(['implement', 'review']);
    expect(members.required).toEqual(['currentState', 'allowedStates']);
    const created = paths['/api/v1/changes/{id}/deployments'].post.responses['201'];
    expect(Object.keys(created.headers)).toEqual(['Location']);
  });
});
