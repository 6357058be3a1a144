import { launch } from '@itsm/runtime/launch';

launch('problem', () => import('./problem.definition.js'));
