import { ROLES, type Role } from '@itsm/auth/rules';

/** Everybody signed in may call the reading endpoints; each record says what they may see of it. */
export const ANYONE: [Role, ...Role[]] = [...ROLES];
/** Who raises and works changes: agents for their assignment groups, change managers for all. */
export const WORKERS: [Role, ...Role[]] = ['agent', 'change_manager'];
/** Who reads every change: the people who plan, review and carry them out. */
export const READERS: [Role, ...Role[]] = ['agent', 'cab_member', 'change_manager'];
export const MANAGERS: [Role, ...Role[]] = ['change_manager'];
/** Who may vote on changes: change managers, and CAB members (the board's group decides which). */
export const VOTERS: [Role, ...Role[]] = ['change_manager', 'cab_member'];
/**
 * Who asks the deployment gate and reports deployments: CI/CD integrations (`deployer`, which may
 * do nothing else) and change managers.
 */
export const DEPLOYERS: [Role, ...Role[]] = ['deployer', 'change_manager'];
