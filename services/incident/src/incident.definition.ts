import { defineService } from '@itsm/runtime';

export const definition = defineService({
  practice: 'incident',
  title: 'Incident management',
  description:
    'Restores normal service as quickly as possible: incidents, priority, SLA clocks, major incidents.',
  version: '0.1.0',
  modules: [],
  entities: [],
  migrations: [],
});
