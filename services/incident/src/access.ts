import { ROLES, type Role } from '@itsm/auth/rules';

/** Everybody signed in may raise an incident and see their own. */
export const ANYONE: [Role, ...Role[]] = [...ROLES];
/** Service desk and resolver groups work incidents; managers see and change every one. */
export const WORKERS: [Role, ...Role[]] = ['agent', 'incident_manager'];
export const MANAGERS: [Role, ...Role[]] = ['incident_manager'];
