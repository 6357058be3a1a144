import { HttpStatus, Injectable } from '@nestjs/common';
import { recordNotFound } from '@itsm/auth';
import { decodeCursor, pageOf, problem } from '@itsm/http';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ChangeTemplateVersion } from './change-template-version.entity';
import { ChangeTemplate } from './change-template.entity';
import type { ListTemplatesQuery } from './template.dto';
import { templateView, type TemplateView } from './template-view';

/** Reading the catalogue of templates; changing it is the use cases'. */
@Injectable()
export class TemplatesService {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string): Promise<TemplateView> {
    const manager = this.dataSource.manager;
    const template = await manager.findOneBy(ChangeTemplate, { id });
    if (!template) throw recordNotFound('Change template', id);
    return this.viewOf(manager, template);
  }

  async list(query: ListTemplatesQuery) {
    const builder = this.dataSource.manager
      .createQueryBuilder(ChangeTemplate, 't')
      .orderBy('lower(t.name)')
      .addOrderBy('t.id')
      .take(query.limit + 1);
    if (query.state) {
      builder.andWhere(
        'EXISTS (SELECT 1 FROM change_template_versions v WHERE v.template_id = t.id AND v.state = :state)',
        { state: query.state },
      );
    }
    if (query.q) {
      builder.andWhere('t.name ILIKE :text', {
        text: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { name: 'text', id: 'uuid' });
      // The cursor holds the name as stored: PostgreSQL's lower() orders the list, and JavaScript's
      // differs from it (ASCII only in the C locale, final sigma, dotted I).
      builder.andWhere('(lower(t.name), t.id) > (lower(:name), :afterId::uuid)', {
        name: after.name,
        afterId: after.id,
      });
    }
    const page = pageOf(await builder.getMany(), query.limit, (t) => ({ name: t.name, id: t.id }));
    const versions = await this.dataSource.manager.findBy(ChangeTemplateVersion, {
      templateId: In(page.items.map((t) => t.id)),
    });
    return {
      ...page,
      items: page.items.map((t) =>
        templateView(
          t,
          versions.filter((v) => v.templateId === t.id),
        ),
      ),
    };
  }

  async viewOf(manager: EntityManager, template: ChangeTemplate): Promise<TemplateView> {
    const versions = await manager.findBy(ChangeTemplateVersion, { templateId: template.id });
    return templateView(template, versions);
  }

  /**
   * The version a standard change is made from now: the published one, read under a share lock so
   * that a publication or retirement waits for the change being made from it.
   */
  async published(manager: EntityManager, templateId: string): Promise<ChangeTemplateVersion> {
    const exists = await manager.existsBy(ChangeTemplate, { id: templateId });
    if (!exists) {
      throw problem(
        HttpStatus.BAD_REQUEST,
        'validation',
        'The request is invalid',
        `No change template ${templateId}`,
        { errors: [{ field: 'templateId', message: 'no such change template' }] },
      );
    }
    const published = await manager.findOne(ChangeTemplateVersion, {
      where: { templateId, state: 'published' },
      lock: { mode: 'pessimistic_read' },
    });
    if (!published) {
      throw problem(
        HttpStatus.CONFLICT,
        'template-not-published',
        'The template has no published version',
        `Change template ${templateId} has no published version: publish it, or choose another`,
        { errors: [{ field: 'templateId', message: 'no published version' }] },
      );
    }
    return published;
  }
}
