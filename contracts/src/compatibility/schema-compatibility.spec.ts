import { EVENT_CATALOG } from '../registry';
import { breakingChanges, type JsonSchema } from './schema-compatibility';
import { compatibilityReport, readSnapshots } from './snapshots';

const released: JsonSchema = {
  type: 'object',
  required: ['id', 'state'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    state: { type: 'string', enum: ['new', 'in_progress', 'closed'] },
    impact: { type: 'integer', minimum: 1, maximum: 3 },
    tags: { type: 'array', items: { type: 'string' } },
    note: { type: 'string' },
  },
};

function changed(edit: (schema: JsonSchema) => void): string[] {
  const current = structuredClone(released);
  edit(current);
  return breakingChanges(released, current);
}

describe('the compatibility check of event schemas', () => {
  it('passes an unchanged schema', () => {
    expect(breakingChanges(released, structuredClone(released))).toEqual([]);
  });

  it('passes a compatible addition: a new optional field, a new enum value, a loosened limit', () => {
    expect(
      changed((schema) => {
        schema.properties!.category = { type: 'string' };
        schema.properties!.state!.enum!.push('on_hold');
        schema.properties!.impact!.maximum = 5;
      }),
    ).toEqual([]);
  });

  it('catches a removed field', () => {
    expect(changed((schema) => delete schema.properties!.note)).toEqual([
      '(data).note: field removed',
    ]);
  });

  it('catches a changed type, also inside arrays', () => {
    expect(
      changed((schema) => {
        schema.properties!.impact!.type = 'string';
        schema.properties!.tags!.items = { type: 'integer' };
      }),
    ).toEqual([
      '(data).impact: type changed from integer to string',
      '(data).tags[]: type changed from string to integer',
    ]);
  });

  it('catches a field made required and a new required field', () => {
    expect(
      changed((schema) => {
        schema.required!.push('note');
        schema.properties!.owner = { type: 'string' };
        schema.required!.push('owner');
      }),
    ).toEqual(['(data).note: field made required', '(data).owner: new required field']);
  });

  it('catches a removed enum value', () => {
    expect(changed((schema) => (schema.properties!.state!.enum = ['new', 'closed']))).toEqual([
      '(data).state: enum value "in_progress" removed',
    ]);
  });

  it('catches a tightened constraint, which would reject events already in the log', () => {
    expect(
      changed((schema) => {
        schema.properties!.impact!.maximum = 2;
        schema.properties!.note!.pattern = '^[A-Z]';
        schema.additionalProperties = false;
      }),
    ).toEqual([
      '(data).impact: maximum lowered to 2',
      '(data).note: pattern changed to ^[A-Z]',
      '(data): additional properties no longer allowed',
    ]);
  });

  it('catches a released event type that disappeared', () => {
    const snapshots = new Map([['itsm.incident.incident.vanished.v1', released]]);
    expect(compatibilityReport(snapshots, EVENT_CATALOG)).toEqual([
      'itsm.incident.incident.vanished.v1: released event type removed',
    ]);
  });

  it('finds the current event definitions compatible with every released snapshot', () => {
    const snapshots = readSnapshots();
    expect(snapshots.size).toBeGreaterThanOrEqual(EVENT_CATALOG.length);
    expect(compatibilityReport(snapshots, EVENT_CATALOG)).toEqual([]);
  });
});
