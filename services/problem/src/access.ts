import type { Role } from '@itsm/auth/rules';

/**
 * Problems are the resolver groups' knowledge: every agent reads them (and the known-error
 * database) while working incidents; a requester sees none. `admin` holds every role.
 */
export const READERS: [Role, ...Role[]] = ['agent', 'problem_manager'];
/** Decisions that are the practice's to take: accepting a risk, canceling a problem. */
export const MANAGERS: [Role, ...Role[]] = ['problem_manager'];
