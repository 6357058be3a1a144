import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { catalogItemPublished, catalogItemRetired } from '@itsm/contracts';
import { recordNotFound, type Principal } from '@itsm/auth';
import { problem, validationProblem } from '@itsm/http';
import { Outbox } from '@itsm/messaging';
import { assertVersion, brokenUniqueConstraint } from '@itsm/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { CatalogCategory } from '../categories/catalog-category.entity';
import { CatalogItemVersion } from './catalog-item-version.entity';
import type { ItemView } from './catalog-item-view';
import { CatalogItem } from './catalog-item.entity';
import { CatalogItemsService } from './catalog-items.service';
import { definitionErrors, type ItemDefinition } from './domain/item-definition';
import type { LifecycleRefusal } from '@itsm/versioning';

export type ItemEdit = (
  manager: EntityManager,
  item: CatalogItem,
  versions: CatalogItemVersion[],
  now: Date,
) => Promise<void>;

/**
 * Every change of an item: locks its row, checks the version read, applies `edit` to it and its
 * versions, and touches the row so that its ETag moves.
 */
@Injectable()
export class CatalogItemWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: CatalogItemsService,
    @Inject(Outbox) private readonly outbox: Outbox,
  ) {}

  change(id: string, version: number, caller: Principal, edit: ItemEdit): Promise<ItemView> {
    return this.dataSource.transaction(async (manager) => {
      const item = await manager.findOne(CatalogItem, {
        where: { id },
        lock: { mode: 'for_no_key_update' },
      });
      if (!item) throw recordNotFound('Catalog item', id);
      assertVersion(item, 'Catalog item', version);
      const versions = await manager.findBy(CatalogItemVersion, { itemId: id });
      const now = new Date();
      await edit(manager, item, versions, now);
      item.updatedAt = now;
      await saveItem(manager, item);
      return (await this.items.viewOf(manager, item, caller))!;
    });
  }

  /** Announces that `itemVersion` of the item was published or retired. */
  announce(
    manager: EntityManager,
    what: 'published' | 'retired',
    item: CatalogItem,
    itemVersion: number,
    caller: Principal,
    now: Date,
  ) {
    return this.outbox.publishMany(manager, [
      {
        definition: what === 'published' ? catalogItemPublished : catalogItemRetired,
        aggregateId: item.id,
        data: {
          id: item.id,
          name: item.name,
          itemVersion,
          changedBy: caller.id,
          changedAt: now.toISOString(),
        },
      },
    ]);
  }
}

/** Saves the item's row; a name another item has is a 409 naming the field. */
export function saveItem(manager: EntityManager, item: CatalogItem) {
  return manager.save(item).catch((error: unknown) => {
    if (brokenUniqueConstraint(error) !== 'catalog_item_name') throw error;
    throw problem(
      HttpStatus.CONFLICT,
      'item-name-taken',
      'Another item has this name',
      `A catalog item named "${item.name}" exists already`,
      { errors: [{ field: 'name', message: 'another item has this name' }] },
    );
  });
}

/** A 400 naming each inconsistency of a definition, before anything is written. */
export function assertConsistent(definition: ItemDefinition) {
  const errors = definitionErrors(definition);
  if (errors.length > 0) throw validationProblem(errors);
}

/**
 * A 400 naming `categoryId` when it names no category (the foreign key would answer 500). The
 * category is key-share-locked until the write commits, as the foreign key's own check does, so a
 * removal at the same moment either waits and counts this item, or goes first and this is the 400;
 * an edit of the category's name or description does not hold the write back.
 */
export async function assertCategoryExists(manager: EntityManager, categoryId: string | null) {
  if (categoryId === null) return;
  const category = await manager.findOne(CatalogCategory, {
    where: { id: categoryId },
    lock: { mode: 'for_key_share' },
  });
  if (category) return;
  throw validationProblem([{ field: 'categoryId', message: 'categoryId must name a category' }]);
}

export function lifecycleRefused(item: CatalogItem, refused: LifecycleRefusal) {
  return problem(
    HttpStatus.CONFLICT,
    'illegal-transition',
    'The item lifecycle does not allow this',
    `Catalog item "${item.name}": ${refused.reason}`,
    { versionStates: refused.current },
  );
}
