export type { SubjectPhase } from './domain/clock-run';
export * from './domain/sla-alerts';
export * from './domain/sla-clock';
export * from './domain/sla-definition';
export * from './domain/sla-view';
