import { Injectable } from '@nestjs/common';
import { recordNotFound, type Principal } from '@itsm/auth';
import { decodeCursor, pageOf } from '@itsm/http';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CatalogItemVersion } from './catalog-item-version.entity';
import { itemView, type ItemView } from './catalog-item-view';
import type { ListCatalogItemsQuery } from './catalog-item.dto';
import { CatalogItem } from './catalog-item.entity';
import { isCatalogManager, mayOrder } from './domain/audience';
import { formSchema, type JsonSchema } from './domain/form-schema';

/**
 * Reading the catalog; changing it is the use cases'. A catalog manager sees every item and
 * version; anybody else only the published version of the items they may order, and a 404 for the rest.
 */
@Injectable()
export class CatalogItemsService {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, caller: Principal): Promise<ItemView> {
    const manager = this.dataSource.manager;
    const item = await manager.findOneBy(CatalogItem, { id });
    const view = item && (await this.viewOf(manager, item, caller));
    if (!view) throw recordNotFound('Catalog item', id);
    return view;
  }

  /** The form of the published version (a catalog manager may ask for any version). */
  async form(id: string, caller: Principal, version?: number): Promise<JsonSchema> {
    const view = await this.get(id, caller);
    const wanted = version ?? view.publishedVersion;
    const chosen = view.versions.find((v) => v.version === wanted);
    if (!chosen) throw recordNotFound('Catalog item version', `${id} v${wanted ?? '(published)'}`);
    return {
      ...formSchema(view.name, chosen.variables),
      $id: `/api/v1/catalog-items/${id}/form?version=${chosen.version}`,
      description: chosen.shortDescription,
    };
  }

  async list(query: ListCatalogItemsQuery, caller: Principal) {
    const everything = isCatalogManager(caller);
    const state = everything ? query.state : 'published';
    const builder = this.dataSource.manager
      .createQueryBuilder(CatalogItem, 'i')
      .orderBy('lower(i.name)')
      .addOrderBy('i.id')
      .take(query.limit + 1);
    if (state || query.categoryId || !everything) {
      const conditions = ['v.item_id = i.id'];
      if (state) conditions.push('v.state = :state');
      if (query.categoryId) conditions.push('v.category_id = :categoryId');
      if (!everything) conditions.push('(v.orderable_by IS NULL OR v.orderable_by && :groups)');
      builder.andWhere(
        `EXISTS (SELECT 1 FROM catalog_item_versions v WHERE ${conditions.join(' AND ')})`,
        { state, categoryId: query.categoryId, groups: [...caller.groups] },
      );
    }
    if (query.q) {
      builder.andWhere('i.name ILIKE :text', {
        text: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      });
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, { name: 'text', id: 'uuid' });
      builder.andWhere('(lower(i.name), i.id) > (lower(:name), :afterId::uuid)', {
        name: after.name,
        afterId: after.id,
      });
    }
    // The name as stored, lower-cased by PostgreSQL as the order is: JavaScript's lower case differs.
    const page = pageOf(await builder.getMany(), query.limit, (i) => ({ name: i.name, id: i.id }));
    const versions = await this.dataSource.manager.findBy(CatalogItemVersion, {
      itemId: In(page.items.map((i) => i.id)),
    });
    return {
      ...page,
      items: page.items.flatMap(
        (i) =>
          visibleView(
            i,
            versions.filter((v) => v.itemId === i.id),
            caller,
          ) ?? [],
      ),
    };
  }

  /** The item as the caller may see it, or undefined when they may not see it at all. */
  async viewOf(
    manager: EntityManager,
    item: CatalogItem,
    caller: Principal,
  ): Promise<ItemView | undefined> {
    const versions = await manager.findBy(CatalogItemVersion, { itemId: item.id });
    return visibleView(item, versions, caller);
  }
}

function visibleView(item: CatalogItem, versions: CatalogItemVersion[], caller: Principal) {
  if (isCatalogManager(caller)) return itemView(item, versions);
  const published = versions.find((v) => v.state === 'published');
  if (!published || !mayOrder(caller, published.orderableBy)) return undefined;
  return itemView(item, [published]);
}
