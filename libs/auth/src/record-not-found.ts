import { HttpStatus } from '@nestjs/common';
import type { Practice } from '@itsm/contracts';
import { problem } from '@itsm/http';
import type { Principal } from './principal';
import { canSee, type RecordParties } from './record-access';

/**
 * The same 404 for a record that does not exist and one the caller may not see: a requester cannot
 * learn that somebody else's record exists.
 */
export function recordNotFound(kind: string, id: string) {
  return problem(HttpStatus.NOT_FOUND, 'not-found', `${kind} not found`, `No ${kind} ${id}`);
}

/** Returns the record when the caller may see it; otherwise 404 as if it did not exist. */
export function visibleOr404<T>(
  principal: Principal,
  practice: Practice,
  kind: string,
  id: string,
  record: T | null | undefined,
  parties: (record: T) => RecordParties,
): T {
  if (!record || !canSee(principal, practice, parties(record))) throw recordNotFound(kind, id);
  return record;
}
