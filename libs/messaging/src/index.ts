export * from './kafka-admin';
export * from './kafka-client';
export * from './kafka-config';
export * from './kafka-consumer';
export * from './kafka-producer';
