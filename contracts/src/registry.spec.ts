import { incidentCreated } from './events/incident.events';
import { EVENT_CATALOG, eventsOf, findEventDefinition } from './registry';
import { PRACTICES } from './topics';
import { validateEventData } from './validation';

describe('the event catalog', () => {
  it('names every type itsm.<practice>.<entity>.<verb>.v<major>, each once, on its practice topic', () => {
    const types = EVENT_CATALOG.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    for (const definition of EVENT_CATALOG) {
      expect(definition.type).toMatch(/^itsm\.[a-z]+\.[a-z_]+\.[a-z_]+\.v[1-9][0-9]*$/);
      expect(definition.topic).toBe(`itsm.${definition.practice}.v${definition.majorVersion}`);
    }
  });

  it('has events for every practice', () => {
    for (const practice of PRACTICES) expect(eventsOf(practice).length).toBeGreaterThanOrEqual(3);
  });

  it('holds the first events of each practice, as DOMAIN.md and ARCHITECTURE.md describe them', () => {
    const expected = [
      'itsm.incident.incident.created.v1',
      'itsm.incident.incident.updated.v1',
      'itsm.incident.incident.state_changed.v1',
      'itsm.incident.sla.warning.v1',
      'itsm.incident.sla.breached.v1',
      'itsm.problem.problem.state_changed.v1',
      'itsm.change.change.state_changed.v1',
      'itsm.configuration.ci.status_changed.v1',
      'itsm.configuration.relationship.created.v1',
      'itsm.configuration.impact.calculated.v1',
      'itsm.catalog.request.created.v1',
      'itsm.catalog.requested_item.state_changed.v1',
    ];
    for (const type of expected) expect(findEventDefinition(type)?.type).toBe(type);
    expect(findEventDefinition('itsm.incident.incident.exploded.v1')).toBeUndefined();
  });

  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition] as const))(
    '%s: its documented example matches its schema',
    (_type, definition) => {
      expect(validateEventData(definition, definition.example)).toEqual({ valid: true });
    },
  );

  it('names each invalid field and the allowed values', () => {
    const result = validateEventData(incidentCreated, {
      ...incidentCreated.example,
      number: 'INC12',
      state: 'lost',
      impact: 4,
      openedAt: 'yesterday',
      id: undefined,
    });
    expect(result.valid).toBe(false);
    const errors = result.valid ? [] : result.errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        "(data) must have required property 'id'",
        'number must match pattern "^INC[0-9]{7}$"',
        'state must be equal to one of the allowed values: new, in_progress, on_hold, resolved, closed, canceled',
        'impact must be <= 3',
        'openedAt must match format "date-time"',
      ]),
    );
  });
});
