import type { EventDefinition } from './define-event';
import { catalogEvents } from './events/catalog.events';
import { changeEvents } from './events/change.events';
import { configurationEvents } from './events/configuration.events';
import { incidentEvents } from './events/incident.events';
import { problemEvents } from './events/problem.events';
import type { Practice } from './topics';

/** Every event the platform publishes: the public API for integrators. */
export const EVENT_CATALOG: readonly EventDefinition[] = [
  ...incidentEvents,
  ...problemEvents,
  ...changeEvents,
  ...configurationEvents,
  ...catalogEvents,
];

const byType = new Map(EVENT_CATALOG.map((definition) => [definition.type, definition]));

/** The definition of a CloudEvents `type`, or undefined for a type this platform does not know. */
export function findEventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

export function eventsOf(practice: Practice): EventDefinition[] {
  return EVENT_CATALOG.filter((definition) => definition.practice === practice);
}
