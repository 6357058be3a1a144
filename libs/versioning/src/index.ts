export * from './domain/version-lifecycle';
