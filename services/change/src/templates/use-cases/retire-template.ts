import { Injectable } from '@nestjs/common';
import { ChangeTemplateVersion } from '../change-template-version.entity';
import { isRefusal, retirement } from '@itsm/versioning';
import type { TemplateView } from '../template-view';
import { lifecycleRefused, TemplateWriter } from '../template-writer';

/** Withdraws the template: no new standard change is made from it; those made keep their copy. */
@Injectable()
export class RetireTemplate {
  constructor(private readonly writer: TemplateWriter) {}

  execute(id: string, version: number): Promise<TemplateView> {
    return this.writer.change(id, version, async (manager, template, versions, now) => {
      const outcome = retirement(versions);
      if (isRefusal(outcome)) throw lifecycleRefused(template, outcome);
      await manager.update(
        ChangeTemplateVersion,
        { templateId: id, version: outcome.retire },
        { state: 'retired', retiredAt: now },
      );
    });
  }
}
