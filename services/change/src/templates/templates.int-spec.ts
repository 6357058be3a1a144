import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from '../change.definition';

jest.setTimeout(120_000);

const CI = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const content = {
  shortDescription: 'Restart an application server',
  justification: 'Clears a known memory leak',
  implementationPlan: 'systemctl restart app',
  backoutPlan: 'None needed: the service comes back by itself',
  testPlan: 'GET /health answers 200',
  assignmentGroup: 'network',
};

/** The catalogue of standard-change templates, and standard changes made from it. */
describe('standard-change templates, against real PostgreSQL', () => {
  let api: ServiceUnderTest;

  const call = (
    method: 'POST' | 'PATCH',
    url: string,
    version: number,
    payload: object = {},
    as = 'chloe',
  ) => api.call(method, url, { as, payload, headers: { 'if-match': `W/"${version}"` } });

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
  });
  afterAll(() => api.close());

  it('makes standard changes from the published version only, and an edit never changes them', async () => {
    const created = await api.call('POST', '/api/v1/change-templates', {
      as: 'chloe',
      payload: { name: 'Restart app server', ...content },
    });
    expect(created.statusCode).toBe(201);
    let template = created.json();
    expect(template).toMatchObject({
      publishedVersion: null,
      versions: [{ version: 1, state: 'draft' }],
    });
    const url = `/api/v1/change-templates/${template.id}`;
    const standard = { type: 'standard', templateId: template.id, affectedCiIds: [CI] };

    const unpublished = await api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: standard,
    });
    expect(unpublished.statusCode).toBe(409);

    template = (await call('POST', `${url}/publish`, template.version)).json();
    expect(template.publishedVersion).toBe(1);
    const first = (
      await api.call('POST', '/api/v1/changes', { as: 'nina', payload: standard })
    ).json();
    expect(first).toMatchObject({
      type: 'standard',
      state: 'new',
      templateId: template.id,
      templateVersion: 1,
      assignmentGroup: 'network',
      implementationPlan: 'systemctl restart app',
      allowedNextStates: ['scheduled', 'canceled'],
    });

    template = (
      await call('PATCH', url, template.version, { implementationPlan: 'kill -HUP' })
    ).json();
    expect(
      template.versions.map((v: { version: number; state: string }) => [v.version, v.state]),
    ).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    template = (await call('POST', `${url}/publish`, template.version)).json();
    expect(template.versions.map((v: { state: string }) => v.state)).toEqual([
      'published',
      'retired',
    ]);

    const second = (
      await api.call('POST', '/api/v1/changes', { as: 'nina', payload: standard })
    ).json();
    expect(second).toMatchObject({ templateVersion: 2, implementationPlan: 'kill -HUP' });
    const unchanged = (await api.call('GET', `/api/v1/changes/${first.id}`, { as: 'nina' })).json();
    expect(unchanged).toMatchObject({
      templateVersion: 1,
      implementationPlan: 'systemctl restart app',
    });

    template = (await call('POST', `${url}/retire`, template.version)).json();
    expect(template.publishedVersion).toBeNull();
    const retired = await api.call('POST', '/api/v1/changes', { as: 'nina', payload: standard });
    expect(retired.statusCode).toBe(409);
    expect((await call('POST', `${url}/retire`, template.version)).statusCode).toBe(409);
  });

  it('schedules a standard change without approval and keeps its plans the template’s', async () => {
    let template = (
      await api.call('POST', '/api/v1/change-templates', {
        as: 'chloe',
        payload: { name: 'Rotate certificates', ...content },
      })
    ).json();
    template = (
      await call('POST', `/api/v1/change-templates/${template.id}/publish`, template.version)
    ).json();
    const withPlan = await api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: { type: 'standard', templateId: template.id, backoutPlan: 'mine' },
    });
    expect(withPlan.statusCode).toBe(400);
    expect(withPlan.json().errors.map((e: { field: string }) => e.field)).toEqual(['backoutPlan']);
    let change = (
      await api.call('POST', '/api/v1/changes', {
        as: 'nina',
        payload: {
          type: 'standard',
          templateId: template.id,
          affectedCiIds: [CI],
          plannedStart: '2026-12-05T22:00:00Z',
          plannedEnd: '2026-12-05T22:30:00Z',
        },
      })
    ).json();
    expect(
      (
        await call(
          'PATCH',
          `/api/v1/changes/${change.id}`,
          change.version,
          { testPlan: 'x' },
          'nina',
        )
      ).statusCode,
    ).toBe(400);
    change = (
      await call(
        'POST',
        `/api/v1/changes/${change.id}/transitions`,
        change.version,
        { to: 'scheduled' },
        'nina',
      )
    ).json();
    expect(change.state).toBe('scheduled');
  });

  it('refuses a standard change without a template, and a template for any other type', async () => {
    const noTemplate = await api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: { type: 'standard', assignmentGroup: 'network' },
    });
    expect(noTemplate.statusCode).toBe(400);
    expect(noTemplate.json().errors.map((e: { field: string }) => e.field)).toEqual(['templateId']);
    const normal = await api.call('POST', '/api/v1/changes', {
      as: 'nina',
      payload: {
        type: 'normal',
        shortDescription: 'x',
        assignmentGroup: 'network',
        templateId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(normal.json().errors.map((e: { field: string }) => e.field)).toEqual(['templateId']);
  });

  it('refuses a second template of the same name, naming the field', async () => {
    const payload = { name: 'Unique name', ...content };
    expect(
      (await api.call('POST', '/api/v1/change-templates', { as: 'chloe', payload })).statusCode,
    ).toBe(201);
    const twice = await api.call('POST', '/api/v1/change-templates', {
      as: 'chloe',
      payload: { ...payload, name: 'UNIQUE NAME' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors).toEqual([
      { field: 'name', message: 'another template has this name' },
    ]);
  });

  it('lists templates by name and by the state of their versions', async () => {
    const names = async (query: string) =>
      (await api.call('GET', `/api/v1/change-templates?${query}`, { as: 'nina' }))
        .json()
        .items.map((t: { name: string }) => t.name);
    expect(await names('state=published')).toEqual(['Rotate certificates']);
    expect(await names('state=retired')).toEqual(['Restart app server']);
    expect(await names('q=rotate')).toEqual(['Rotate certificates']);
  });

  it('pages through names JavaScript and PostgreSQL lower-case differently, each template once', async () => {
    const names = ['ΣΑΣ', 'ΣΑΣ Β', 'ΣΑΣΑ', 'İstanbul', 'Izmir', 'Istria'];
    for (const name of names) {
      const created = await api.call('POST', '/api/v1/change-templates', {
        as: 'chloe',
        payload: { name, ...content },
      });
      expect(created.statusCode).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (
        await api.call(
          'GET',
          `/api/v1/change-templates?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          { as: 'nina' },
        )
      ).json() as { items: Array<{ name: string }>; nextCursor: string | null };
      seen.push(...page.items.map((t) => t.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && seen.length < 100); // it served 'ΣΑΣ' again and again
    expect(seen.filter((name) => names.includes(name)).sort()).toEqual([...names].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });
});
