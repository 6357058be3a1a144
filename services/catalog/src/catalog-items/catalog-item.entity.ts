import { VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';

/**
 * A catalog item: its name and the row every edit, publication and retirement touches, so that its
 * `version` (the ETag) says whether the caller read the item as it is. What it offers lives in its
 * versions.
 */
@Entity({ name: 'catalog_items' })
export class CatalogItem extends VersionedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_by', type: 'text', update: false })
  createdBy!: string;
}
