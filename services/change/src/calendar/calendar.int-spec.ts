import { randomUUID } from 'node:crypto';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';
import { SchedulingFixture } from '../conflicts/scheduling.testing';

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
      url: `/api/v1/calendar/feeds/${feed.id}.ics?token=x`,
      headers: {},
    });
    expect(wrong.statusCode).toBe(404);
    expect((await api.call('GET', '/api/v1/calendar/feeds', { as: 'alice' })).json().items).toEqual(
      [{ id: feed.id, name: 'My changes', filters: {}, createdAt: feed.createdAt }],
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
});
