import { HttpStatus, Injectable } from '@nestjs/common';
import { recordNotFound } from '@itsm/auth';
import { problem } from '@itsm/http';
import { assertVersion, brokenUniqueConstraint } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeTemplateVersion } from './change-template-version.entity';
import { ChangeTemplate } from './change-template.entity';
import type { LifecycleRefusal } from '@itsm/versioning';
import { TemplatesService } from './templates.service';
import type { TemplateView } from './template-view';

export type TemplateEdit = (
  manager: EntityManager,
  template: ChangeTemplate,
  versions: ChangeTemplateVersion[],
  now: Date,
) => Promise<void>;

/**
 * Every change of a template: locks its row, checks the version read, applies `edit` to it and
 * its versions, and touches the row so that its ETag moves.
 */
@Injectable()
export class TemplateWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplatesService,
  ) {}

  change(id: string, version: number, edit: TemplateEdit): Promise<TemplateView> {
    return this.dataSource.transaction(async (manager) => {
      const template = await manager.findOne(ChangeTemplate, {
        where: { id },
        lock: { mode: 'for_no_key_update' },
      });
      if (!template) throw recordNotFound('Change template', id);
      assertVersion(template, 'Change template', version);
      const versions = await manager.findBy(ChangeTemplateVersion, { templateId: id });
      const now = new Date();
      await edit(manager, template, versions, now);
      template.updatedAt = now;
      await saveTemplate(manager, template);
      return this.templates.viewOf(manager, template);
    });
  }
}

/** Saves the template's row; a name another template has is a 409 naming the field. */
export function saveTemplate(manager: EntityManager, template: ChangeTemplate) {
  return manager.save(template).catch((error: unknown) => {
    if (brokenUniqueConstraint(error) !== 'change_template_name') throw error;
    throw problem(
      HttpStatus.CONFLICT,
      'template-name-taken',
      'Another template has this name',
      `A change template named "${template.name}" exists already`,
      { errors: [{ field: 'name', message: 'another template has this name' }] },
    );
  });
}

export function lifecycleRefused(template: ChangeTemplate, refused: LifecycleRefusal) {
  return problem(
    HttpStatus.CONFLICT,
    'illegal-transition',
    'The template lifecycle does not allow this',
    `Change template "${template.name}": ${refused.reason}`,
    { versionStates: refused.current },
  );
}
