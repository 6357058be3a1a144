export * from './health/readiness';
export * from './migrate-command';
export * from './platform.module';
export * from './run-service';
export * from './service-config';
export * from './service-definition';
export * from './timers/recurring-job';
