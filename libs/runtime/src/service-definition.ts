import type { Practice } from '@itsm/contracts';
import type { DynamicModule, Type } from '@nestjs/common';

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
