export * from './sla-clock-table';
export * from './sla-timer-batch';
