import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { CatalogItemVersion } from '../catalog-item-version.entity';
import type { ItemView } from '../catalog-item-view';
import { CatalogItemWriter, lifecycleRefused } from '../catalog-item-writer';
import { isRefusal, publication } from '@itsm/versioning';

/** Publishes the draft: requests are made from it from now on; the one before retires. */
@Injectable()
export class PublishCatalogItem {
  constructor(private readonly writer: CatalogItemWriter) {}

  execute(id: string, version: number, caller: Principal): Promise<ItemView> {
    return this.writer.change(id, version, caller, async (manager, item, versions, now) => {
      const outcome = publication(versions, 'catalog item');
      if (isRefusal(outcome)) throw lifecycleRefused(item, outcome);
      // Retire first: at most one version of an item is published at any moment.
      if (outcome.retire !== undefined) {
        await manager.update(
          CatalogItemVersion,
          { itemId: id, version: outcome.retire },
          { state: 'retired', retiredAt: now },
        );
      }
      await manager.update(
        CatalogItemVersion,
        { itemId: id, version: outcome.publish },
        { state: 'published', publishedBy: caller.id, publishedAt: now },
      );
      await this.writer.announce(manager, 'published', item, outcome.publish, caller, now);
    });
  }
}
