import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../catalog.definition';

jest.setTimeout(120_000);

interface Category {
  id: string;
  name: string;
  description: string | null;
  version: number;
}

/** Reading, editing and removing the catalog's categories. */
describe('catalog categories, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  const nobody = '00000000-0000-4000-8000-000000000000';
  const url = (id: string) => `/api/v1/catalog-categories/${id}`;
  const create = async (name: string, description?: string): Promise<Category> => {
    const created = await api.call('POST', '/api/v1/catalog-categories', {
      as: 'kate',
      payload: { name, ...(description && { description }) },
    });
    expect(created.statusCode).toBe(201);
    return created.json();
  };
  /** A catalog item shown under a category (its write key-share-locks the category). */
  const createItem = (name: string, categoryId: string) =>
    api.call('POST', '/api/v1/catalog-items', {
      as: 'kate',
      payload: {
        name,
        shortDescription: name,
        categoryId,
        variables: [],
        plan: [{ stage: 1, shortDescription: 'Deliver it', assignmentGroup: 'service-desk' }],
        approval: { kind: 'none' },
      },
    });
  const edit = (id: string, payload: object, ifMatch?: string, as = 'kate') =>
    api.call('PATCH', url(id), {
      as,
      payload,
      ...(ifMatch !== undefined && { headers: { 'if-match': ifMatch } }),
    });
  const remove = (id: string, ifMatch?: string, as = 'kate') =>
    api.call('DELETE', url(id), {
      as,
      ...(ifMatch !== undefined && { headers: { 'if-match': ifMatch } }),
    });
  const problemOf = (answer: { statusCode: number; headers: object; json(): object }) => {
    expect(answer.headers).toHaveProperty(
      'content-type',
      expect.stringMatching(/^application\/problem\+json/),
    );
    return answer.json() as {
      status: number;
      errors?: Array<{ field: string }>;
      currentVersion?: number;
      itemsUsing?: number;
    };
  };
  const fieldsOf = (answer: Parameters<typeof problemOf>[0]) => [
    ...new Set((problemOf(answer).errors ?? []).map((e) => e.field)),
  ];

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('answers a new category with its Location and ETag, declared in its OpenAPI document', async () => {
    const created = await api.call('POST', '/api/v1/catalog-categories', {
      as: 'kate',
      payload: { name: 'Projectors' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as Category;
    expect(created.headers).toMatchObject({ location: url(id), etag: 'W/"1"' });
    const location = String(created.headers.location);
    expect((await api.call('GET', location, { as: 'alice' })).statusCode).toBe(200);
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    expect(Object.keys(paths['/api/v1/catalog-categories'].post.responses['201'].headers)).toEqual(
      expect.arrayContaining(['Location', 'ETag']),
    );
  });

  it('reads one category with its ETag, for anybody signed in', async () => {
    const shelf = await create('Monitors', 'Screens of every size');
    const read = await api.call('GET', url(shelf.id), { as: 'alice' });
    expect(read.statusCode).toBe(200);
    expect(read.headers.etag).toBe('W/"1"');
    expect(read.json()).toMatchObject({
      id: shelf.id,
      name: 'Monitors',
      description: 'Screens of every size',
      version: 1,
    });
  });

  it('answers 404 for a category that does not exist, and 400 naming a malformed id', async () => {
    for (const answer of [
      await api.call('GET', url(nobody), { as: 'alice' }),
      await edit(nobody, { name: 'Ghost' }, 'W/"1"'),
      await remove(nobody),
    ]) {
      expect(answer.statusCode).toBe(404);
      expect(problemOf(answer).status).toBe(404);
    }
    const malformed = await api.call('GET', url('not-a-uuid'), { as: 'alice' });
    expect(malformed.statusCode).toBe(400);
    expect(fieldsOf(malformed)).toEqual(['id']);
  });

  it('renames a category and clears its description at the version read, moving its ETag', async () => {
    const shelf = await create('Phones', 'Mobile phones');
    const renamed = await edit(shelf.id, { name: 'Mobile phones', description: null }, 'W/"1"');
    expect(renamed.statusCode).toBe(200);
    expect(renamed.headers.etag).toBe('W/"2"');
    expect(renamed.json()).toMatchObject({ name: 'Mobile phones', description: null, version: 2 });
    const byBody = await edit(shelf.id, { description: 'Smartphones', version: 2 });
    expect(byBody.statusCode).toBe(200);
    expect(byBody.json()).toMatchObject({
      name: 'Mobile phones',
      description: 'Smartphones',
      version: 3,
    });
    const listed = (await api.call('GET', '/api/v1/catalog-categories?limit=100', { as: 'alice' }))
      .json()
      .items.map((c: Category) => c.name);
    expect(listed).toContain('Mobile phones');
    expect(listed).not.toContain('Phones');
  });

  it('refuses an edit based on a stale version with a 409 naming the current one, and one naming none with 428', async () => {
    const shelf = await create('Tablets');
    await edit(shelf.id, { description: 'Touch' }, 'W/"1"');
    const stale = await edit(shelf.id, { name: 'Slates' }, 'W/"1"');
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale)).toMatchObject({ status: 409, currentVersion: 2 });
    const unversioned = await edit(shelf.id, { name: 'Slates' });
    expect(unversioned.statusCode).toBe(428);
    expect(problemOf(unversioned).status).toBe(428);
    const current = (await api.call('GET', url(shelf.id), { as: 'kate' })).json();
    expect(current).toMatchObject({ name: 'Tablets', version: 2 });
  });

  it('refuses a name another category has, whatever its case, with a 409 naming the field', async () => {
    await create('Printers');
    const shelf = await create('Scanners');
    const taken = await edit(shelf.id, { name: 'PRINTERS' }, 'W/"1"');
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken)).toEqual(['name']);
    expect((await api.call('GET', url(shelf.id), { as: 'kate' })).json()).toMatchObject({
      name: 'Scanners',
      version: 1,
    });
  });

  it('refuses invalid fields with a 400 naming each', async () => {
    const shelf = await create('Cables');
    for (const [payload, field] of [
      [{ name: '' }, 'name'],
      [{ name: '  \t ' }, 'name'],
      [{ name: null }, 'name'],
      [{ name: 'x'.repeat(161) }, 'name'],
      [{ description: 7 }, 'description'],
      [{ version: 0 }, 'version'],
    ] as const) {
      const refused = await edit(shelf.id, payload, 'W/"1"');
      expect(refused.statusCode).toBe(400);
      expect(fieldsOf(refused)).toEqual([field]);
    }
    const malformed = await edit(shelf.id, { name: 'Wires' }, 'one');
    expect(malformed.statusCode).toBe(400);
    expect(fieldsOf(malformed)).toEqual(['If-Match']);
  });

  it('refuses to remove a category catalog items use, naming how many, and removes an unused one', async () => {
    const used = await create('Software');
    for (const name of ['Editor', 'Compiler']) {
      const item = await createItem(name, used.id);
      expect(item.statusCode).toBe(201);
    }
    const refused = await remove(used.id);
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused)).toMatchObject({ status: 409, itemsUsing: 2 });
    expect((await api.call('GET', url(used.id), { as: 'kate' })).statusCode).toBe(200);

    const unused = await create('Furniture');
    const removed = await remove(unused.id, 'W/"1"');
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect((await api.call('GET', url(unused.id), { as: 'kate' })).statusCode).toBe(404);
    expect((await remove(unused.id)).statusCode).toBe(404);
  });

  it("finds the item versions naming a category through an index (a removal's count, its foreign key check, the items list's filter)", async () => {
    const shelf = await create('Keyboards');
    // A handful of rows make a sequential scan the cheapest plan: forbidding it asks whether an
    // index can answer at all.
    const plan = await api.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      const rows = (await manager.query(
        'EXPLAIN SELECT count(DISTINCT item_id) FROM catalog_item_versions WHERE category_id = $1',
        [shelf.id],
      )) as Array<{ 'QUERY PLAN': string }>;
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/Index (Only )?Scan (using|on) catalog_item_versions_by_category/);
  });

  it('answers an item naming a category removed meanwhile with a 400 naming categoryId, not a 500', async () => {
    const doomed = await create('Fax machines');
    // A removal in progress: the category's row locked, then deleted, committed only later.
    const removal = api.dataSource.createQueryRunner();
    await removal.connect();
    await removal.startTransaction();
    await removal.query('SELECT id FROM catalog_categories WHERE id = $1 FOR UPDATE', [doomed.id]);
    const creating = createItem('Fax line', doomed.id);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the creation waits on the lock
    await removal.query('DELETE FROM catalog_categories WHERE id = $1', [doomed.id]);
    await removal.commitTransaction();
    await removal.release();

    const answer = await creating;
    expect(answer.statusCode).toBe(400);
    expect(fieldsOf(answer)).toEqual(['categoryId']);
  });

  it('does not hold an item naming a category back while the category is being edited', async () => {
    const shelf = await create('Photocopiers');
    // An edit in progress: the category's row updated (FOR NO KEY UPDATE), committed only later.
    const editing = api.dataSource.createQueryRunner();
    await editing.connect();
    await editing.startTransaction();
    try {
      await editing.query(`UPDATE catalog_categories SET description = 'Flatbed' WHERE id = $1`, [
        shelf.id,
      ]);
      const creating = createItem('Office photocopier', shelf.id);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<'held back'>((resolve) => {
        timer = setTimeout(() => resolve('held back'), 10_000);
      });
      const answer = await Promise.race([creating, waited]);
      clearTimeout(timer);
      expect(answer === 'held back' ? answer : answer.statusCode).toBe(201);
    } finally {
      await editing.rollbackTransaction();
      await editing.release();
    }
  });

  it('refuses to remove a category changed since the If-Match version was read', async () => {
    const shelf = await create('Desks');
    await edit(shelf.id, { description: 'Standing' }, 'W/"1"');
    const stale = await remove(shelf.id, 'W/"1"');
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale)).toMatchObject({ currentVersion: 2 });
    expect((await remove(shelf.id)).statusCode).toBe(204);
  });

  it('pages through names JavaScript and PostgreSQL lower-case differently, each category once', async () => {
    // JavaScript and PostgreSQL lower-case differently (in the C locale PostgreSQL lower-cases
    // ASCII only; in others 'Σ' ending a word and 'İ' still differ): the cursor must be PostgreSQL's.
    const names = ['ΣΑΣ', 'ΣΑΣ Β', 'ΣΑΣΑ', 'İstanbul', 'Izmir', 'Istria'];
    for (const name of names) await create(name);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (
        await api.call(
          'GET',
          `/api/v1/catalog-categories?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { as: 'alice' },
        )
      ).json() as { items: Array<{ name: string }>; nextCursor: string | null };
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 100); // it served 'ΣΑΣ' again and again
    expect(seen.filter((name) => names.includes(name)).sort()).toEqual([...names].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lets only catalog managers edit and remove categories (403 for the rest)', async () => {
    const shelf = await create('Chairs');
    for (const as of ['alice', 'sam']) {
      expect((await edit(shelf.id, { name: 'Seats' }, 'W/"1"', as)).statusCode).toBe(403);
      expect((await remove(shelf.id, undefined, as)).statusCode).toBe(403);
    }
    expect((await api.call('GET', url(shelf.id), { as: 'kate' })).json()).toMatchObject({
      name: 'Chairs',
      version: 1,
    });
  });

  it("keeps a category's history, who made each change, also once it is removed (catalog managers only)", async () => {
    const shelf = await create('Desks', 'Standing and sitting');
    expect((await edit(shelf.id, { name: 'Tables', description: null }, 'W/"1"')).statusCode).toBe(
      200,
    );
    expect((await remove(shelf.id)).statusCode).toBe(204);
    const history = await api.call('GET', `${url(shelf.id)}/history`, { as: 'kate' });
    expect(history.statusCode).toBe(200);
    const lines = history.json().items as Array<Record<string, unknown>>;
    expect(lines.map(({ operation, field, changedBy }) => [operation, field, changedBy])).toEqual(
      expect.arrayContaining([
        ['create', 'name', 'kate'],
        ['update', 'name', 'kate'],
        ['update', 'description', 'kate'],
        ['delete', 'name', 'kate'],
      ]),
    );
    expect(lines.find((l) => l.operation === 'update' && l.field === 'name')).toMatchObject({
      oldValue: 'Desks',
      newValue: 'Tables',
    });
    for (const as of ['alice', 'sam']) {
      expect((await api.call('GET', `${url(shelf.id)}/history`, { as })).statusCode).toBe(403);
    }
    expect((await api.call('GET', `${url(nobody)}/history`, { as: 'kate' })).statusCode).toBe(404);
  });

  it('declares the answers of reading, editing and removing in its OpenAPI document', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    const one = paths['/api/v1/catalog-categories/{id}'];
    expect(Object.keys(one.get.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '503',
    ]);
    expect(one.get.responses['200'].headers).toHaveProperty('ETag');
    expect(Object.keys(one.patch.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '428', '503'].sort(),
    );
    expect(one.patch.responses['200'].headers).toHaveProperty('ETag');
    expect(Object.keys(one.delete.responses).sort()).toEqual(
      ['204', '400', '401', '403', '404', '409', '503'].sort(),
    );
    expect(one.delete.parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: false }),
    );
  });
});
