import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { startServiceUnderTest, type ServiceUnderTest } from '@itsm/testing';
import { definition } from './incident.definition';

jest.setTimeout(120_000);

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
interface Answer {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): { id: string; version: number } & Record<string, unknown>;
}
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: object }>; links?: object }>;
}
type Document = { paths: Record<string, Record<string, Operation>>; components: object };

/** Integrators generate clients and fuzzers from the document: every answer must be the one it declares. */
describe('the OpenAPI document of incidents answers, against real PostgreSQL', () => {
  let api: ServiceUnderTest;
  let document: Document;
  const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true }));

  /** Calls the API and checks the answer against the schema declared for its path and status. */
  const conforming = async (
    method: Method,
    template: string,
    ids: Record<string, string>,
    options: { as: string; payload?: object; headers?: Record<string, string> },
  ): Promise<Answer> => {
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name]!);
    const answer = (await api.call(method, url, options)) as Answer;
    const declared = document.paths[template]?.[method.toLowerCase()]?.responses[answer.statusCode];
    const schema = declared?.content?.['application/json']?.schema;
    expect({ method, template, status: answer.statusCode, declared: schema !== undefined }).toEqual(
      { method, template, status: answer.statusCode, declared: true },
    );
    const validate = ajv.compile({ ...schema, components: document.components });
    expect({ method, template, errors: validate(answer.json()) ? [] : validate.errors }).toEqual({
      method,
      template,
      errors: [],
    });
    return answer;
  };
  const ifMatch = (record: { version: number }) => ({ 'if-match': `W/"${record.version}"` });

  beforeAll(async () => {
    api = await startServiceUnderTest(definition);
    document = (await api.call('GET', '/api/v1/openapi.json')).json() as unknown as Document;
  });
  afterAll(() => api.close());

  it('declares the schema of every success, and links each new record to what can be done with it', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    const ids = new Set(operations.map((operation) => operation.operationId));
    for (const operation of operations) {
      const successes = Object.entries(operation.responses).filter(([status]) =>
        status.startsWith('2'),
      );
      expect({ operation: operation.operationId, successes: successes.length }).not.toEqual({
        operation: operation.operationId,
        successes: 0,
      });
      for (const [status, response] of successes) {
        expect({ operation: operation.operationId, status, content: response.content }).toEqual({
          operation: operation.operationId,
          status,
          content: { 'application/json': { schema: expect.any(Object) } },
        });
      }
    }
    for (const [path, linked] of [
      ['/api/v1/incidents', ['getIncident', 'updateIncident', 'transitionIncident']],
      ['/api/v1/sla-schedules', ['replaceSlaSchedule']],
      ['/api/v1/sla-definitions', ['replaceSlaDefinition']],
    ] as const) {
      const links = document.paths[path]!.post!.responses['201']!.links as Record<
        string,
        { operationId: string; parameters: object }
      >;
      for (const operationId of linked) {
        expect(ids).toContain(operationId);
        expect(links[operationId]).toEqual({
          operationId,
          parameters: { id: '$response.body#/id' },
        });
      }
    }
  });

  it('answers the life of an incident as declared: raised, read, listed, changed, moved, noted, major', async () => {
    const raise = () =>
      conforming(
        'POST',
        '/api/v1/incidents',
        {},
        {
          as: 'sam',
          payload: {
            shortDescription: 'Checkout times out',
            callerId: 'bob',
            impact: 1,
            urgency: 1,
          },
          headers: { 'idempotency-key': 'conformance-1' },
        },
      );
    const raised = await raise();
    expect(raised.statusCode).toBe(201);
    const id = { id: raised.json().id };
    const replayed = await raise();
    expect(replayed.statusCode).toBe(200);
    await conforming('GET', '/api/v1/incidents/{id}', id, { as: 'sam' });
    await conforming('GET', '/api/v1/incidents', {}, { as: 'sam' });
    const changed = await conforming('PATCH', '/api/v1/incidents/{id}', id, {
      as: 'sam',
      payload: { assignee: 'sam', description: null },
      headers: ifMatch(raised.json()),
    });
    const held = await conforming('POST', '/api/v1/incidents/{id}/transitions', id, {
      as: 'sam',
      payload: { to: 'on_hold', onHoldReason: 'awaiting_vendor' },
      headers: ifMatch(changed.json()),
    });
    expect(held.statusCode).toBe(200);
    await conforming('POST', '/api/v1/incidents/{id}/notes', id, {
      as: 'sam',
      payload: { kind: 'work_note', body: 'Vendor ticket 4711' },
    });
    await conforming('GET', '/api/v1/incidents/{id}/notes', id, { as: 'sam' });
    await conforming('GET', '/api/v1/incidents/{id}/history', id, { as: 'sam' });
    const major = await conforming('POST', '/api/v1/incidents/{id}/major', id, {
      as: 'ivy',
      payload: { reason: 'Every customer is affected' },
      headers: ifMatch(held.json()),
    });
    expect(major.statusCode).toBe(201);
    await conforming('POST', '/api/v1/incidents/{id}/communications', id, {
      as: 'ivy',
      payload: { audience: 'customers', message: 'We are on it' },
    });
    await conforming('GET', '/api/v1/incidents/{id}/communications', id, { as: 'bob' });
    await conforming('GET', '/api/v1/incident-metrics', {}, { as: 'ivy' });
  });

  it('answers the priority matrix and the SLA settings as declared', async () => {
    const matrix = await conforming('GET', '/api/v1/priority-matrix', {}, { as: 'sam' });
    await conforming(
      'PUT',
      '/api/v1/priority-matrix',
      {},
      {
        as: 'ivy',
        payload: { matrix: matrix.json().matrix },
        headers: ifMatch(matrix.json()),
      },
    );
    const schedule = await conforming(
      'POST',
      '/api/v1/sla-schedules',
      {},
      {
        as: 'ivy',
        payload: {
          name: 'Conformance hours',
          kind: 'business_hours',
          timeZone: 'Europe/London',
          hours: [{ day: 1, start: '08:00', end: '17:00' }],
          holidays: ['2026-12-25'],
        },
      },
    );
    expect(schedule.statusCode).toBe(201);
    await conforming(
      'PUT',
      '/api/v1/sla-schedules/{id}',
      { id: schedule.json().id },
      {
        as: 'ivy',
        payload: { name: 'Conformance hours', kind: '24x7', timeZone: 'UTC' },
        headers: ifMatch(schedule.json()),
      },
    );
    await conforming('GET', '/api/v1/sla-schedules', {}, { as: 'sam' });
    const slaDefinition = await conforming(
      'POST',
      '/api/v1/sla-definitions',
      {},
      {
        as: 'ivy',
        payload: {
          name: 'Conformance response',
          target: 'response',
          priorities: [4],
          durationSeconds: 3600,
          scheduleId: schedule.json().id,
        },
      },
    );
    await conforming(
      'PUT',
      '/api/v1/sla-definitions/{id}',
      { id: slaDefinition.json().id },
      {
        as: 'ivy',
        payload: {
          name: 'Conformance response',
          target: 'response',
          priorities: [4, 5],
          durationSeconds: 7200,
          scheduleId: schedule.json().id,
          active: false,
        },
        headers: ifMatch(slaDefinition.json()),
      },
    );
    await conforming('GET', '/api/v1/sla-definitions', {}, { as: 'sam' });
    await conforming('GET', '/api/v1/sla-repair', {}, { as: 'sam' });
  });
});
