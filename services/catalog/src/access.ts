import { ROLES, type Role } from '@itsm/auth/rules';

/** Everybody signed in browses the catalog and orders from it; each item says who may order it. */
export const ANYONE: [Role, ...Role[]] = [...ROLES];
/** Who edits the catalog: its items, their versions and categories. */
export const MANAGERS: [Role, ...Role[]] = ['catalog_manager'];
/** Who fulfils requests: agents for the tasks of their groups, catalog managers for all. */
export const FULFILLERS: [Role, ...Role[]] = ['agent', 'catalog_manager'];
