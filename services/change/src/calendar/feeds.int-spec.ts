import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';

jest.setTimeout(180_000);

/** How many calendar feeds a person holds, and their list a page at a time, against real PostgreSQL. */
describe('calendar feeds, bounded and paged, against real PostgreSQL', () => {
  let api: ServiceUnderTest;

  const create = (as: string, name = 'Changes') =>
    api.call('POST', '/api/v1/calendar/feeds', { as, payload: { name } });
  const createMany = async (as: string, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = await create(as, `Feed ${i + 1}`);
      expect(created.statusCode).toBe(201);
      ids.push(created.json().id);
    }
    return ids;
  };
  /** Every page of a list, following `nextCursor`. */
  const allPages = async (query: string, as: string) => {
    const pages: Array<{
      items: Array<{ id: string; ownerId: string }>;
      nextCursor: string | null;
    }> = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/calendar/feeds?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await api.call('GET', url, { as });
      expect(page.statusCode).toBe(200);
      pages.push(page.json());
      cursor = page.json().nextCursor;
    } while (cursor);
    return pages;
  };

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('refuses a person one working feed more than the limit (20), naming it and how many work', async () => {
    await createMany('alice', 20);
    const refused = await create('alice');
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      type: 'https://itsm.dev/problems/calendar-feed-limit',
      status: 409,
      limit: 20,
      active: 20,
      detail: expect.stringContaining('20'),
    });
    // The limit is per person.
    expect((await create('bob')).statusCode).toBe(201);
  });

  it('frees a place when a feed is revoked or expires', async () => {
    const [first, second] = await createMany('sam', 20);
    expect((await create('sam')).statusCode).toBe(409);
    const revoked = await api.call('DELETE', `/api/v1/calendar/feeds/${first}`, { as: 'sam' });
    expect(revoked.statusCode).toBe(204);
    expect((await create('sam')).statusCode).toBe(201);
    expect((await create('sam')).statusCode).toBe(409);
    await api.dataSource.query(
      `UPDATE calendar_feeds SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [second],
    );
    expect((await create('sam')).statusCode).toBe(201);
    expect((await create('sam')).json()).toMatchObject({ limit: 20, active: 20 });
  });

  it('lets only one of two creates at once take the last place', async () => {
    await createMany('dan', 19);
    const answers = await Promise.all([create('dan'), create('dan')]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 409]);
  });

  it('lists a person’s feeds a page at a time, oldest first, each once', async () => {
    const ids = await createMany('ivy', 12);
    const pages = await allPages('limit=5', 'ivy');
    expect(pages.map((page) => page.items.length)).toEqual([5, 5, 2]);
    expect(pages.flatMap((page) => page.items.map((feed) => feed.id))).toEqual(ids);
    expect(pages[2]!.nextCursor).toBeNull();
  });

  it('lists everybody’s feeds a page at a time for a change manager', async () => {
    const pages = await allPages('all=true&limit=50', 'chloe');
    const owners = new Set(pages.flatMap((page) => page.items.map((feed) => feed.ownerId)));
    expect([...owners]).toEqual(expect.arrayContaining(['alice', 'bob', 'sam', 'ivy']));
    const count = pages.reduce((sum, page) => sum + page.items.length, 0);
    const [{ n }] = (await api.dataSource.query(
      `SELECT count(*)::int AS n FROM calendar_feeds`,
    )) as [{ n: number }];
    expect(count).toBe(n);
    expect(pages.length).toBeGreaterThan(1);
  });

  it('refuses a cursor it did not give and a page size out of bounds', async () => {
    const bad = await api.call('GET', '/api/v1/calendar/feeds?cursor=nonsense', { as: 'ivy' });
    expect(bad.statusCode).toBe(400);
    const big = await api.call('GET', '/api/v1/calendar/feeds?limit=201', { as: 'ivy' });
    expect(big.statusCode).toBe(400);
  });

  it('declares the paged list and the 409 with its members in the OpenAPI document', async () => {
    const { paths } = (await api.call('GET', '/api/v1/openapi.json')).json();
    const list = paths['/api/v1/calendar/feeds'].get;
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['limit', 'cursor', 'all']),
    );
    const page = list.responses['200'].content['application/json'].schema;
    expect(page.required).toEqual(['items', 'nextCursor']);
    expect(page.properties.items.items).toEqual({ $ref: '#/components/schemas/FeedResponse' });
    const refusal = paths['/api/v1/calendar/feeds'].post.responses['409'];
    expect(refusal.description).toContain('calendar-feed-limit');
    const [, members] = refusal.content['application/problem+json'].schema.allOf;
    expect(members.required).toEqual(['limit', 'active']);
  });
});
