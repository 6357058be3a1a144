import { ciStatusChanged, ciUpdated } from '@itsm/contracts';
import { newCi, type Ci } from './ci';
import { ciChangeEvents, ciChangePublishes } from './ci-events';

const ci: Ci & { updatedAt: Date } = {
  ...newCi(
    { name: 'db-host', operationalStatus: 'down', criticality: 1 },
    { classId: 'server-id', identityClassId: 'server-id', createdBy: 'alice' },
  ),
  id: '0b9b2a4e-5d1c-4d4a-9a57-0a4c0d3c6f10',
  version: 3,
  updatedAt: new Date('2025-01-02T03:04:05Z'),
};

const renamed = { field: 'name', oldValue: 'db', newValue: 'db-host' };
const wentDown = { field: 'operationalStatus', oldValue: 'operational', newValue: 'down' };

describe('ciChangeEvents', () => {
  it('publishes field changes as one ci.updated', () => {
    const events = ciChangeEvents(
      { ...ci, operationalStatus: 'operational' },
      'server',
      [renamed],
      'operational',
      'alice',
    );

    expect(events).toEqual([
      {
        definition: ciUpdated,
        aggregateId: ci.id,
        data: {
          id: ci.id,
          version: 3,
          changedBy: 'alice',
          changedAt: '2025-01-02T03:04:05.000Z',
          changes: [renamed],
        },
      },
    ]);
  });

  it('publishes a new status as ci.status_changed, not as a field of ci.updated', () => {
    const events = ciChangeEvents(ci, 'server', [wentDown], 'operational', 'monitoring');

    expect(events).toEqual([
      {
        definition: ciStatusChanged,
        aggregateId: ci.id,
        data: expect.objectContaining({
          fromStatus: 'operational',
          toStatus: 'down',
          className: 'server',
          criticality: 1,
        }),
      },
    ]);
  });

  it('publishes both, ci.updated first, when fields and status change together', () => {
    const events = ciChangeEvents(ci, 'server', [renamed, wentDown], 'operational', 'alice');

    expect(events.map((e) => e.definition)).toEqual([ciUpdated, ciStatusChanged]);
    expect(events[0]!.data).toMatchObject({ changes: [renamed] });
  });

  it('adds to the list it is given, so that an import gathers a batch in one', () => {
    const batch = ciChangeEvents(ci, 'server', [renamed], 'down', 'a');
    ciChangeEvents(ci, 'server', [wentDown], 'operational', 'b', batch);

    expect(batch.map((e) => e.definition)).toEqual([ciUpdated, ciStatusChanged]);
  });
});

describe('ciChangePublishes', () => {
  it('is false when only bookkeeping changed', () => {
    const bookkeeping = [{ field: 'fieldSources', oldValue: {}, newValue: { name: 'manual' } }];
    expect(ciChangePublishes(bookkeeping, 'operational', 'operational')).toBe(false);
  });

  it('is true for a field change or a new status', () => {
    expect(ciChangePublishes([renamed], 'operational', 'operational')).toBe(true);
    expect(ciChangePublishes([], 'operational', 'down')).toBe(true);
  });
});
