import { defineService } from '@itsm/runtime';

export const definition = defineService({
  practice: 'problem',
  title: 'Problem management',
  description:
    'Finds and removes the causes of incidents: problems, known errors, proactive detection.',
  version: '0.1.0',
  modules: [],
  entities: [],
  migrations: [],
});
