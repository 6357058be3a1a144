export * from './create-sla-repair-table.migration';
export * from './sla-repair-batch';
export * from './sla-repair-request';
