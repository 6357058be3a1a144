import { defineService } from '@itsm/runtime';

export const definition = defineService({
  practice: 'catalog',
  title: 'Service catalog and request fulfilment',
  description:
    'Offers services to employees: catalog items, requests, requested items and fulfilment tasks.',
  version: '0.1.0',
  modules: [],
  entities: [],
  migrations: [],
});
