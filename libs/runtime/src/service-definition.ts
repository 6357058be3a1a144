import type { Practice } from '@itsm/contracts';
import type { DynamicModule, Type } from '@nestjs/common';
import { CreateMessagingTables1764288000000 } from '@itsm/messaging';

/** Everything that makes one practice's service different from the others. */
export interface ServiceDefinition {
  practice: Practice;
  title: string;
  description: string;
  version: string;
  /** The service's feature modules. */
  modules: Array<Type | DynamicModule>;
  entities: Function[];
  migrations: Function[];
}

export function defineService(definition: ServiceDefinition): ServiceDefinition {
  return definition;
}

/** A service's migrations after the platform's own (the outbox and inbox every service has). */
export function serviceMigrations(definition: ServiceDefinition): Function[] {
  return [CreateMessagingTables1764288000000, ...definition.migrations];
}
