import { Injectable } from '@nestjs/common';
import type { Principal } from '@itsm/auth';
import { CatalogItemVersion } from '../catalog-item-version.entity';
import type { ItemView } from '../catalog-item-view';
import { assertCategoryExists, assertConsistent, CatalogItemWriter } from '../catalog-item-writer';
import type { EditCatalogItemRequest } from '../catalog-item.dto';
import type { ItemDefinition } from '../domain/item-definition';
import { versionToEdit } from '@itsm/versioning';
import { approvalOf, planOf, priceOf, variableOf } from '../item-definition-of';
import { provisioningOf } from '../../provisioning/provisioning-rule-of';

/** The fields of the request that change a definition, converted to what is stored. */
function definitionEdits(request: EditCatalogItemRequest): Partial<ItemDefinition> {
  const edits: Partial<ItemDefinition> = {
    shortDescription: request.shortDescription,
    description: request.description,
    categoryId: request.categoryId,
    variables: request.variables?.map(variableOf),
    plan: request.plan && planOf(request.plan),
    approval: request.approval && approvalOf(request.approval),
    price: request.price === undefined ? undefined : request.price && priceOf(request.price),
    deliveryTargetHours: request.deliveryTargetHours,
    orderableBy: request.orderableBy,
    provisioning:
      request.provisioning === undefined
        ? undefined
        : request.provisioning && provisioningOf(request.provisioning),
  };
  return Object.fromEntries(Object.entries(edits).filter(([, v]) => v !== undefined));
}

/**
 * Renames an item and edits what it offers: the open draft, or a new draft version copied from the
 * latest, so that published versions, and the requests made from them, never change.
 */
@Injectable()
export class EditCatalogItem {
  constructor(private readonly writer: CatalogItemWriter) {}

  execute(
    id: string,
    request: EditCatalogItemRequest,
    version: number,
    caller: Principal,
  ): Promise<ItemView> {
    return this.writer.change(id, version, caller, async (manager, item, versions, now) => {
      if (request.name !== undefined) item.name = request.name;
      const edits = definitionEdits(request);
      if (Object.keys(edits).length === 0) return;
      const target = versionToEdit(versions);
      const latest = versions.reduce((a, b) => (b.version > a.version ? b : a));
      const draft: CatalogItemVersion = target.isNew
        ? manager.create(CatalogItemVersion, {
            ...latest,
            version: target.version,
            state: 'draft',
            publishedBy: null,
            publishedAt: null,
            retiredAt: null,
          })
        : latest;
      Object.assign(draft, edits);
      assertConsistent(draft);
      await assertCategoryExists(manager, draft.categoryId);
      draft.editedBy = caller.id;
      draft.editedAt = now;
      await manager.save(draft);
    });
  }
}
