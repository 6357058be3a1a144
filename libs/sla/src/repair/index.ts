export * from './sla-repair-batch';
export * from './sla-repair-request';
