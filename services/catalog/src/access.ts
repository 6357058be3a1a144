import type { Role } from '@itsm/auth/rules';

/**
 * Every person signed in (each holds `requester`) browses the catalog and orders from it; each item
 * says who may order it. Integrations order nothing.
 */
export const PEOPLE: [Role, ...Role[]] = ['requester'];
/** Who edits the catalog: its items, their versions and categories. */
export const MANAGERS: [Role, ...Role[]] = ['catalog_manager'];
/** Who fulfils requests: agents for the tasks of their groups, catalog managers for all. */
export const FULFILLERS: [Role, ...Role[]] = ['agent', 'catalog_manager'];
/** Who orders for somebody else (`requestedFor`): the service desk's agents and catalog managers. */
export const ON_BEHALF: [Role, ...Role[]] = ['agent', 'catalog_manager'];
