import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../problem.definition';

jest.setTimeout(120_000);

type Problem = { id: string; version: number; number: string };

/** Publishing known errors and finding their workarounds, against real PostgreSQL. */
describe('the known-error database, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  const checkoutDb = '11111111-0000-4000-8000-0000000000db';

  const open = async (payload: object): Promise<Problem> => {
    const response = await api.call('POST', '/api/v1/problems', { as: 'paul', payload });
    expect(response.statusCode).toBe(201);
    return response.json();
  };
  const move = async (problem: Problem, ...states: string[]): Promise<Problem> => {
    for (const to of states) {
      const moved = await api.call('POST', `/api/v1/problems/${problem.id}/transitions`, {
        as: 'paul',
        payload: { to, version: problem.version },
      });
      expect(moved.statusCode).toBe(200);
      problem = moved.json();
    }
    return problem;
  };
  const publish = (problem: Problem, payload: object, as = 'paul') =>
    api.call('POST', `/api/v1/problems/${problem.id}/known-error`, {
      as,
      payload,
      headers: { 'if-match': `W/"${problem.version}"` },
    });
  /** A problem in analysis, published as a known error. */
  const knownError = async (fields: object, documentation: object): Promise<Problem> => {
    const problem = await move(await open(fields), 'assess', 'root_cause_analysis');
    const published = await publish(problem, documentation);
    expect(published.statusCode).toBe(200);
    return published.json();
  };
  const search = async (query: string, as = 'sam') => {
    const response = await api.call('GET', `/api/v1/known-errors?${query}`, { as });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const published = async (id: string) =>
    (
      (await api.dataSource.query(
        `SELECT payload FROM outbox WHERE aggregate_id = $1
            AND event_type = 'itsm.problem.known_error.published.v1' ORDER BY sequence`,
        [id],
      )) as Array<{ payload: Record<string, unknown> }>
    ).map((row) => row.payload);

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('publishes a problem in analysis as a known error with its cause and workaround, and announces it', async () => {
    const problem = await move(
      await open({
        shortDescription: 'Checkout times out under load',
        configurationItemId: checkoutDb,
        cause: 'The connection pool leaks a connection on every query timeout',
      }),
      'assess',
      'root_cause_analysis',
    );
    const answer = await publish(problem, {
      workaround: 'Restart the connection pool from the admin console',
      causeCategory: 'software',
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers.etag).toBe(`W/"${answer.json().version}"`);
    expect(answer.json()).toMatchObject({
      knownError: true,
      knownErrorBy: 'paul',
      knownErrorAt: expect.any(String),
      cause: 'The connection pool leaks a connection on every query timeout',
      causeCategory: 'software',
    });
    expect(await published(problem.id)).toEqual([
      expect.objectContaining({
        number: problem.number,
        workaround: 'Restart the connection pool from the admin console',
        configurationItemId: checkoutDb,
        republished: false,
        publishedBy: 'paul',
      }),
    ]);
    const again = await publish(answer.json(), {});
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(answer.json().version);
    expect(await published(problem.id)).toHaveLength(1);
    const changed = await api.call('PATCH', `/api/v1/problems/${problem.id}`, {
      as: 'paul',
      payload: { workaround: 'Fail over to the replica', version: answer.json().version },
    });
    expect(changed.statusCode).toBe(200);
    expect((await published(problem.id)).map((p) => [p.workaround, p.republished])).toEqual([
      ['Restart the connection pool from the admin console', false],
      ['Fail over to the replica', true],
    ]);
  });

  it('refuses a known error before the analysis or without cause and workaround, naming what is missing, and writes nothing', async () => {
    const fresh = await open({ shortDescription: 'Wi-Fi drops on floor 3' });
    const early = await publish(fresh, { cause: 'Channel overlap', workaround: 'Use cable' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      currentState: 'new',
      allowedStates: ['root_cause_analysis', 'fix_in_progress'],
    });
    const analysed = await move(fresh, 'assess', 'root_cause_analysis');
    const undocumented = await publish(analysed, {});
    expect(undocumented.statusCode).toBe(400);
    expect(undocumented.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'cause',
      'workaround',
    ]);
    const nullWorkaround = await publish(analysed, { cause: 'x', workaround: null });
    expect(nullWorkaround.statusCode).toBe(400);
    const current = await api.call('GET', `/api/v1/problems/${fresh.id}`, { as: 'paul' });
    expect(current.json()).toMatchObject({ knownError: false, version: analysed.version });
    expect(await published(fresh.id)).toEqual([]);
  });

  it('keeps the cause and workaround of a known error: blanking either is refused', async () => {
    const problem = await knownError(
      { shortDescription: 'Reports render blank' },
      { cause: 'Font cache corrupt', workaround: 'Clear the font cache' },
    );
    const blanked = await api.call('PATCH', `/api/v1/problems/${problem.id}`, {
      as: 'paul',
      payload: { workaround: null, version: problem.version },
    });
    expect(blanked.statusCode).toBe(400);
    expect(blanked.json().errors.map((e: { field: string }) => e.field)).toEqual(['workaround']);
  });

  it('finds the best match first, by words of the symptom, cause or workaround, with highlighted snippets', async () => {
    const best = await knownError(
      { shortDescription: 'Payment gateway timeouts at checkout', configurationItemId: checkoutDb },
      {
        cause: 'TLS session cache exhausted on the payment gateway',
        workaround: 'Flush the TLS session cache on the gateway; payments retry by themselves',
      },
    );
    const weaker = await knownError(
      { shortDescription: 'Slow nightly export' },
      {
        cause: 'Export job competes with backups',
        workaround: 'Move the export after the backups; a payment report may come late',
      },
    );
    await knownError(
      { shortDescription: 'Printer offline' },
      { cause: 'DHCP lease expiry', workaround: 'Give the printer a fixed address' },
    );
    const found = await search('q=payment%20gateway%20timeout');
    expect(found.items.map((k: { id: string }) => k.id)).toEqual([best.id]);
    const either = await search('q=payment%20or%20payments');
    expect(either.items.map((k: { id: string }) => k.id)).toEqual([best.id, weaker.id]);
    expect(either.items[0].rank).toBeGreaterThan(either.items[1].rank);
    expect(either.items[0]).toMatchObject({
      number: best.number,
      workaround: 'Flush the TLS session cache on the gateway; payments retry by themselves',
      highlights: {
        shortDescription: '<mark>Payment</mark> gateway timeouts at checkout',
        workaround: expect.stringContaining('<mark>payments</mark>'),
        cause: expect.stringContaining('<mark>payment</mark>'),
      },
    });
  });

  it('escapes the text of a snippet, so that only the marks are markup', async () => {
    const problem = await knownError(
      { shortDescription: 'Login page shows <script> tags' },
      { cause: 'Template escaping off', workaround: 'Use the <b>legacy</b> login & retry' },
    );
    const { items } = await search('q=legacy%20login');
    const hit = items.find((k: { id: string }) => k.id === problem.id);
    expect(hit.highlights.workaround).toContain(
      '<mark>legacy</mark>&lt;/b&gt; <mark>login</mark> &amp; retry',
    );
    expect(hit.highlights.workaround.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
    expect(hit.highlights.shortDescription).toBe(
      'Login page shows &lt;script&gt; tags'.replace('Login', '<mark>Login</mark>'),
    );
    expect(hit.workaround).toBe('Use the <b>legacy</b> login & retry');
  });

  it('filters by CI, service and state, newest first without words, and pages through ranked results', async () => {
    const service = '22222222-0000-4000-8000-00000000beef';
    const onService = await knownError(
      { shortDescription: 'Search index stale', serviceId: service },
      { cause: 'Indexer crashed', workaround: 'Rebuild the search index' },
    );
    expect((await search(`service=${service}`)).items.map((k: { id: string }) => k.id)).toEqual([
      onService.id,
    ]);
    const onCi = await search(`ci=${checkoutDb.toUpperCase()}`);
    expect(onCi.items.length).toBeGreaterThanOrEqual(2);
    expect(
      onCi.items.every(
        (k: { configurationItemId: string }) => k.configurationItemId === checkoutDb,
      ),
    ).toBe(true);
    expect(onCi.items[0]).toMatchObject({ rank: null, highlights: null });
    expect((await search('state=fix_in_progress')).items).toEqual([]);
    const all = await search('q=the');
    expect(all.items).toEqual([]);
    const ranked = await search('q=cache%20or%20index%20or%20payment&limit=1');
    const seen = [ranked.items[0].id];
    let cursor = ranked.nextCursor;
    while (cursor) {
      const next = await search(`q=cache%20or%20index%20or%20payment&limit=1&cursor=${cursor}`);
      seen.push(...next.items.map((k: { id: string }) => k.id));
      cursor = next.nextCursor;
    }
    const whole = await search('q=cache%20or%20index%20or%20payment');
    expect(seen).toEqual(whole.items.map((k: { id: string }) => k.id));
    const tampered = await api.call('GET', '/api/v1/known-errors?q=cache&cursor=eyJyYW5rIjoieCJ9', {
      as: 'sam',
    });
    expect(tampered.statusCode).toBe(400);
  });
});
