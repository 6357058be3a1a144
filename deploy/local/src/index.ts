export * from './kafka-broker';
export * from './local-stack';
export * from './platform';
export * from './postgres-server';
export * from './processes';
export * from './service-process';
export * from './workspace';
