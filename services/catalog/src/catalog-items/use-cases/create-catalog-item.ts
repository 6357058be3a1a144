import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { DataSource } from 'typeorm';
import { CatalogItemVersion } from '../catalog-item-version.entity';
import type { ItemView } from '../catalog-item-view';
import { assertCategoryExists, assertConsistent, saveItem } from '../catalog-item-writer';
import type { CreateCatalogItemRequest } from '../catalog-item.dto';
import { CatalogItem } from '../catalog-item.entity';
import { CatalogItemsService } from '../catalog-items.service';
import type { ItemDefinition } from '../domain/item-definition';
import { approvalOf, planOf, priceOf, variableOf } from '../item-definition-of';
import { provisioningOf } from '../../provisioning/provisioning-rule-of';

/** Adds an item to the catalog: its first version, a draft until it is published. */
@Injectable()
export class CreateCatalogItem {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: CatalogItemsService,
  ) {}

  execute(request: CreateCatalogItemRequest, caller: Principal): Promise<ItemView> {
    const definition: ItemDefinition = {
      shortDescription: request.shortDescription,
      description: request.description ?? null,
      categoryId: request.categoryId ?? null,
      variables: request.variables.map(variableOf),
      plan: planOf(request.plan),
      approval: approvalOf(request.approval),
      price: request.price ? priceOf(request.price) : null,
      deliveryTargetHours: request.deliveryTargetHours ?? null,
      orderableBy: request.orderableBy ?? null,
      provisioning: request.provisioning ? provisioningOf(request.provisioning) : null,
    };
    assertConsistent(definition);
    return this.dataSource.transaction(async (manager) => {
      await assertCategoryExists(manager, definition.categoryId);
      const item = await saveItem(
        manager,
        manager.create(CatalogItem, { name: request.name, createdBy: caller.id }),
      );
      await manager.save(
        manager.create(CatalogItemVersion, {
          itemId: item.id,
          version: 1,
          state: 'draft',
          ...definition,
          editedBy: caller.id,
          editedAt: item.createdAt,
        }),
      );
      return (await this.items.viewOf(manager, item, caller))!;
    });
  }
}
