import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { CatalogItemVersion } from '../catalog-item-version.entity';
import type { ItemView } from '../catalog-item-view';
import { CatalogItemWriter, lifecycleRefused } from '../catalog-item-writer';
import { isRefusal, retirement } from '@itsm/versioning';

/** Withdraws the item: nobody orders it any more; requests made from it keep their version. */
@Injectable()
export class RetireCatalogItem {
  constructor(private readonly writer: CatalogItemWriter) {}

  execute(id: string, version: number, caller: Principal): Promise<ItemView> {
    return this.writer.change(id, version, caller, async (manager, item, versions, now) => {
      const outcome = retirement(versions);
      if (isRefusal(outcome)) throw lifecycleRefused(item, outcome);
      await manager.update(
        CatalogItemVersion,
        { itemId: id, version: outcome.retire },
        { state: 'retired', retiredAt: now },
      );
      await this.writer.announce(manager, 'retired', item, outcome.retire, caller, now);
    });
  }
}
