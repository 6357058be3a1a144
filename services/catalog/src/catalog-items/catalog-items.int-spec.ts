import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../catalog.definition';

jest.setTimeout(120_000);

const laptop = {
  name: 'New laptop',
  shortDescription: 'A laptop for work',
  variables: [
    { name: 'model', label: 'Model', type: 'choice', required: true, choices: ['13in', '15in'] },
    { name: 'memoryGb', label: 'Memory', type: 'number', min: 8, max: 64, default: 16 },
  ],
  plan: [{ stage: 1, shortDescription: 'Ship it', assignmentGroup: 'service-desk' }],
  approval: { kind: 'none' },
  price: { amount: 1299.5, currency: 'EUR' },
  deliveryTargetHours: 72,
};

/** The catalog: versioned items, their forms, and who sees which. */
describe('catalog items, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  const call = (method: 'POST' | 'PATCH', url: string, version: number, payload: object = {}) =>
    api.call(method, url, { as: 'kate', payload, headers: { 'if-match': `W/"${version}"` } });

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('publishes a draft, and an edit after publication starts the next version', async () => {
    const created = await api.call('POST', '/api/v1/catalog-items', {
      as: 'kate',
      payload: laptop,
    });
    expect(created.statusCode).toBe(201);
    let item = created.json();
    expect(created.headers.location).toBe(`/api/v1/catalog-items/${item.id}`);
    expect(item).toMatchObject({
      publishedVersion: null,
      versions: [{ version: 1, state: 'draft' }],
    });
    expect(item.versions[0].variables[0]).toEqual(laptop.variables[0]);
    expect(
      (await api.call('GET', `/api/v1/catalog-items/${item.id}`, { as: 'alice' })).statusCode,
    ).toBe(404);

    const url = `/api/v1/catalog-items/${item.id}`;
    item = (await call('POST', `${url}/publish`, item.version)).json();
    expect(item.publishedVersion).toBe(1);
    item = (await call('PATCH', url, item.version, { deliveryTargetHours: 48 })).json();
    expect(
      item.versions.map((v: { version: number; state: string }) => [v.version, v.state]),
    ).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    const seen = (await api.call('GET', url, { as: 'alice' })).json();
    expect(seen.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    item = (await call('POST', `${url}/publish`, item.version)).json();
    expect(item.versions.map((v: { state: string }) => v.state)).toEqual(['published', 'retired']);
    item = (await call('POST', `${url}/retire`, item.version)).json();
    expect(item.publishedVersion).toBeNull();
    expect((await api.call('GET', url, { as: 'alice' })).statusCode).toBe(404);
    const refused = await call('POST', `${url}/retire`, item.version);
    expect(refused.statusCode).toBe(409);
  });

  it('pages through names JavaScript and PostgreSQL lower-case differently, each item once', async () => {
    // In the C locale PostgreSQL lower-cases ASCII only; a cursor lower-cased by JavaScript
    // ('écran') fell after 'Ökobox' in the order, which was skipped.
    const names = ['Écran', 'Ökobox', 'Istria map'];
    for (const name of names) {
      const created = await api.call('POST', '/api/v1/catalog-items', {
        as: 'kate',
        payload: { ...laptop, name },
      });
      expect(created.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = (
        await api.call('GET', `/api/v1/catalog-items?limit=1${after}`, { as: 'kate' })
      ).json() as { items: Array<{ name: string }>; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 100);
    expect(seen.filter((name) => names.includes(name)).sort()).toEqual([...names].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('publishes the form as JSON Schema', async () => {
    const item = (
      await api.call('POST', '/api/v1/catalog-items', {
        as: 'kate',
        payload: { ...laptop, name: 'Form laptop' },
      })
    ).json();
    await call('POST', `/api/v1/catalog-items/${item.id}/publish`, item.version);
    const form = await api.call('GET', `/api/v1/catalog-items/${item.id}/form`, { as: 'bob' });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({
      title: 'Form laptop',
      type: 'object',
      required: ['model'],
      properties: {
        model: { title: 'Model', type: 'string', enum: ['13in', '15in'] },
        memoryGb: { type: 'number', minimum: 8, maximum: 64, default: 16 },
      },
      additionalProperties: false,
    });
  });

  it('refuses an inconsistent definition, naming each field, and writes nothing', async () => {
    const refused = await api.call('POST', '/api/v1/catalog-items', {
      as: 'kate',
      payload: {
        ...laptop,
        name: 'Broken',
        variables: [
          { name: 'size', label: 'Size', type: 'choice' },
          { name: 'why', label: 'Why', type: 'text', showWhen: { variable: 'nope', equals: 1 } },
        ],
        plan: [],
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'variables.0.choices',
      'variables.1.showWhen.variable',
      'plan',
    ]);
    const list = await api.call('GET', '/api/v1/catalog-items?q=Broken', { as: 'kate' });
    expect(list.json().items).toEqual([]);
  });

  it('refuses a category that does not exist, naming it (it answered 500), and writes nothing', async () => {
    const refused = await api.call('POST', '/api/v1/catalog-items', {
      as: 'kate',
      payload: { ...laptop, name: 'Homeless', categoryId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      { field: 'categoryId', message: 'categoryId must name a category' },
    ]);
    const list = await api.call('GET', '/api/v1/catalog-items?q=Homeless', { as: 'kate' });
    expect(list.json().items).toEqual([]);
  });

  it('refuses an item without its approval rule, naming it (it answered 500)', async () => {
    const refused = await api.call('POST', '/api/v1/catalog-items', {
      as: 'kate',
      payload: { ...laptop, name: 'Unruled', approval: undefined },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toContain('approval');
  });

  it('refuses an empty orderableBy (it let nobody order), saying to leave it out for everyone', async () => {
    const refused = await api.call('POST', '/api/v1/catalog-items', {
      as: 'kate',
      payload: { ...laptop, name: 'Orderable by nobody', orderableBy: [] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([
      {
        field: 'orderableBy',
        message:
          'orderableBy must name at least one group; to let everyone order, leave it out (or set it to null when editing)',
      },
    ]);
    const list = await api.call('GET', '/api/v1/catalog-items?q=nobody', { as: 'kate' });
    expect(list.json().items).toEqual([]);
  });

  it('refuses a price with more than two decimals, also written with an exponent (it answered 500)', async () => {
    for (const amount of [5e-324, 12.345]) {
      const refused = await api.call('POST', '/api/v1/catalog-items', {
        as: 'kate',
        payload: { ...laptop, name: `Priced ${amount}`, price: { amount, currency: 'EUR' } },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors.map((e: { field: string }) => e.field)).toContain(
        'price.amount',
      );
    }
  });

  it('answers a new category with the ETag its OpenAPI document declares', async () => {
    const created = await api.call('POST', '/api/v1/catalog-categories', {
      as: 'kate',
      payload: { name: 'Tagged shelf' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.etag).toBe(`W/"${created.json().version}"`);
  });

  it('shows a requester only the published items their groups may order', async () => {
    const networkOnly = (
      await api.call('POST', '/api/v1/catalog-items', {
        as: 'kate',
        payload: { ...laptop, name: 'Router access', orderableBy: ['network'] },
      })
    ).json();
    await call('POST', `/api/v1/catalog-items/${networkOnly.id}/publish`, networkOnly.version);
    const names = async (as: string) =>
      (await api.call('GET', '/api/v1/catalog-items?limit=100', { as }))
        .json()
        .items.map((i: { name: string }) => i.name);
    expect(await names('nina')).toContain('Router access');
    expect(await names('alice')).not.toContain('Router access');
    expect(
      (await api.call('GET', `/api/v1/catalog-items/${networkOnly.id}`, { as: 'alice' }))
        .statusCode,
    ).toBe(404);
  });
});
