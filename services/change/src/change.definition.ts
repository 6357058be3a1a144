import { defineService } from '@itsm/runtime';

export const definition = defineService({
  practice: 'change',
  title: 'Change enablement',
  description:
    'Makes changes without breaking things: risk, approvals, schedule, conflicts and the change calendar.',
  version: '0.1.0',
  modules: [],
  entities: [],
  migrations: [],
});
