import { launch } from '@itsm/runtime/launch';

launch('configuration', () => import('./configuration.definition.js'));
