import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { DataSource } from 'typeorm';
import { ChangeTemplateVersion } from '../change-template-version.entity';
import { ChangeTemplate } from '../change-template.entity';
import type { CreateTemplateRequest } from '../template.dto';
import { TemplatesService } from '../templates.service';
import type { TemplateView } from '../template-view';
import { saveTemplate } from '../template-writer';

/** Adds a template to the catalogue: its first version, a draft until it is published. */
@Injectable()
export class CreateTemplate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplatesService,
  ) {}

  execute(request: CreateTemplateRequest, caller: Principal): Promise<TemplateView> {
    return this.dataSource.transaction(async (manager) => {
      const template = await saveTemplate(
        manager,
        manager.create(ChangeTemplate, { name: request.name, createdBy: caller.id }),
      );
      await manager.insert(ChangeTemplateVersion, {
        templateId: template.id,
        version: 1,
        state: 'draft',
        shortDescription: request.shortDescription,
        description: request.description ?? null,
        justification: request.justification,
        implementationPlan: request.implementationPlan,
        backoutPlan: request.backoutPlan,
        testPlan: request.testPlan,
        assignmentGroup: request.assignmentGroup ?? null,
        editedBy: caller.id,
        editedAt: template.createdAt,
      });
      return this.templates.viewOf(manager, template);
    });
  }
}
