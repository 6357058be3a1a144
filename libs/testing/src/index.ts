export * from './infrastructure';
export * from './test-database';
export * from './test-kafka';
export * from './messaging-pipeline';
export * from './disposable-servers';
export * from './tokens';
export * from './test-issuer';
export * from './access-matrix';
