import { ROLES, type Role } from '@itsm/auth';

/** Reads of the CMDB are open to every role: the estate is what everybody reasons with. */
export const READERS: [Role, ...Role[]] = [...ROLES];

/** The CMDB's owners: they change classes, CIs, relationships and the rules. */
export const WRITERS: [Role, ...Role[]] = ['configuration_manager'];
