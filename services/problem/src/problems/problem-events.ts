import {
  knownErrorPublished,
  problemCreated,
  problemStateChanged,
  problemUpdated,
  type EventData,
} from '@itsm/contracts';
import type { FieldChange } from '@itsm/persistence';
import type { ProblemState } from './domain/problem-states';
import type { Problem } from './problem.entity';

const optional = <T>(value: T | null): T | undefined => value ?? undefined;

/** Event data of a problem's changes, built from the saved record so that events match it. */
export const problemEvents = {
  created: (
    p: Problem,
    linkedIncidentIds: readonly string[] = [],
  ): EventData<typeof problemCreated> => ({
    id: p.id,
    number: p.number,
    shortDescription: p.shortDescription,
    description: optional(p.description),
    state: p.state,
    configurationItemId: optional(p.configurationItemId),
    serviceId: optional(p.serviceId),
    category: optional(p.category),
    assignmentGroup: optional(p.assignmentGroup),
    linkedIncidentIds: [...linkedIncidentIds],
    openedBy: p.openedBy,
    openedAt: p.openedAt.toISOString(),
  }),

  updated: (
    p: Problem,
    actor: string,
    at: Date,
    changes: FieldChange[],
  ): EventData<typeof problemUpdated> => ({
    id: p.id,
    number: p.number,
    version: p.version,
    changedBy: actor,
    changedAt: at.toISOString(),
    changes: changes.map(({ field, oldValue, newValue }) => ({ field, oldValue, newValue })),
  }),

  stateChanged: (
    p: Problem,
    from: ProblemState,
    actor: string,
    at: Date,
  ): EventData<typeof problemStateChanged> => ({
    id: p.id,
    number: p.number,
    version: p.version,
    fromState: from,
    toState: p.state,
    reason: p.state === 'resolved' || p.state === 'closed' ? optional(p.resolutionCode) : undefined,
    changedBy: actor,
    changedAt: at.toISOString(),
  }),

  knownErrorPublished: (
    p: Problem,
    republished: boolean,
    actor: string,
    at: Date,
  ): EventData<typeof knownErrorPublished> => ({
    id: p.id,
    number: p.number,
    version: p.version,
    shortDescription: p.shortDescription,
    cause: p.cause!,
    causeCategory: optional(p.causeCategory),
    workaround: p.workaround!,
    configurationItemId: optional(p.configurationItemId),
    serviceId: optional(p.serviceId),
    republished,
    publishedBy: actor,
    publishedAt: at.toISOString(),
  }),
};
