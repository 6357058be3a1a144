import {
  accessMatrixViolations,
  routesMissingFromMatrix,
  startServiceUnderTest,
  type EndpointAccess,
  type ServiceUnderTest,
} from '@itsm/testing';
import { definition } from './catalog.definition';

jest.setTimeout(180_000);

/**
 * Who may call what: the role of every endpoint for every seeded person and integration. Everybody
 * browses and orders; catalog managers edit the catalog; fulfillers work tasks.
 */
describe('access to the catalog and its requests', () => {
  let api: ServiceUnderTest;
  let item: { id: string };
  let category: { id: string };
  let request: { id: string; items: Array<{ id: string; tasks: Array<{ id: string }> }> };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    category = (
      await api.call('POST', '/api/v1/catalog-categories', {
        as: 'kate',
        payload: { name: 'Access shelf' },
      })
    ).json();
    const created = (
      await api.call('POST', '/api/v1/catalog-items', {
        as: 'kate',
        payload: {
          name: 'Access probe',
          shortDescription: 'x',
          variables: [],
          plan: [{ stage: 1, shortDescription: 'Do it', assignmentGroup: 'network' }],
          approval: { kind: 'none' },
        },
      })
    ).json();
    item = (
      await api.call('POST', `/api/v1/catalog-items/${created.id}/publish`, {
        as: 'kate',
        headers: { 'if-match': `W/"${created.version}"` },
      })
    ).json();
    request = (
      await api.call('POST', '/api/v1/requests', {
        as: 'alice',
        payload: { items: [{ catalogItemId: item.id }] },
      })
    ).json();
  });
  afterAll(() => api.close());

  it('checks the role of every endpoint, for every seeded caller', async () => {
    const anyone = ['requester'] as const;
    const managers = ['catalog_manager'] as const;
    const fulfillers = ['agent', 'catalog_manager'] as const;
    const id = item.id;
    const task = request.items[0]!.tasks[0]!.id;
    const nobody = '00000000-0000-4000-8000-000000000000';
    // Payloads are invalid on purpose: an allowed caller gets 400 or 404, and nothing changes.
    const matrix: EndpointAccess[] = [
      { method: 'GET', url: '/api/v1/catalog-categories', allow: anyone },
      { method: 'POST', url: '/api/v1/catalog-categories', payload: {}, allow: managers },
      { method: 'GET', url: `/api/v1/catalog-categories/${category.id}`, allow: anyone },
      {
        method: 'PATCH',
        url: `/api/v1/catalog-categories/${category.id}`,
        payload: { name: 7 },
        allow: managers,
      },
      { method: 'DELETE', url: `/api/v1/catalog-categories/${nobody}`, allow: managers },
      {
        method: 'GET',
        url: `/api/v1/catalog-categories/${category.id}/history`,
        allow: managers,
      },
      { method: 'GET', url: '/api/v1/catalog-items', allow: anyone },
      { method: 'POST', url: '/api/v1/catalog-items', payload: {}, allow: managers },
      { method: 'GET', url: `/api/v1/catalog-items/${id}`, allow: anyone },
      { method: 'GET', url: `/api/v1/catalog-items/${id}/form`, allow: anyone },
      {
        method: 'PATCH',
        url: `/api/v1/catalog-items/${id}`,
        payload: { name: 7 },
        allow: managers,
      },
      {
        method: 'POST',
        url: `/api/v1/catalog-items/${id}/publish`,
        payload: { version: 'x' },
        allow: managers,
      },
      {
        method: 'POST',
        url: `/api/v1/catalog-items/${id}/retire`,
        payload: { version: 'x' },
        allow: managers,
      },
      { method: 'GET', url: '/api/v1/requests', allow: anyone },
      { method: 'POST', url: '/api/v1/requests', payload: {}, allow: anyone },
      { method: 'GET', url: `/api/v1/requests/${request.id}`, allow: anyone },
      {
        method: 'POST',
        url: `/api/v1/requests/${request.id}/cancel`,
        payload: { version: 'x' },
        allow: anyone,
      },
      { method: 'GET', url: '/api/v1/catalog-tasks', allow: fulfillers },
      { method: 'GET', url: `/api/v1/catalog-tasks/${task}`, allow: fulfillers },
      {
        method: 'POST',
        url: `/api/v1/catalog-tasks/${task}/transitions`,
        payload: { to: 'x' },
        allow: fulfillers,
      },
      { method: 'GET', url: '/api/v1/approvals?mine', allow: anyone },
      { method: 'GET', url: `/api/v1/approvals/${nobody}`, allow: anyone },
      ...(['approve', 'reject'] as const).map((verb) => ({
        method: 'POST' as const,
        url: `/api/v1/approvals/${nobody}/${verb}`,
        payload: { comment: 7 },
        allow: anyone,
      })),
      { method: 'GET', url: '/api/v1/people/alice', allow: managers },
      { method: 'PUT', url: '/api/v1/people/alice', payload: { groups: 'x' }, allow: managers },
      { method: 'GET', url: `/api/v1/requests/${request.id}/history`, allow: anyone },
      {
        method: 'GET',
        url: `/api/v1/requested-items/${request.items[0]!.id}/history`,
        allow: anyone,
      },
      { method: 'GET', url: `/api/v1/catalog-tasks/${task}/history`, allow: fulfillers },
      { method: 'GET', url: '/api/v1/catalog-metrics', allow: fulfillers },
    ];
    expect(await accessMatrixViolations(api.send, matrix)).toEqual([]);
    const document = (await api.call('GET', '/api/v1/openapi.json')).json();
    expect(routesMissingFromMatrix(document, matrix)).toEqual([]);
  });

  it('declares the answers of a versioned change and of a submission in its OpenAPI document', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    for (const operation of [
      paths['/api/v1/catalog-items/{id}'].patch,
      paths['/api/v1/catalog-categories/{id}'].patch,
      paths['/api/v1/requests/{id}/cancel'].post,
      paths['/api/v1/catalog-tasks/{id}/transitions'].post,
    ]) {
      expect(Object.keys(operation.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '409', '428']),
      );
      expect(operation.responses['200'].headers).toHaveProperty('ETag');
    }
    for (const verb of ['approve', 'reject']) {
      expect(Object.keys(paths[`/api/v1/approvals/{id}/${verb}`].post.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '409']),
      );
    }
    expect(paths['/api/v1/catalog-items'].post.responses['201'].headers).toHaveProperty('Location');
    expect(paths['/api/v1/people/{user}'].put.responses['201'].headers).toHaveProperty('Location');
    const submit = paths['/api/v1/requests'].post;
    expect(Object.keys(submit.responses)).toEqual(
      expect.arrayContaining(['200', '201', '400', '401', '403', '409', '422']),
    );
  });

  it("hides another requester's request and a group's task from the rest", async () => {
    const url = `/api/v1/requests/${request.id}`;
    expect((await api.call('GET', url, { as: 'bob' })).statusCode).toBe(404);
    expect((await api.call('GET', url, { as: 'nina' })).statusCode).toBe(404);
    const task = request.items[0]!.tasks[0]!.id;
    expect(
      (await api.call('GET', `/api/v1/catalog-tasks/${task}`, { as: 'nina' })).statusCode,
    ).toBe(200);
    expect((await api.call('GET', `/api/v1/catalog-tasks/${task}`, { as: 'sam' })).statusCode).toBe(
      404,
    );
    const samTasks = (await api.call('GET', '/api/v1/catalog-tasks', { as: 'sam' })).json();
    expect(samTasks.items).toEqual([]);
    const bobs = (await api.call('GET', '/api/v1/requests', { as: 'bob' })).json();
    expect(bobs.items).toEqual([]);
  });
});
