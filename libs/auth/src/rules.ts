/**
 * Who may see and work which record, without Nest: the entry point for domain rules
 * (`@itsm/auth/rules`). The package's root adds the guard, the decorators and the 404.
 */
export * from './principal';
export * from './record-access';
export * from './roles';
