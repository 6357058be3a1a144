import { Audited, VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';

/** A shelf of the catalog ("Hardware", "Access"): items name the category they are shown under. */
@Audited({ entityType: 'catalog_category' })
@Entity({ name: 'catalog_categories' })
export class CatalogCategory extends VersionedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;
}
