import type { CatalogItemVersion } from './catalog-item-version.entity';
import type { CatalogItem } from './catalog-item.entity';

export function itemVersionView(v: CatalogItemVersion) {
  return {
    version: v.version,
    state: v.state,
    shortDescription: v.shortDescription,
    description: v.description,
    categoryId: v.categoryId,
    variables: v.variables,
    plan: v.plan,
    approval: v.approval,
    price: v.price,
    deliveryTargetHours: v.deliveryTargetHours,
    orderableBy: v.orderableBy,
    provisioning: v.provisioning,
    editedBy: v.editedBy,
    editedAt: v.editedAt,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
    retiredAt: v.retiredAt,
  };
}

/** An item with the versions the caller may see, newest first, and which one requests are made from. */
export function itemView(item: CatalogItem, versions: readonly CatalogItemVersion[]) {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return {
    id: item.id,
    name: item.name,
    publishedVersion: newestFirst.find((v) => v.state === 'published')?.version ?? null,
    versions: newestFirst.map(itemVersionView),
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    version: item.version,
  };
}

export type ItemVersionView = ReturnType<typeof itemVersionView>;
export type ItemView = ReturnType<typeof itemView>;
