import { VersionedEntity } from '@itsm/persistence';
import { Column, Entity } from 'typeorm';

/**
 * A standard-change template: its name and the row every edit, publication and retirement touches,
 * so that its `version` (the ETag) says whether the caller read the catalogue entry as it is.
 * Its content lives in its versions.
 */
@Entity({ name: 'change_templates' })
export class ChangeTemplate extends VersionedEntity {
  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'created_by', type: 'text', update: false })
  createdBy!: string;
}
