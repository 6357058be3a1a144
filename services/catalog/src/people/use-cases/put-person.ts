import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { staleVersion, validationProblem } from '@itsm/http';
import { withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { personReplacement } from '../domain/person-replacement';
import type { PutPersonRequest } from '../person.dto';
import { Person } from '../person.entity';
import { personView, type PersonView } from '../person.response';

/**
 * Sets a person's manager and groups: creates them, or replaces what the directory held, only if it
 * is still the version the caller read when they say which (`If-Match`).
 */
@Injectable()
export class PutPerson {
  constructor(private readonly dataSource: DataSource) {}

  execute(
    user: string,
    request: PutPersonRequest,
    expected: number | undefined,
    caller: Principal,
  ): Promise<{ view: PersonView; created: boolean }> {
    if (request.managerId === user) {
      throw validationProblem([
        { field: 'managerId', message: 'a person is not their own manager' },
      ]);
    }
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        // Two first writes of one person at once: the second waits, then replaces.
        await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`person:${user}`]);
        const found = await manager.findOneBy(Person, { id: user });
        const replacement = personReplacement(found?.version, expected);
        if (replacement.outcome === 'refused') {
          throw replacement.reason === 'stale'
            ? staleVersion('Person', user, replacement.expected, replacement.current)
            : recordNotFound('Person', user);
        }
        const person = found ?? manager.create(Person, { id: user });
        Object.assign(person, {
          managerId: request.managerId,
          groups: [...new Set(request.groups)],
          updatedBy: caller.id,
        });
        const view = personView(await manager.save(person));
        return { view, created: replacement.outcome === 'create' };
      }),
    );
  }
}
