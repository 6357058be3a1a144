import { HttpStatus, Injectable } from '@nestjs/common';
import { recordNotFound } from '@itsm/auth';
import { problem } from '@itsm/http';
import { assertVersion, withAuditActor } from '@itsm/persistence';
import { DataSource } from 'typeorm';
import { CatalogItemVersion } from '../../catalog-items/catalog-item-version.entity';
import { CatalogCategory } from '../catalog-category.entity';
import { removalRefusal } from '../domain/category-removal';
import type { Principal } from '@itsm/auth';

/** Removes a category no catalog item uses (if it is still the version read, when one is given). */
@Injectable()
export class RemoveCategory {
  constructor(private readonly dataSource: DataSource) {}

  execute(id: string, expected: number | undefined, caller: Principal): Promise<void> {
    return withAuditActor(caller.id, () =>
      this.dataSource.transaction(async (manager) => {
        // FOR UPDATE conflicts with the share lock of the foreign key check: an item version naming
        // the category at the same moment is either committed first, and counted, or waits.
        const category = await manager.findOne(CatalogCategory, {
          where: { id },
          lock: { mode: 'pessimistic_write' },
        });
        if (!category) throw recordNotFound('Catalog category', id);
        if (expected !== undefined) assertVersion(category, 'Catalog category', expected);
        const { items } = (await manager
          .createQueryBuilder(CatalogItemVersion, 'v')
          .select('count(DISTINCT v.item_id)::int', 'items')
          .where('v.category_id = :id', { id })
          .getRawOne<{ items: number }>())!;
        const refusal = removalRefusal(items);
        if (refusal) {
          throw problem(
            HttpStatus.CONFLICT,
            'category-in-use',
            'Catalog items use this category',
            `Catalog category "${category.name}": ${refusal}`,
            { itemsUsing: items },
          );
        }
        await manager.remove(category);
      }),
    );
  }
}
