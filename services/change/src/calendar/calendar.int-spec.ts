import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { SchedulingFixture } from '../conflicts/scheduling.testing';
import { calendarChangesQuery } from './calendar-reader';

jest.setTimeout(180_000);

/** The change calendar and its iCalendar feeds, against real PostgreSQL. */
describe('the change calendar, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let fixture: SchedulingFixture;
  const [ci, service] = [randomUUID(), randomUUID()];
  const soon = (days: number, hour: number) => {
    const at = new Date(Date.now() + days * 24 * 3600 * 1000);
    at.setUTCHours(hour, 0, 0, 0);
    return at.toISOString();
  };
  let scheduled: { id: string; number: string };
  let alices: { id: string; number: string };

  const calendar = (query: string, as = 'nina') =>
    api.call('GET', `/api/v1/calendar?${query}`, { as });
  const numbers = (body: { changes: Array<{ number: string }> }) =>
    body.changes.map((c) => c.number);

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    fixture = new SchedulingFixture(api);
    await fixture.publishTemplate();
    const change = await fixture.raise([ci], soon(3, 22), soon(3, 23));
    await fixture.answer(change.id, [ci], [], [service]);
    scheduled = (await fixture.schedule(change)).json();
    const raised = await api.call('POST', '/api/v1/changes', {
      as: 'chloe',
      payload: {
        type: 'normal',
        shortDescription: 'Alice’s change; with, commas',
        requestedBy: 'alice',
        plannedStart: soon(4, 9),
        plannedEnd: soon(4, 10),
      },
    });
    alices = raised.json();
    await api.call('POST', '/api/v1/blackout-windows', {
      as: 'chloe',
      payload: { name: 'Quarter end', start: soon(10, 0), end: soon(12, 0), scope: 'global' },
    });
  });
  afterAll(() => api.close());

  it('shows the changes and freezes over a range, filtered by CI, service, type and state', async () => {
    const range = `from=${soon(0, 0)}&to=${soon(30, 0)}`;
    const all = (await calendar(range)).json();
    expect(numbers(all)).toEqual(expect.arrayContaining([scheduled.number, alices.number]));
    expect(all.blackoutWindows.map((b: { name: string }) => b.name)).toContain('Quarter end');
    expect(all.truncated).toBe(false);
    expect(numbers((await calendar(`${range}&ci=${ci}`)).json())).toEqual([scheduled.number]);
    expect(numbers((await calendar(`${range}&service=${service}`)).json())).toEqual([
      scheduled.number,
    ]);
    expect(numbers((await calendar(`${range}&type=normal&state=new`)).json())).toContain(
      alices.number,
    );
    expect(numbers((await calendar(`${range}&type=standard&state=new`)).json())).not.toContain(
      alices.number,
    );
    expect(numbers((await calendar(`from=${soon(5, 0)}&to=${soon(6, 0)}`)).json())).toEqual([]);
  });

  it('shows a requester only the changes they asked for', async () => {
    const mine = (await calendar(`from=${soon(0, 0)}&to=${soon(30, 0)}`, 'alice')).json();
    expect(numbers(mine)).toEqual([alices.number]);
  });

  it('refuses a range that ends before it starts or spans more than a year, naming to', async () => {
    const backwards = await calendar(`from=${soon(5, 0)}&to=${soon(4, 0)}`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors).toEqual([{ field: 'to', message: 'must be after from' }]);
    expect((await calendar(`from=${soon(0, 0)}&to=${soon(400, 0)}`)).statusCode).toBe(400);
    expect((await calendar(`from=${soon(0, 0)}`)).json().errors[0].field).toBe('to');
  });

  it('serves a feed as iCalendar to whoever has its secret URL, as its creator sees it, until revoked', async () => {
    const created = await api.call('POST', '/api/v1/calendar/feeds', {
      as: 'alice',
      payload: { name: 'My changes' },
    });
    expect(created.statusCode).toBe(201);
    const feed = created.json();
    expect(feed.url).toBe(`/api/v1/calendar/feeds/${feed.id}.ics?token=${feed.token}`);
    const stored = await api.dataSource.query(
      `SELECT token_hash FROM calendar_feeds WHERE id = $1`,
      [feed.id],
    );
    expect(stored[0].token_hash).not.toContain(feed.token);

    const ics = await api.send({ method: 'GET', url: feed.url, headers: {} });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const lines = ics.body.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain(`UID:${alices.id}@change.itsm`);
    expect(lines).toContain(`SUMMARY:${alices.number} Alice’s change\\; with\\, commas`);
    expect(lines).toContain('SUMMARY:Freeze: Quarter end');
    expect(lines).not.toContain(`UID:${scheduled.id}@change.itsm`);
    expect(lines.every((line: string) => Buffer.byteLength(line) <= 75)).toBe(true);

    const wrong = await api.send({
      method: 'GET',
      url: `/api/v1/calendar/feeds/${feed.id}.ics?token=wrong-s3cret`,
      headers: {},
    });
    expect(wrong.statusCode).toBe(404);
    // The error names the path only: a query may hold a secret, as this token is.
    expect(wrong.json().instance).toBe(`/api/v1/calendar/feeds/${feed.id}.ics`);
    expect((await api.call('GET', '/api/v1/calendar/feeds', { as: 'alice' })).json().items).toEqual(
      [
        {
          id: feed.id,
          name: 'My changes',
          ownerId: 'alice',
          filters: {},
          createdAt: feed.createdAt,
          expiresAt: feed.expiresAt,
        },
      ],
    );
    expect((await api.call('GET', '/api/v1/calendar/feeds', { as: 'bob' })).json().items).toEqual(
      [],
    );
    expect(
      (await api.call('DELETE', `/api/v1/calendar/feeds/${feed.id}`, { as: 'bob' })).statusCode,
    ).toBe(404);
    expect(
      (await api.call('DELETE', `/api/v1/calendar/feeds/${feed.id}`, { as: 'alice' })).statusCode,
    ).toBe(204);
    expect((await api.send({ method: 'GET', url: feed.url, headers: {} })).statusCode).toBe(404);
  });

  it('keeps a feed’s filters', async () => {
    const feed = (
      await api.call('POST', '/api/v1/calendar/feeds', {
        as: 'nina',
        payload: { name: 'Database CI', ci, state: ['scheduled'] },
      })
    ).json();
    expect(feed.filters).toEqual({ ci, state: ['scheduled'] });
    const text = (await api.send({ method: 'GET', url: feed.url, headers: {} })).body;
    expect(text).toContain(`UID:${scheduled.id}@change.itsm`);
    expect(text).not.toContain(`UID:${alices.id}@change.itsm`);
  });

  it('refuses a feed whose filters list more types or states than there are, naming them', async () => {
    const refused = await api.call('POST', '/api/v1/calendar/feeds', {
      as: 'nina',
      payload: {
        name: 'Bulk',
        type: Array(1000).fill('normal'),
        state: Array(1000).fill('new'),
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(
      refused
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['state', 'type']);
  });

  it('reads the range through the GiST index on planned windows, not by scanning every change', async () => {
    const { sql, params } = calendarChangesQuery(
      { from: new Date(soon(0, 0)), to: new Date(soon(30, 0)) },
      {},
      { id: 'nina', readsEveryChange: true },
    );
    // A handful of rows make a sequential scan the cheapest plan: forbidding it asks whether an
    // index can answer the range at all.
    const plan = await api.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return (await manager.query(`EXPLAIN ${sql}`, params)) as Array<{ 'QUERY PLAN': string }>;
    });
    const text = plan.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toContain('change_window');
    expect(text).toMatch(/Index Cond: \(tstzrange\(planned_start, planned_end\) && /);
  });

  it('stops serving a feed once it expires, 90 days after its creation, like a wrong token', async () => {
    const feed = (
      await api.call('POST', '/api/v1/calendar/feeds', {
        as: 'nina',
        payload: { name: 'Soon over' },
      })
    ).json();
    const days = (Date.parse(feed.expiresAt) - Date.parse(feed.createdAt)) / (24 * 3600 * 1000);
    expect(days).toBe(90);
    expect((await api.send({ method: 'GET', url: feed.url, headers: {} })).statusCode).toBe(200);
    await api.dataSource.query(
      `UPDATE calendar_feeds SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [feed.id],
    );
    const expired = await api.send({ method: 'GET', url: feed.url, headers: {} });
    expect(expired.statusCode).toBe(404);
  });

  it('lets change managers list every feed and revoke anybody’s; nobody else', async () => {
    const bobs = (
      await api.call('POST', '/api/v1/calendar/feeds', { as: 'bob', payload: { name: 'Bob’s' } })
    ).json();
    const all = await api.call('GET', '/api/v1/calendar/feeds?all=true', { as: 'chloe' });
    expect(all.statusCode).toBe(200);
    expect(all.json().items).toContainEqual(
      expect.objectContaining({ id: bobs.id, ownerId: 'bob', name: 'Bob’s' }),
    );
    expect(
      (await api.call('GET', '/api/v1/calendar/feeds?all=true', { as: 'alice' })).statusCode,
    ).toBe(403);
    expect(
      (await api.call('DELETE', `/api/v1/calendar/feeds/${bobs.id}`, { as: 'chloe' })).statusCode,
    ).toBe(204);
    expect((await api.send({ method: 'GET', url: bobs.url, headers: {} })).statusCode).toBe(404);
  });
});
