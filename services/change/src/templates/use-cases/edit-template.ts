import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { ChangeTemplateVersion, type TemplateContent } from '../change-template-version.entity';
import { versionToEdit } from '@itsm/versioning';
import type { EditTemplateRequest } from '../template.dto';
import type { TemplateView } from '../template-view';
import { TemplateWriter } from '../template-writer';

const CONTENT_FIELDS: ReadonlyArray<keyof TemplateContent> = [
  'shortDescription',
  'description',
  'justification',
  'implementationPlan',
  'backoutPlan',
  'testPlan',
  'assignmentGroup',
];

/**
 * Renames a template and edits its content: the open draft, or a new draft version copied from the
 * latest, so that published versions, and the changes made from them, never change.
 */
@Injectable()
export class EditTemplate {
  constructor(private readonly writer: TemplateWriter) {}

  execute(
    id: string,
    request: EditTemplateRequest,
    version: number,
    caller: Principal,
  ): Promise<TemplateView> {
    return this.writer.change(id, version, async (manager, template, versions, now) => {
      if (request.name !== undefined) template.name = request.name;
      const edits = CONTENT_FIELDS.filter((field) => request[field] !== undefined);
      if (edits.length === 0) return;
      const target = versionToEdit(versions);
      const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
      const draft: ChangeTemplateVersion = target.isNew
        ? manager.create(ChangeTemplateVersion, {
            ...latest,
            version: target.version,
            state: 'draft',
            publishedBy: null,
            publishedAt: null,
            retiredAt: null,
          })
        : latest;
      for (const field of edits) {
        (draft as unknown as Record<string, unknown>)[field] = request[field];
      }
      draft.editedBy = caller.id;
      draft.editedAt = now;
      await manager.save(draft);
    });
  }
}
