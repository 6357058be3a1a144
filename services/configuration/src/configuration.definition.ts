import { defineService } from '@itsm/runtime';

export const definition = defineService({
  practice: 'configuration',
  title: 'Configuration management (CMDB)',
  description:
    'Knows what the organisation has and how it fits together: CI classes, CIs, relationships, impact analysis, imports.',
  version: '0.1.0',
  modules: [],
  entities: [],
  migrations: [],
});
