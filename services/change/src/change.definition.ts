import { defineService } from '@itsm/runtime';
import { Change } from './changes/change.entity';
import { ChangesModule } from './changes/changes.module';
import { HistoryModule } from './history/history.module';
import { CreateChanges1766000000000 } from './migrations/1766000000000-create-changes';
import { ChangeTemplateVersion } from './templates/change-template-version.entity';
import { ChangeTemplate } from './templates/change-template.entity';
import { TemplatesModule } from './templates/templates.module';

export const definition = defineService({
  practice: 'change',
  title: 'Change enablement',
  description:
    'Makes changes without breaking things: standard, normal and emergency changes, their state models and the catalogue of standard-change templates.',
  version: '0.2.0',
  modules: [ChangesModule, TemplatesModule, HistoryModule],
  entities: [Change, ChangeTemplate, ChangeTemplateVersion],
  migrations: [CreateChanges1766000000000],
});
