import { Module } from '@nestjs/common';
import { TemplateWriter } from './template-writer';
import { TemplatesController } from './templates.controller';
import { TemplatesService } from './templates.service';
import { CreateTemplate } from './use-cases/create-template';
import { EditTemplate } from './use-cases/edit-template';
import { PublishTemplate } from './use-cases/publish-template';
import { RetireTemplate } from './use-cases/retire-template';

/** The catalogue of standard-change templates and their versions. */
@Module({
  controllers: [TemplatesController],
  providers: [
    TemplatesService,
    TemplateWriter,
    CreateTemplate,
    EditTemplate,
    PublishTemplate,
    RetireTemplate,
  ],
  exports: [TemplatesService],
})
export class TemplatesModule {}
