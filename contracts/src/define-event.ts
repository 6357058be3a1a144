import type { Static, TSchema } from '@sinclair/typebox';
import { practiceTopic, type Practice } from './topics';

/** One kind of event: its CloudEvents `type`, the topic it travels on, its data schema and an example. */
export interface EventDefinition<S extends TSchema = TSchema> {
  /** `itsm.<practice>.<entity>.<verb>.v<major>`, e.g. `itsm.incident.incident.created.v1`. */
  type: string;
  practice: Practice;
  entity: string;
  verb: string;
  majorVersion: number;
  topic: string;
  description: string;
  schema: S;
  example: Static<S>;
}

/** The data of an event, as its schema defines it. */
export type EventData<D extends EventDefinition> = Static<D['schema']>;

export function defineEvent<S extends TSchema>(spec: {
  practice: Practice;
  entity: string;
  verb: string;
  majorVersion?: number;
  description: string;
  schema: S;
  example: Static<S>;
}): EventDefinition<S> {
  const majorVersion = spec.majorVersion ?? 1;
  return {
    ...spec,
    majorVersion,
    type: `itsm.${spec.practice}.${spec.entity}.${spec.verb}.v${majorVersion}`,
    topic: practiceTopic(spec.practice, majorVersion),
  };
}
