import { launch } from '@itsm/runtime/launch';

launch('catalog', () => import('./catalog.definition.js'));
