import { HttpStatus } from '@nestjs/common';
import { problem } from '@itsm/http';
import { MANAGERS } from '../access';

/** The 403 of a caller who may see the incident but is not one of the people working it. */
export function notWorkingIt(detail: string) {
  return problem(HttpStatus.FORBIDDEN, 'forbidden', 'Your roles do not allow this', detail, {
    requiredRoles: ['agent of the assignment group', ...MANAGERS],
  });
}
