import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { ChangeTemplateVersion } from '../change-template-version.entity';
import { isRefusal, publication } from '@itsm/versioning';
import type { TemplateView } from '../template-view';
import { lifecycleRefused, TemplateWriter } from '../template-writer';

/** Publishes the draft: standard changes are made from it from now on; the one before retires. */
@Injectable()
export class PublishTemplate {
  constructor(private readonly writer: TemplateWriter) {}

  execute(id: string, version: number, caller: Principal): Promise<TemplateView> {
    return this.writer.change(id, version, async (manager, template, versions, now) => {
      const outcome = publication(versions, 'template');
      if (isRefusal(outcome)) throw lifecycleRefused(template, outcome);
      // Retire first: at most one version of a template is published at any moment.
      if (outcome.retire !== undefined) {
        await manager.update(
          ChangeTemplateVersion,
          { templateId: id, version: outcome.retire },
          { state: 'retired', retiredAt: now },
        );
      }
      await manager.update(
        ChangeTemplateVersion,
        { templateId: id, version: outcome.publish },
        { state: 'published', publishedBy: caller.id, publishedAt: now },
      );
    });
  }
}
