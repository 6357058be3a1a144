import { launch } from '@itsm/runtime/launch';

launch('incident', () => import('./incident.definition.js'));
