import type { Practice } from '@itsm/contracts';
import { hasAnyRole, isMemberOf, type Principal } from './principal';
import { PRACTICE_MANAGER } from './roles';

/** Who a task record (incident, change, request…) belongs to, as far as access is concerned. */
export interface RecordParties {
  /** The people the record is theirs: who opened it, the caller, the requested-for user. */
  requesters: ReadonlyArray<string | null | undefined>;
  assignmentGroup?: string | null;
  assignee?: string | null;
}

/**
 * Which records of a practice a caller may see: all of them (its manager, admin), or only those they
 * requested, are assigned to, or (agents) whose assignment group they belong to.
 */
export type RecordScope =
  { kind: 'all' } | { kind: 'restricted'; userId: string; groups: readonly string[] };

export function recordScope(principal: Principal, practice: Practice): RecordScope {
  if (hasAnyRole(principal, [PRACTICE_MANAGER[practice]])) return { kind: 'all' };
  const groups = principal.roles.has('agent') ? [...principal.groups] : [];
  return { kind: 'restricted', userId: principal.id, groups };
}

export function canSee(principal: Principal, practice: Practice, record: RecordParties): boolean {
  const scope = recordScope(principal, practice);
  if (scope.kind === 'all') return true;
  return (
    record.requesters.includes(scope.userId) ||
    record.assignee === scope.userId ||
    (record.assignmentGroup != null && scope.groups.includes(record.assignmentGroup))
  );
}

/**
 * Whether the caller may work the record (change its fields, state, assignment, work notes), beyond
 * what a requester may do on their own record (comment, reopen).
 */
export function canWork(principal: Principal, practice: Practice, record: RecordParties): boolean {
  if (hasAnyRole(principal, [PRACTICE_MANAGER[practice]])) return true;
  if (!principal.roles.has('agent')) return false;
  return record.assignee === principal.id || isMemberOf(principal, record.assignmentGroup);
}

/** Work notes are internal: agents and managers read them, a requester never does. */
export function canReadWorkNotes(principal: Principal, practice: Practice): boolean {
  return hasAnyRole(principal, ['agent', PRACTICE_MANAGER[practice]]);
}

/**
 * A SQL condition for list queries that keeps only the records in scope, or undefined when every
 * record is. Column names are the caller's (qualified with the query's alias).
 */
export function scopeCondition(
  scope: RecordScope,
  columns: { requesters: readonly string[]; assignmentGroup?: string; assignee?: string },
): { where: string; parameters: Record<string, unknown> } | undefined {
  if (scope.kind === 'all') return undefined;
  const clauses = [...columns.requesters, ...(columns.assignee ? [columns.assignee] : [])].map(
    (column) => `${column} = :scopeUser`,
  );
  if (columns.assignmentGroup && scope.groups.length > 0) {
    clauses.push(`${columns.assignmentGroup} = ANY(:scopeGroups)`);
  }
  return {
    // A scope with nothing to match shows nothing, rather than failing as `()`.
    where: clauses.length ? `(${clauses.join(' OR ')})` : 'FALSE',
    parameters: { scopeUser: scope.userId, scopeGroups: [...scope.groups] },
  };
}
