import type { EntityManager } from 'typeorm';
import { Person } from './person.entity';

/** What the directory knows of a person; somebody it does not know has no manager and no groups. */
export interface KnownPerson {
  id: string;
  managerId: string | null;
  groups: ReadonlySet<string>;
}

export async function personOf(manager: EntityManager, id: string): Promise<KnownPerson> {
  const found = await manager.findOneBy(Person, { id });
  return { id, managerId: found?.managerId ?? null, groups: new Set(found?.groups ?? []) };
}
