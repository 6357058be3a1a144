import { launch } from '@itsm/runtime/launch';

launch('change', () => import('./change.definition.js'));
